from enum import StrEnum


class MembershipReviewInDecision(StrEnum):
    ADMIT = "admit"
    REINSTATE = "reinstate"
    REJECT = "reject"
    SUSPEND = "suspend"

    def __str__(self) -> str:
        return str(self.value)
