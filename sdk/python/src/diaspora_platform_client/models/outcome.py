from enum import StrEnum


class Outcome(StrEnum):
    CARRIED = "carried"
    INVALID = "invalid"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
