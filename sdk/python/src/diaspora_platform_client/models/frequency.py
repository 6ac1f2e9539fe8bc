from enum import StrEnum


class Frequency(StrEnum):
    DAILY = "daily"
    IMMEDIATE = "immediate"
    OFF = "off"
    WEEKLY = "weekly"

    def __str__(self) -> str:
        return str(self.value)
