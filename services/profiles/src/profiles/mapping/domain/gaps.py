"""Skills supply (respondents, published) against declared sector needs (public)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from profiles.mapping.domain.campaign import SectorNeed
from profiles.mapping.domain.tables import PublishedTable


@dataclass(frozen=True)
class GapRow:
    sector: str
    skill: str
    #: positions declared as needed (public figures, not protected)
    needed: int
    #: respondents declaring that skill in that sector (the published count, or the coarser
    #: count it cannot be told apart from; None only when that count itself is below k, never
    #: because of a neighbouring cell)
    supply: int | None
    #: supply - needed when supply is shown
    gap: int | None
    priority: int


def gap_table(supply: PublishedTable, needs: Iterable[SectorNeed]) -> list[GapRow]:
    """``supply`` is a published ``sector x skill`` table; needs without a skill compare with
    the sector's margin. Supply below k stays unknown (so does the gap)."""
    if supply.dimensions != ("sector", "skill"):
        raise ValueError("supply must be a sector x skill table")
    shown = supply.best_counts()
    totals: dict[tuple[str, str], tuple[int, int]] = {}
    for need in needs:
        skill = need.skill or "*"
        n, p = totals.get((need.sector, skill), (0, 0))
        totals[(need.sector, skill)] = (n + need.positions, max(p, need.priority))
    rows = []
    for (sector, skill), (needed, priority) in sorted(totals.items()):
        key = (sector, None if skill == "*" else skill)
        # a sector or skill nobody reported is not a category of the table: a true zero
        have = shown.get(key, 0)
        rows.append(
            GapRow(sector, skill, needed, have, None if have is None else have - needed, priority)
        )
    return rows
