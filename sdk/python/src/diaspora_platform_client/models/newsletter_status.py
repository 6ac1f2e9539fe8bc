from enum import StrEnum


class NewsletterStatus(StrEnum):
    DRAFT = "draft"
    QUEUING = "queuing"
    SCHEDULED = "scheduled"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
