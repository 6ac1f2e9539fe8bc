"""Controls: the same attack against methods known to leak, computed in-process on the same
generated respondents, so that a passing suite means the platform resists, not that the
attacker is blind.

* ``before_26``: the method the platform used before issue #26 (suppression, complementary
  suppression with its audit, deterministic rounding, the query-set rule on filters and
  windows; ``profiles.mapping.domain.legacy_disclosure``), minus its ledger of published
  windows (the attack reads few windows).
* ``cell_key_alone``: the ABS cell-key perturbation as the platform computes it, without the
  publication rules (``domain.mapping.publication``): every read shows the cell-key count of
  the data at that moment.

Both answer with the JSON the API gives, so the attacker reads them exactly as it reads the
platform (``privacy_attack_platform.observations_of``).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from privacy_attack_platform import Seen, TableRequest, observations_of
from privacy_attack_population import MONTHS, Person

from profiles.mapping.domain.cellkey import MODULUS, PTABLE
from profiles.mapping.domain.legacy_disclosure import DisclosurePolicy, refused, release
from profiles.mapping.domain.publication import PublicationPolicy
from profiles.mapping.domain.tables import Cube, cube_from_records


@dataclass
class Simulated:
    method: str  # "before_26" | "cell_key_alone"
    k: int = 10
    rounding_base: int = 5
    originals: list[Person] = field(default_factory=list)
    own: list[Person] = field(default_factory=list)
    withdrawable: list[Person] = field(default_factory=list)
    keys: dict[int, int] = field(default_factory=dict)
    requests: int = 0
    rng: random.Random = field(default_factory=lambda: random.Random(26))

    def _key(self, person: Person) -> int:
        return self.keys.setdefault(id(person), self.rng.randrange(MODULUS))

    async def import_people(self, people: Iterable[Person], seed: int, wave: str = "1") -> None:
        self.originals.extend(people)

    async def add_own(self, person: Person, *, kobo_seed: int | None = None) -> None:
        self.own.append(person)
        if kobo_seed is None:
            self.withdrawable.append(person)

    async def withdraw_own(self) -> Person:
        person = self.withdrawable.pop()
        self.own.remove(person)
        return person

    def _records(self, filters: Iterable[tuple[str, str]], months: Iterable[str]) -> list[Any]:
        wanted, in_months = dict(filters), set(months)
        out = []
        for p in (*self.originals, *self.own):
            facts = {
                "origin": p.origin,
                "residence": p.residence,
                "gender": None if p.gender == "unknown" else p.gender,
                "age_band": p.age_band,
                "wave": p.wave,
                "record_key": self._key(p),
            }
            if p.month in in_months and all(
                (facts.get(d) or "unknown") == v for d, v in wanted.items()
            ):
                out.append(facts)
        return out

    def _cube(
        self, request: TableRequest, filters: Iterable[tuple[str, str]], window: bool
    ) -> Cube:
        months = request.months() if window else MONTHS
        return cube_from_records(self._records(filters, months), request.dimensions)

    async def read(self, request: TableRequest) -> Seen | None:
        self.requests += 1
        main = self._cube(request, request.filters, True)
        if self.method == "before_26":
            coarser = {
                name: self._cube(request, [f for f in request.filters if f[0] != name], True)
                for name, _ in request.filters
            }
            if request.window is not None:
                coarser["window"] = self._cube(request, request.filters, False)
            grand = (None,) * len(request.dimensions)
            sizes = {n: c.count(grand) for n, c in coarser.items()}
            if refused(main.count(grand), sizes, self.k):
                return None
            policy = DisclosurePolicy(self.k, self.rounding_base)
            table = release(main, policy, list(coarser.values()))
            values = {c.key: c.count for c in table.cells}
            disclosure: dict[str, Any] = {"k": self.k, "rounding_base": self.rounding_base}
            basis = {}
        else:
            publication = PublicationPolicy(self.k)
            values = {}
            for key in main.every_key():
                raw = PTABLE.perturbed(main.count(key), main.key_sum(key))
                values[key] = publication.shown(raw)
            disclosure = {
                "method": "cell_key",
                "k": self.k,
                "max_noise": PTABLE.max_noise,
                "step": publication.step,
            }
            basis = {"basis": "perturbed", "same_as": None}
        doc = {
            "disclosure": disclosure,
            "cells": [
                {
                    **{
                        d: (v if v is not None else "total")
                        for d, v in zip(request.dimensions, key, strict=True)
                    },
                    "count": value,
                    **basis,
                }
                for key, value in values.items()
            ],
        }
        return observations_of(doc, request, self.own)

    async def read_all(self, requests: Iterable[TableRequest]) -> Seen:
        out: Seen = []
        for request in requests:
            cells = await self.read(request)
            if cells is not None:
                out.extend(cells)
        return out
