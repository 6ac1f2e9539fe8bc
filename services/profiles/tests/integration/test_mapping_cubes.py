"""The SQL cube (adapters.mapping.cubes) equals the domain's reference cube on the same
respondents, counts and record-key sums, for single- and multi-valued dimensions, filters,
time windows and every coarser population (real Postgres)."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from profiles.bootstrap import ProfilesService
from profiles.mapping.adapters.cubes import query_cubes
from profiles.mapping.adapters.orm import MAPPING_MIGRATIONS
from profiles.mapping.adapters.repository import NewResponse
from profiles.mapping.adapters.template import TEMPLATE
from profiles.mapping.adapters.xlsform import parse_xlsform
from profiles.mapping.domain.campaign import Campaign, OwnerKind
from profiles.mapping.domain.dimensions import Dimension
from profiles.mapping.domain.populations import Month, Window
from profiles.mapping.domain.tables import Cube, Population, cube_from_records
from profiles.mapping.service_layer.unit_of_work import MappingUnitOfWork


def uow(service: ProfilesService) -> MappingUnitOfWork:
    return service.mapping_uow()


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
                    referral_code=uuid.uuid4().hex[:12],
                    referred_by=None,
                    answers={},
                    facts={k: v for k, v in facts.items() if v is not None},
                )
            )
            records.append({**facts, "month": month, "wave": str(1 + n % 2), "id": f"s{n}"})
        await u.commit()
    # the record keys the database drew for them
    async with uow(profiles_service) as u:
        keys = dict(
            (
                await u.session.execute(
                    text(
                        "SELECT submission_id, record_key FROM profiles.mapping_responses "
                        "WHERE campaign_id = :c"
                    ),
                    {"c": campaign.id},
                )
            ).all()
        )
    for r in records:
        r["record_key"] = keys[r["id"]]
    return campaign.id, records


def population_of(filters: dict[str, str], window: Window = Window()) -> Population:
    return Population(frozenset(filters.items()), window)


def same(cube: Cube, reference: Cube) -> None:
    assert {k: v for k, v in cube.counts.items() if v} == {
        k: v for k, v in reference.counts.items() if v
    }
    assert {k: cube.key_sum(k) for k in cube.counts} == {
        k: reference.key_sum(k) for k in cube.counts
    }


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
    (cube,) = cubes.values()
    assert cube.categories == reference.categories
    same(cube, reference)


async def test_filters_windows_and_every_coarser_population(
    profiles_service: ProfilesService, population: tuple[uuid.UUID, list[dict[str, object]]]
) -> None:
    campaign_id, records = population
    window = Window(Month(2026, 2), Month(2026, 3))
    async with uow(profiles_service) as u:
        cubes = await query_cubes(
            u.session,
            campaign_id,
            [Dimension.GENDER, Dimension.SKILL],
            {Dimension.RESIDENCE: "US", Dimension.SECTOR: "Q"},
            window,
        )

    def ref(rows: list[dict[str, object]]) -> Cube:
        return cube_from_records(rows, ["gender", "skill"], multi_valued=["skill"])

    us = [r for r in records if r["residence"] == "US"]
    q = [r for r in records if "Q" in r["sector"]]  # type: ignore[operator]
    in_window = [r for r in records if r["month"] in (2, 3)]
    assert len(cubes) == 8  # two filters, one window: every subset of them
    assert next(iter(cubes)) == population_of({"residence": "US", "sector": "Q"}, window)
    both = {"residence": "US", "sector": "Q"}
    same(cubes[population_of(both, window)], ref([r for r in us if r in q and r in in_window]))
    same(cubes[population_of({"sector": "Q"}, window)], ref([r for r in q if r in in_window]))
    same(cubes[population_of({"residence": "US"}, window)], ref([r for r in us if r in in_window]))
    same(cubes[population_of(both)], ref([r for r in us if r in q]))
    same(cubes[population_of({}, window)], ref(in_window))
    same(cubes[population_of({})], ref(records))


async def test_the_counts_table_path_matches_the_responses_with_single_valued_filters(
    profiles_service: ProfilesService, population: tuple[uuid.UUID, list[dict[str, object]]]
) -> None:
    campaign_id, records = population
    window = Window(Month(2026, 2), Month(2026, 3))
    async with uow(profiles_service) as u:
        cubes = await query_cubes(
            u.session,
            campaign_id,
            [Dimension.GENDER, Dimension.AGE_BAND],
            {Dimension.RESIDENCE: "US", Dimension.WAVE: "2"},
            window,
        )

    def ref(rows: list[dict[str, object]]) -> Cube:
        return cube_from_records(rows, ["gender", "age_band"])

    us = [r for r in records if r["residence"] == "US"]
    months = (2, 3)
    same(
        cubes[population_of({"residence": "US", "wave": "2"}, window)],
        ref([r for r in us if r["wave"] == "2" and r["month"] in months]),
    )
    same(
        cubes[population_of({"residence": "US"}, window)],
        ref([r for r in us if r["month"] in months]),
    )
    same(cubes[population_of({"wave": "2"})], ref([r for r in records if r["wave"] == "2"]))
    same(cubes[population_of({})], ref(records))


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
    """At most two facts (the wave aside): read from mapping_fact_pairs, with every coarser
    population the publication rules compare cells with."""
    campaign_id, records = population
    window = Window(Month(2026, 2), Month(2026, 3))
    async with uow(profiles_service) as u:
        cubes = await query_cubes(
            u.session,
            campaign_id,
            [Dimension(d) for d in dims],
            {Dimension(f): v for f, v in filters.items()},
            window,
        )
    multi = ("skill", "sector")

    def holds(r: dict[str, object], f: str, v: str) -> bool:
        got = r.get(f)
        if f in multi:
            return v in got if got else v == "unknown"  # type: ignore[operator]
        return (got or "unknown") == v

    def ref(fs: dict[str, str], months: tuple[int, ...] | None) -> Cube:
        rows = [
            r
            for r in records
            if all(holds(r, f, v) for f, v in fs.items())
            and (months is None or r["month"] in months)
        ]
        return cube_from_records(rows, dims, multi_valued=[d for d in dims if d in multi])  # type: ignore[arg-type]

    for population_ in cubes:
        fs = dict(population_.filters)
        same(cubes[population_], ref(fs, None if population_.window.is_open else (2, 3)))
    main = cubes[population_of(filters, window)]
    assert set(main.categories[0]) <= {
        v for k in ref(filters, (2, 3)).counts if (v := k[0]) is not None
    }


async def test_facts_never_change_and_deleting_a_response_uncounts_it(
    profiles_service: ProfilesService, population: tuple[uuid.UUID, list[dict[str, object]]]
) -> None:
    from sqlalchemy import delete, func, select, update
    from sqlalchemy.exc import DBAPIError

    from profiles.mapping.adapters.orm import fact_pairs, responses

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
        (cube_before,) = (
            await query_cubes(u.session, campaign_id, [Dimension.SKILL], {}, Window())
        ).values()
        await u.session.execute(delete(responses).where(responses.c.id == victim.id))
        assert await u.session.scalar(total) == before - 1
        (cube_after,) = (
            await query_cubes(u.session, campaign_id, [Dimension.SKILL], {}, Window())
        ).values()
        for skill in victim.skill or ["unknown"]:
            assert cube_after.count((skill,)) == cube_before.count((skill,)) - 1
        await u.session.rollback()
