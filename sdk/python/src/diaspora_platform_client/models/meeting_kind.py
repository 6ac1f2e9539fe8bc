from enum import StrEnum


class MeetingKind(StrEnum):
    BODY_MEETING = "body_meeting"
    PLENARY = "plenary"
    REGIONAL_CONSULTATION = "regional_consultation"
    SUMMIT = "summit"
    WORKING_SESSION = "working_session"

    def __str__(self) -> str:
        return str(self.value)
