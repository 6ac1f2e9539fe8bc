from enum import StrEnum


class Status(StrEnum):
    ACHIEVED = "achieved"
    AT_RISK = "at_risk"
    LATE = "late"
    ON_TRACK = "on_track"

    def __str__(self) -> str:
        return str(self.value)
