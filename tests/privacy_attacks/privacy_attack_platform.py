"""What a focal point can do, through the real mapping API (profiles' app on the real
Postgres): run a campaign, import submissions, answer it (anonymously or signed in, so the
response can be withdrawn later), and read protected tables. Each published count becomes an
``Observation`` for the attacker, bounded as the method's documentation says.
"""

from __future__ import annotations

import itertools
import json
import random
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from privacy_attack_ip import Observation, Relation, cell_key
from privacy_attack_population import (
    AGE_BANDS,
    CATEGORIES,
    MONTHS,
    Person,
    atom_counts,
    matches,
)

from devstack.testing import TokenIssuer

FOCAL = ("government_focal_point",)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class TableRequest:
    dimensions: tuple[str, ...]
    filters: tuple[tuple[str, str], ...] = ()
    window: tuple[str, str] | None = None

    def params(self) -> list[tuple[str, str]]:
        out = [("dimensions", ",".join(self.dimensions))]
        out += [("filter", f"{d}:{v}") for d, v in self.filters]
        if self.window:
            out += [("from", self.window[0]), ("to", self.window[1])]
        return out

    def months(self) -> frozenset[str]:
        if self.window is None:
            return frozenset(MONTHS)
        return frozenset(m for m in MONTHS if self.window[0] <= m <= self.window[1])


