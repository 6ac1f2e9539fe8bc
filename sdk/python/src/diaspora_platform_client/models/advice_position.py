from enum import StrEnum


class AdvicePosition(StrEnum):
    OPPOSE = "oppose"
    SUPPORT = "support"
    SUPPORT_WITH_CHANGES = "support_with_changes"

    def __str__(self) -> str:
        return str(self.value)
