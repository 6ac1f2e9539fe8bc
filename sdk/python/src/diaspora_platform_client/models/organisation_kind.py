from enum import StrEnum


class OrganisationKind(StrEnum):
    ACADEMIA = "academia"
    CONSULATE = "consulate"
    DIASPORA_ASSOCIATION = "diaspora_association"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    MINISTRY = "ministry"
    NGO = "ngo"
    PRIVATE_SECTOR = "private_sector"

    def __str__(self) -> str:
        return str(self.value)
