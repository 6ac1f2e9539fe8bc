from enum import StrEnum


class OpportunityKind(StrEnum):
    EXPERTS = "experts"
    INVESTMENT = "investment"
    MENTORS = "mentors"
    PROJECT = "project"
    VOLUNTEERS = "volunteers"

    def __str__(self) -> str:
        return str(self.value)
