from enum import StrEnum


class Choice(StrEnum):
    ABSTAIN = "abstain"
    NO = "no"
    YES = "yes"

    def __str__(self) -> str:
        return str(self.value)
