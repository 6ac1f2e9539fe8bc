from enum import StrEnum


class ConnectionStatus(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    PENDING = "pending"
    REMOVED = "removed"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
