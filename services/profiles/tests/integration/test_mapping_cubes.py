"""The SQL cube (adapters.mapping.cubes) equals the domain's reference cube on the same
respondents, for single- and multi-valued dimensions, filters and time windows (real Postgres)."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import UTC, date, datetime

import pytest

from profiles.adapters.mapping.cubes import query_cubes
from profiles.adapters.mapping.orm import MAPPING_MIGRATIONS
from profiles.adapters.mapping.repository import NewResponse
from profiles.adapters.mapping.template import TEMPLATE
from profiles.adapters.mapping.xlsform import parse_xlsform
from profiles.bootstrap import ProfilesService
from profiles.domain.mapping.campaign import Campaign, OwnerKind
from profiles.domain.mapping.dimensions import Dimension
from profiles.domain.mapping.disclosure import cube_from_records
from profiles.domain.mapping.populations import Month, Window
from profiles.service_layer.mapping.unit_of_work import MappingUnitOfWork


def uow(service: ProfilesService) -> MappingUnitOfWork:
    return MappingUnitOfWork(
        service.chassis.sessions, service.chassis.outbox, service.chassis.inbox
    )


@pytest.fixture(scope="module")
async def population(
    profiles_service: ProfilesService,
) -> tuple[uuid.UUID, list[dict[str, object]]]:
    await asyncio.to_thread(profiles_service.chassis.migrate, MAPPING_MIGRATIONS)
    rng = random.Random(3)
    records: list[dict[str, object]] = []
    async with uow(profiles_service) as u:
        survey = await u.surveys.add(
            f"cube-{uuid.uuid4().hex[:6]}", parse_xlsform(TEMPLATE.read_bytes()), uuid.uuid4()
        )
        campaign = Campaign(
            uuid.uuid4(),
            survey.id,
            "cubes",
            OwnerKind.GOVERNMENT,
            uuid.uuid4(),
            "HT",
            date(2026, 1, 1),
            date(2026, 12, 31),
        )
        await u.campaigns.add(campaign)
        for n in range(260):
            month = rng.choice([1, 2, 3, 4])
            facts: dict[str, object] = {
                "gender": rng.choice(["female", "male", None]),
                "residence": rng.choice(["US", "CA", "FR"]),
                "age_band": rng.choice(["25-34", "35-44", None]),
                "skill": sorted(set(rng.sample(["S1", "S2", "T1"], rng.randint(0, 2)))),
                "sector": sorted(set(rng.sample(["P", "Q"], rng.randint(0, 2)))),
            }
            await u.responses.add(
                NewResponse(
                    campaign_id=campaign.id,
                    survey_id=survey.id,
                    source="test",
                    submission_id=f"s{n}",
                    submitted_at=datetime(2026, month, 10, tzinfo=UTC),
                    wave=1 + n % 2,
                    respondent_account_id=None,
                    recipients=[],
                    fingerprint=f"f{n}",
                    referral_code=uuid.uuid4().hex[:12],
                    referred_by=None,
                    answers={},
                    facts={k: v for k, v in facts.items() if v is not None},
                )
            )
            records.append({**facts, "month": month, "wave": str(1 + n % 2)})
        await u.commit()
    return campaign.id, records


@pytest.mark.parametrize(
    "dims",
    [
        ("gender", "age_band"),
        ("gender", "skill"),
        ("skill", "sector"),
        ("residence", "gender", "skill"),
        ("wave",),
    ],
)
async def test_sql_cube_equals_the_reference_cube(
    profiles_service: ProfilesService,
    population: tuple[uuid.UUID, list[dict[str, object]]],
    dims: tuple[str, ...],
) -> None:
    campaign_id, records = population
    multi = [d for d in dims if d in ("skill", "sector")]
    async with uow(profiles_service) as u:
        cubes = await query_cubes(
            u.session, campaign_id, [Dimension(d) for d in dims], {}, Window()
        )
    reference = cube_from_records(records, dims, multi_valued=multi)  # type: ignore[arg-type]
    assert cubes.main.categories == reference.categories
    assert {k: v for k, v in cubes.main.counts.items() if v} == {
        k: v for k, v in reference.counts.items() if v
    }


async def test_filters_windows_and_coarser_populations(
    profiles_service: ProfilesService, population: tuple[uuid.UUID, list[dict[str, object]]]
) -> None:
    campaign_id, records = population
    window = Window(Month(2026, 2), Month(2026, 3))
    published = [Window(Month(2026, 1), Month(2026, 2))]
    async with uow(profiles_service) as u:
        cubes = await query_cubes(
            u.session,
            campaign_id,
            [Dimension.GENDER, Dimension.SKILL],
            {Dimension.RESIDENCE: "US", Dimension.SECTOR: "Q"},
            window,
            published,
        )

    def ref(rows: list[dict[str, object]]) -> dict[tuple[str | None, ...], int]:
        return dict(cube_from_records(rows, ["gender", "skill"], multi_valued=["skill"]).counts)

    us = [r for r in records if r["residence"] == "US"]
    q = [r for r in records if "Q" in r["sector"]]  # type: ignore[operator]
    in_window = [r for r in records if r["month"] in (2, 3)]
    assert dict(cubes.main.counts) == ref([r for r in us if r in q and r in in_window])
    assert dict(cubes.coarser["residence"].counts) == ref([r for r in q if r in in_window])
    assert dict(cubes.coarser["sector"].counts) == ref([r for r in us if r in in_window])
    assert dict(cubes.coarser["window"].counts) == ref([r for r in us if r in q])
    assert dict(cubes.published[0].counts) == ref(
        [r for r in us if r in q and r["month"] in (1, 2)]
    )
    assert sum(cubes.monthly.values()) == len([r for r in us if r in q])


async def test_the_counts_table_path_matches_the_responses_with_single_valued_filters(
    profiles_service: ProfilesService, population: tuple[uuid.UUID, list[dict[str, object]]]
) -> None:
    campaign_id, records = population
    async with uow(profiles_service) as u:
        cubes = await query_cubes(
            u.session,
            campaign_id,
            [Dimension.GENDER, Dimension.AGE_BAND],
            {Dimension.RESIDENCE: "US", Dimension.WAVE: "2"},
            Window(),
        )

    def ref(rows: list[dict[str, object]]) -> dict[tuple[str | None, ...], int]:
        return dict(cube_from_records(rows, ["gender", "age_band"]).counts)

    us = [r for r in records if r["residence"] == "US"]
    assert dict(cubes.main.counts) == ref([r for r in us if r["wave"] == "2"])
    assert dict(cubes.coarser["wave"].counts) == ref(us)
    assert dict(cubes.coarser["residence"].counts) == ref([r for r in records if r["wave"] == "2"])


async def test_the_counts_table_path_handles_time_windows_and_published_windows(
    profiles_service: ProfilesService, population: tuple[uuid.UUID, list[dict[str, object]]]
) -> None:
    campaign_id, records = population
    async with uow(profiles_service) as u:
        cubes = await query_cubes(
            u.session,
            campaign_id,
            [Dimension.GENDER, Dimension.AGE_BAND],
            {Dimension.RESIDENCE: "CA"},
            Window(Month(2026, 2), Month(2026, 3)),
            [Window(Month(2026, 1), Month(2026, 2))],
        )

    def ref(rows: list[dict[str, object]]) -> dict[tuple[str | None, ...], int]:
        return dict(cube_from_records(rows, ["gender", "age_band"]).counts)

    ca = [r for r in records if r["residence"] == "CA"]
    assert dict(cubes.main.counts) == ref([r for r in ca if r["month"] in (2, 3)])
    assert dict(cubes.coarser["window"].counts) == ref(ca)
    assert dict(cubes.published[0].counts) == ref([r for r in ca if r["month"] in (1, 2)])
    assert {str(m): n for m, n in cubes.monthly.items()} == {
        f"2026-{m:02d}": sum(1 for r in ca if r["month"] == m) for m in (1, 2, 3, 4)
    }


@pytest.mark.parametrize(
    ("dims", "filters"),
    [
        (("sector", "skill"), {}),
        (("gender",), {"skill": "S1"}),
        (("skill",), {"sector": "unknown", "wave": "2"}),
        (("wave", "sector"), {"residence": "FR"}),
        (("residence", "gender"), {}),
    ],
)
async def test_the_pair_counts_path_matches_the_reference_with_windows(
    profiles_service: ProfilesService,
    population: tuple[uuid.UUID, list[dict[str, object]]],
    dims: tuple[str, ...],
    filters: dict[str, str],
) -> None:
    """At most two facts (the wave aside): read from mapping_fact_pairs, with the coarser,
    published-window and monthly populations the differencing defence needs."""
    campaign_id, records = population
    window, other = Window(Month(2026, 2), Month(2026, 3)), Window(Month(2026, 1), Month(2026, 2))
    async with uow(profiles_service) as u:
        cubes = await query_cubes(
            u.session,
            campaign_id,
            [Dimension(d) for d in dims],
            {Dimension(f): v for f, v in filters.items()},
            window,
            [other],
        )
    multi = ("skill", "sector")

    def holds(r: dict[str, object], f: str, v: str) -> bool:
        got = r.get(f)
        if f in multi:
            return v in got if got else v == "unknown"  # type: ignore[operator]
        return (got or "unknown") == v

    def ref(fs: dict[str, str], months: tuple[int, ...] | None) -> dict[object, int]:
        rows = [
            r
            for r in records
            if all(holds(r, f, v) for f, v in fs.items())
            and (months is None or r["month"] in months)
        ]
        cube = cube_from_records(rows, dims, multi_valued=[d for d in dims if d in multi])  # type: ignore[arg-type]
        return {k: v for k, v in cube.counts.items() if v}

    assert dict(cubes.main.counts) == ref(filters, (2, 3))
    for f in filters:
        assert dict(cubes.coarser[f].counts) == ref(
            {g: v for g, v in filters.items() if g != f}, (2, 3)
        )
    assert dict(cubes.coarser["window"].counts) == ref(filters, None)
    assert dict(cubes.published[0].counts) == ref(filters, (1, 2))
    assert {str(m): n for m, n in cubes.monthly.items() if n} == {
        f"2026-{m:02d}": n
        for m in (1, 2, 3, 4)
        if (
            n := len(
                [
                    r
                    for r in records
                    if r["month"] == m and all(holds(r, f, v) for f, v in filters.items())
                ]
            )
        )
    }
    assert set(cubes.main.categories[0]) <= {
        v
        for k in ref(filters, (2, 3))
        if (v := k[0]) is not None  # type: ignore[index]
    }


async def test_facts_never_change_and_deleting_a_response_uncounts_it(
    profiles_service: ProfilesService, population: tuple[uuid.UUID, list[dict[str, object]]]
) -> None:
    from sqlalchemy import delete, func, select, update
    from sqlalchemy.exc import DBAPIError

    from profiles.adapters.mapping.orm import fact_pairs, responses

    campaign_id, _ = population
    async with uow(profiles_service) as u:
        victim = (
            await u.session.execute(
                select(responses.c.id, responses.c.skill)
                .where(responses.c.campaign_id == campaign_id)
                .limit(1)
            )
        ).first()
        assert victim is not None
        with pytest.raises(DBAPIError, match="never change"):
            await u.session.execute(
                update(responses).where(responses.c.id == victim.id).values(gender="other")
            )
    total = select(func.sum(fact_pairs.c.n)).where(
        fact_pairs.c.campaign_id == campaign_id, fact_pairs.c.a_dim == ""
    )
    async with uow(profiles_service) as u:
        before = await u.session.scalar(total)
        cube_before = (
            await query_cubes(u.session, campaign_id, [Dimension.SKILL], {}, Window())
        ).main
        await u.session.execute(delete(responses).where(responses.c.id == victim.id))
        assert await u.session.scalar(total) == before - 1
        cube_after = (
            await query_cubes(u.session, campaign_id, [Dimension.SKILL], {}, Window())
        ).main
        for skill in victim.skill or ["unknown"]:
            assert cube_after.count((skill,)) == cube_before.count((skill,)) - 1
        await u.session.rollback()
