from enum import StrEnum


class MajorityRule(StrEnum):
    ABSOLUTE = "absolute"
    CONSENSUS = "consensus"
    SIMPLE = "simple"
    TWO_THIRDS = "two_thirds"

    def __str__(self) -> str:
        return str(self.value)
