"""The Alliance aggregate: the charter every other aggregate refers to (pillars, themes).

Nothing here is specific to one alliance: the GDPA with the Dublin Declaration pillars is
just one configuration (see ``alliance.seed``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from alliance.domain.errors import InvalidInput
from alliance.domain.values import non_empty
from eventkit.aggregate import AggregateRoot


@dataclass(kw_only=True)
class Pillar:
    """A commitment area of the alliance's founding declaration."""

    code: str
    title: str


@dataclass(kw_only=True)
class Theme:
    code: str
    title: str


@dataclass(kw_only=True, eq=False)
class Alliance(AggregateRoot):
    id: UUID
    slug: str
    name: str
    declaration: str
    pillars: list[Pillar] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    founded_at: datetime

    @classmethod
    def found(
        cls,
        *,
        slug: str,
        name: str,
        declaration: str,
        pillars: list[Pillar],
        themes: list[Theme],
        at: datetime,
        alliance_id: UUID | None = None,
    ) -> Alliance:
        if len({p.code for p in pillars}) != len(pillars):
            raise InvalidInput("Pillar codes must be unique.")
        if len({t.code for t in themes}) != len(themes):
            raise InvalidInput("Theme codes must be unique.")
        return cls(
            id=alliance_id or uuid.uuid4(),
            slug=non_empty(slug, "slug").lower(),
            name=non_empty(name, "name"),
            declaration=declaration.strip(),
            pillars=pillars,
            themes=themes,
            founded_at=at,
        )

    def require_pillar(self, code: str) -> None:
        if code not in {p.code for p in self.pillars}:
            raise InvalidInput(f"{code!r} is not a pillar of {self.name}.")

    def require_theme(self, code: str) -> None:
        if code not in {t.code for t in self.themes}:
            raise InvalidInput(f"{code!r} is not a theme of {self.name}.")
