from enum import StrEnum


class Stage(StrEnum):
    ADOPTED = "adopted"
    DRAFT = "draft"
    ENDORSED = "endorsed"
    PUBLISHED = "published"
    REVIEWED = "reviewed"

    def __str__(self) -> str:
        return str(self.value)
