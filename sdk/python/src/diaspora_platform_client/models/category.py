from enum import StrEnum


class Category(StrEnum):
    ACCOUNT = "account"
    ALLIANCE = "alliance"
    CONNECTIONS = "connections"
    EVENTS = "events"
    MESSAGES = "messages"
    NEWSLETTER = "newsletter"
    OPPORTUNITIES = "opportunities"
    RESOURCES = "resources"

    def __str__(self) -> str:
        return str(self.value)
