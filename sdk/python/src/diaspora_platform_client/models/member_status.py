from enum import StrEnum


class MemberStatus(StrEnum):
    ADMITTED = "admitted"
    APPLIED = "applied"
    REJECTED = "rejected"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
