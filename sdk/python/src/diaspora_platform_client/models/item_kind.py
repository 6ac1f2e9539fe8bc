from enum import StrEnum


class ItemKind(StrEnum):
    DECISION = "decision"
    DISCUSSION = "discussion"
    INFORMATION = "information"

    def __str__(self) -> str:
        return str(self.value)
