from enum import StrEnum


class NominationStatus(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOMINATED = "nominated"

    def __str__(self) -> str:
        return str(self.value)
