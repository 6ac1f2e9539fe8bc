from enum import StrEnum


class AllianceRole(StrEnum):
    CHAIR = "chair"
    CO_CHAIR = "co_chair"
    MEMBER = "member"
    OBSERVER = "observer"
    RAPPORTEUR = "rapporteur"

    def __str__(self) -> str:
        return str(self.value)