def bounds(disclosure: dict[str, Any], cell: dict[str, Any]) -> tuple[float, float] | None:
    """What a published cell says about the true count, per the method's documentation
    (docs/privacy.md); None when it says nothing on its own."""
    if disclosure.get("method") == "cell_key":
        noise, k = int(disclosure["max_noise"]), int(disclosure["k"])
        if cell["basis"] != "perturbed":
            return None  # kept, or same as a coarser cell: see ``relation``
        count = cell["count"]
        if count is None:  # its cell-key count was below k
            return 0.0, float(k - 1 + noise)
        return float(count - noise), float(count + noise)
    if "rounding_base" in disclosure:  # the method before issue #26: suppression + rounding
        count = cell["count"]
        if count is None:
            return None  # withheld: it may be anything
        base = int(disclosure["rounding_base"])
        if base <= 1:
            return float(count), float(count)
        # half-up rounding to a multiple of base: n in [count - base/2, count + base/2)
        low = -(-(2 * count - base) // 2)
        high = -(-(2 * count + base) // 2) - 1
        return float(max(low, 0)), float(high)
    raise AssertionError(f"unknown disclosure method: {disclosure}")


def coarser_constraints(constraints: dict[str, Any], same_as: str) -> dict[str, Any]:
    dropped = "month" if same_as == "window" else same_as
    return {d: v for d, v in constraints.items() if d != dropped}


def relation_spread(disclosure: dict[str, Any]) -> float:
    """How far apart the true counts of a cell and the coarser cell it is shown as equal to
    may be: their cell-key counts are less than ``step`` apart, each within the noise."""
    return float(int(disclosure["step"]) - 1 + 2 * int(disclosure["max_noise"]))


Seen = list[tuple[dict[str, Any], Observation | Relation | None]]


def observations_of(doc: dict[str, Any], request: TableRequest, own: list[Person]) -> Seen:
    """Each cell of a published table (the API's JSON) as (its constraints, what it says)."""
    counts = atom_counts(own)

    def offset(constraints: dict[str, Any]) -> int:
        return sum(n for atom, n in counts.items() if matches(atom, constraints))

    out: Seen = []
    for cell in doc["cells"]:
        constraints: dict[str, Any] = {d: cell[d] for d in request.dimensions if cell[d] != "total"}
        constraints.update(dict(request.filters))
        if request.window is not None:
            constraints["month"] = request.months()
        said = bounds(doc["disclosure"], cell)
        if said is not None:
            out.append(
                (constraints, Observation(cell_key(constraints), offset(constraints), *said))
            )
        elif cell.get("basis") == "same_as_coarser" and cell.get("same_as"):
            coarser = coarser_constraints(constraints, cell["same_as"])
            related = Relation(
                cell_key(constraints),
                cell_key(coarser),
                offset(constraints) - offset(coarser),
                relation_spread(doc["disclosure"]),
            )
            out.append((constraints, related))
        else:
            out.append((constraints, None))
    return out


@dataclass
class Platform:
    """One campaign on the real API, read by its own focal point."""

    client: httpx.AsyncClient
    issuer: TokenIssuer
    owner: uuid.UUID = field(default_factory=uuid.uuid4)
    campaign_id: str = ""
    #: the attacker's own respondents currently in the data (for the offsets)
    own: list[Person] = field(default_factory=list)
    #: linked responses that can be withdrawn: person -> (response id, account)
    withdrawable: list[tuple[Person, str, uuid.UUID]] = field(default_factory=list)
    requests: int = 0

    @property
    def headers(self) -> dict[str, str]:
        return self.issuer.headers(self.owner, FOCAL)

    async def launch(self, survey_id: str, **settings: Any) -> httpx.Response:
        body = {
            "survey_id": survey_id,
            "name": "Fiji and Haiti diaspora mapping",
            "owner_kind": "government",
            "origin_country": "HT",
            "opens_on": f"{MONTHS[0]}-01",
            "closes_on": "2027-12-31",
            "channels": ["web", "kobo"],
            **settings,
        }
        r = await self.client.post("/v1/mapping/campaigns", json=body, headers=self.headers)
        if r.status_code == 201:
            self.campaign_id = r.json()["id"]
        return r

    async def import_people(self, people: Sequence[Person], seed: int, wave: str = "1") -> None:
        rng = random.Random(seed)
        export = json.dumps({"results": [p.kobo_record(rng) for p in people]})
        r = await self.client.post(
            f"/v1/mapping/campaigns/{self.campaign_id}/imports?format=kobo_json&wave={wave}",
            content=export,
            headers=self.headers,
        )
        assert r.status_code == 200, r.text
        report = r.json()
        assert report["accepted"] == len(people), f"{len(report['rejected'])} rejected"

    async def add_own(self, person: Person, *, kobo_seed: int | None = None) -> None:
        """One more respondent of the attacker's: a linked web response (withdrawable; it is
        dated now, the campaign's last month) or, with ``kobo_seed``, an imported submission
        dated in ``person.month``."""
        if kobo_seed is not None:
            await self.import_people([person], kobo_seed, wave=person.wave)
        else:
            assert person.month == MONTHS[-1], "web responses are dated now"
            account = uuid.uuid4()
            r = await self.client.post(
                f"/v1/mapping/campaigns/{self.campaign_id}/responses",
                json={
                    "answers": person.answers(),
                    "link_to_profile": True,
                    "wave": int(person.wave),
                },
                headers=self.issuer.headers(account, ("member",)),
            )
            assert r.status_code == 201, r.text
            self.withdrawable.append((person, r.json()["response_id"], account))
        self.own.append(person)

    async def withdraw_own(self) -> Person:
        person, response_id, account = self.withdrawable.pop()
        r = await self.client.delete(
            f"/v1/mapping/responses/{response_id}",
            headers=self.issuer.headers(account, ("member",)),
        )
        assert r.status_code == 204, r.text
        self.own.remove(person)
        return person

    async def read(self, request: TableRequest) -> Seen | None:
        """The cells of one table as (cell constraints, observation), the observation None for
        a cell shown without a number; None when the platform refuses the table."""
        self.requests += 1
        r = await self.client.get(
            f"/v1/mapping/campaigns/{self.campaign_id}/tables",
            params=request.params(),
            headers=self.headers,
        )
        if r.status_code == 422:
            return None
        assert r.status_code == 200, r.text
        return observations_of(r.json(), request, self.own)

    async def read_all(self, requests: Iterable[TableRequest]) -> Seen:
        out: Seen = []
        for request in requests:
            cells = await self.read(request)
            if cells is not None:
                out.extend(cells)
        return out


# ---- what the focal point asks ---------------------------------------------------------------

DIMS = ("origin", "residence", "gender", "age_band", "wave")
WINDOWS: tuple[tuple[str, str] | None, ...] = (
    None,
    (MONTHS[0], MONTHS[0]),
    (MONTHS[1], MONTHS[1]),
    (MONTHS[0], MONTHS[1]),
    (MONTHS[1], MONTHS[2]),
    (MONTHS[2], MONTHS[2]),
)


def overlapping_tables() -> list[TableRequest]:
    """Every table of one to three dimensions; every two-dimensional table filtered on each
    value of each other dimension; every one- and two-dimensional table in each time window."""
    out: list[TableRequest] = []
    for size in (1, 2, 3):
        for dims in itertools.combinations(DIMS, size):
            out.append(TableRequest(dims))
            if size <= 2:
                out += [TableRequest(dims, window=w) for w in WINDOWS if w is not None]
            if size == 2:
                for other in DIMS:
                    if other in dims or other == "wave":
                        continue
                    out += [TableRequest(dims, ((other, v),)) for v in CATEGORIES[other]]
    return out


def tables_around(target: dict[str, str], window: tuple[str, str]) -> list[TableRequest]:
    """The tables a focal point re-reads to watch one cell: the cell itself in every table of
    two or three of its dimensions filtered on the others, and each of its dimensions beside
    the wave (where the attacker's own respondents differ), over the whole campaign and over
    ``window`` (where the attacker's latest respondents are)."""
    dims = list(target)
    tables: list[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = []
    for size in (2, 3):
        for chosen in itertools.combinations(dims, size):
            tables.append((chosen, tuple((d, target[d]) for d in dims if d not in chosen)))
    for dim in dims:
        tables.append(((dim, "wave"), tuple((d, target[d]) for d in dims if d != dim)))
    return [TableRequest(d, f, w) for d, f in tables for w in (None, window)]


def small_cells(
    observed: Iterable[dict[str, Any]], truth: dict[tuple[str, ...], int], k: int
) -> dict[frozenset[tuple[str, object]], int]:
    """Cells shown to the attacker whose true count (original respondents) is 1..k-1."""
    out = {}
    for constraints in observed:
        key = cell_key(constraints)
        if key in out:
            continue
        n = sum(c for atom, c in truth.items() if matches(atom, constraints))
        if 0 < n < k:
            out[key] = n
    return out


PLANTED_TARGET = {"origin": "FJ", "residence": "BE", "gender": "female", "age_band": "65+"}
SECOND_TARGET = {"origin": "FJ", "residence": "FR", "gender": "female", "age_band": AGE_BANDS[-1]}
