"""Pure rules of collective decision: quorum and majority.

Kept apart from the aggregates so that meetings (is the meeting quorate?), motions (may the
vote open? is the result valid?) and reports all compute them the same way.
"""

from __future__ import annotations

import math
from collections.abc import Set
from dataclasses import dataclass
from enum import StrEnum


class MajorityRule(StrEnum):
    #: more yes than no; abstentions do not count
    SIMPLE = "simple"
    #: yes from more than half of all eligible voters
    ABSOLUTE = "absolute"
    #: yes from at least two thirds of the votes cast for or against
    TWO_THIRDS = "two_thirds"
    #: no ballot against (abstentions allowed), and at least one yes
    CONSENSUS = "consensus"


@dataclass(frozen=True, kw_only=True)
class Quorum:
    eligible: int
    present: int
    required: int

    @property
    def met(self) -> bool:
        return self.eligible > 0 and self.present >= self.required


def quorum(eligible: Set[object], present: Set[object], percent: int) -> Quorum:
    """Quorum is ``percent`` % of the eligible voters (rounded up, at least one) present."""
    present_eligible = len(set(eligible) & set(present))
    required = max(1, math.ceil(len(eligible) * percent / 100))
    return Quorum(eligible=len(eligible), present=present_eligible, required=required)


def carried(rule: MajorityRule, *, yes: int, no: int, abstain: int, eligible: int) -> bool:
    if rule is MajorityRule.SIMPLE:
        return yes > no
    if rule is MajorityRule.ABSOLUTE:
        return yes * 2 > eligible
    if rule is MajorityRule.TWO_THIRDS:
        return yes > 0 and yes * 3 >= (yes + no) * 2
    return yes > 0 and no == 0
