from enum import StrEnum


class MemberKind(StrEnum):
    EXPERT = "expert"
    GUEST = "guest"
    MEMBER_STATE = "member_state"
    OBSERVER = "observer"
    ORGANISATION = "organisation"
    YOUTH_LEADER = "youth_leader"

    def __str__(self) -> str:
        return str(self.value)
