from enum import StrEnum


class EventKind(StrEnum):
    CONSULTATION = "consultation"
    SUMMIT = "summit"
    VIRTUAL_EXCHANGE = "virtual_exchange"
    WEBINAR = "webinar"
    WORKSHOP = "workshop"

    def __str__(self) -> str:
        return str(self.value)
