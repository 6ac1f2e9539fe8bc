from enum import StrEnum


class CampaignInputOwnerKind(StrEnum):
    GOVERNMENT = "government"
    ORGANISATION = "organisation"

    def __str__(self) -> str:
        return str(self.value)
