from enum import StrEnum


class Role(StrEnum):
    ALLIANCE_SECRETARIAT = "alliance_secretariat"
    GOVERNMENT_FOCAL_POINT = "government_focal_point"
    MEMBER = "member"
    MODERATOR = "moderator"
    ORGANISATION_ADMIN = "organisation_admin"
    PARTNER = "partner"
    PLATFORM_ADMIN = "platform_admin"

    def __str__(self) -> str:
        return str(self.value)
