from enum import StrEnum


class InterestStatus(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    SHORTLISTED = "shortlisted"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
