from enum import StrEnum


class CommitmentDashboardBy(StrEnum):
    MEMBER = "member"
    PILLAR = "pillar"
    THEME = "theme"

    def __str__(self) -> str:
        return str(self.value)
