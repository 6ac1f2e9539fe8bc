from enum import StrEnum


class ModerationQueueReasonType0(StrEnum):
    HIDDEN = "hidden"
    REPORTED = "reported"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
