from enum import StrEnum


class BodyKind(StrEnum):
    ADVISORY_GROUP = "advisory_group"
    PLENARY = "plenary"
    SECRETARIAT = "secretariat"
    STEERING_COMMITTEE = "steering_committee"
    WORKING_GROUP = "working_group"

    def __str__(self) -> str:
        return str(self.value)
