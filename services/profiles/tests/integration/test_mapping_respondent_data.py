"""export_respondent / erase_respondent on real Postgres: everything the mapping module ties to
one person is returned, then deleted or de-identified, and the aggregates follow."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from eventkit.http.auth import Principal
from profiles.bootstrap import ProfilesService
from profiles.mapping.adapters.cubes import query_cubes
from profiles.mapping.adapters.orm import (
    MAPPING_MIGRATIONS,
    access_log,
    campaigns,
    responses,
    sector_needs,
    surveys,
)
from profiles.mapping.adapters.repository import ERASED
from profiles.mapping.adapters.template import TEMPLATE
from profiles.mapping.adapters.xlsform import parse_xlsform
from profiles.mapping.domain.dimensions import Dimension
from profiles.mapping.domain.populations import Window
from profiles.mapping.service_layer import handlers
from profiles.mapping.service_layer.unit_of_work import MappingUnitOfWork


def uow(service: ProfilesService) -> MappingUnitOfWork:
    return service.mapping_uow()


async def new_campaign(
    service: ProfilesService, survey_id: uuid.UUID, staff: Principal
) -> uuid.UUID:
    campaign = handlers.campaign_from_request(
        survey_id=survey_id,
        name="erase",
        owner_kind="government",
        origin_country="HT",
        opens_on=date(2026, 1, 1),
        closes_on=date(2026, 12, 31),
        by=staff,
        owner_organisation_id=None,
        channels=[],
        coordinating_organisations=[],
        k=10,
    )
    await handlers.launch_campaign(uow(service), campaign, staff, handlers.MappingRules())
    return campaign.id


ANSWERS = {
    "consent": "yes",
    "gender": "female",
    "birth_year": 1980,
    "country_of_origin": "HT",
    "country_of_residence": "CA",
    "skills": ["S1"],
}


async def test_export_then_erase_everything_tied_to_a_person(
    profiles_service: ProfilesService,
) -> None:
    await asyncio.to_thread(profiles_service.chassis.migrate, MAPPING_MIGRATIONS)
    person, friend, stranger = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    # the person is also a focal point: they created a survey, own a campaign, declared a need
    staff = Principal(person, frozenset({"government_focal_point"}))
    survey = await handlers.create_survey(
        uow(profiles_service),
        f"erase-{uuid.uuid4().hex[:6]}",
        parse_xlsform(TEMPLATE.read_bytes()),
        staff,
    )
    now = datetime(2026, 3, 5, 12, tzinfo=UTC)
    first, second = (
        await new_campaign(profiles_service, survey.id, staff),
        await new_campaign(profiles_service, survey.id, staff),
    )
    await handlers.declare_need(
        uow(profiles_service),
        handlers.new_need("HT", "Q", 10, 3, staff, now=datetime.now(UTC)),
        staff,
    )
    me = Principal(person, frozenset({"member"}))
    answers = ANSWERS
    mine = [
        await handlers.submit_response(
            uow(profiles_service),
            cid,
            handlers.Answering(answers, me, link_to_profile=True, recipients=[friend]),
            now,
        )
        for cid in (first, second)
    ]
    # someone else's response naming the person as a recipient
    theirs = await handlers.submit_response(
        uow(profiles_service),
        first,
        handlers.Answering(
            {**answers, "birth_year": 1970},
            Principal(stranger, frozenset({"member"})),
            link_to_profile=True,
            recipients=[person],
        ),
        now,
    )
    await handlers.read_response(uow(profiles_service), mine[0].response_id, me)
    await handlers.read_response(
        uow(profiles_service), mine[0].response_id, Principal(friend, frozenset({"member"}))
    )
    await handlers.read_response(uow(profiles_service), theirs.response_id, me)

    exported = await handlers.export_respondent(uow(profiles_service), person)
    assert {r["id"] for r in exported["responses"]} == {str(m.response_id) for m in mine}
    assert exported["responses"][0]["answers"]["gender"] == "female"
    assert exported["responses"][0]["recipients"] == [str(friend)]
    assert exported["responses"][0]["facts"]["skill"] == ["S1"]
    readers = {
        (a["accessor_account_id"], a["allowed"]) for a in exported["accesses_to_my_responses"]
    }
    assert readers == {(str(person), True), (str(friend), True)}
    assert exported["named_as_recipient"] == 1
    # someone else's export holds nothing of the person's answers
    assert (await handlers.export_respondent(uow(profiles_service), friend))["responses"] == []

    async def skill_count(campaign_id: uuid.UUID) -> int:
        async with uow(profiles_service) as u:
            cubes = await query_cubes(u.session, campaign_id, [Dimension.SKILL], {}, Window())
        (cube,) = cubes.values()
        return cube.count(("S1",))

    assert await skill_count(first) == 2

    tally = await handlers.erase_respondent(uow(profiles_service), person)
    assert tally == {
        "responses_deleted": 2,
        "recipient_entries_removed": 1,
        "access_log_rows_deidentified": 2,
        "provenance_rows_deidentified": 4,  # a survey, two campaigns, a need
    }
    assert await skill_count(first) == 1 and await skill_count(second) == 0
    async with profiles_service.chassis.engine.connect() as conn:
        p = str(person)
        assert (
            await conn.scalar(
                select(func.count())
                .select_from(responses)
                .where(responses.c.respondent_account_id == person)
            )
            == 0
        )
        assert (
            await conn.scalar(
                select(func.count())
                .select_from(responses)
                .where(responses.c.recipients.contains([p]))
            )
            == 0
        )
        assert (
            await conn.scalar(
                select(func.count())
                .select_from(access_log)
                .where(access_log.c.accessor_account_id == person)
            )
            == 0
        )
        for table, column in (
            (surveys, surveys.c.created_by),
            (campaigns, campaigns.c.owner_account_id),
            (sector_needs, sector_needs.c.declared_by),
        ):
            assert (
                await conn.scalar(select(func.count()).select_from(table).where(column == person))
                == 0
            )
        assert (
            await conn.scalar(
                select(func.count())
                .select_from(campaigns)
                .where(campaigns.c.id.in_([first, second]), campaigns.c.owner_account_id == ERASED)
            )
            == 2
        )
        # the other respondent's response survives, without the person among its recipients
        survivor = (
            await conn.execute(
                select(responses.c.recipients).where(responses.c.id == theirs.response_id)
            )
        ).scalar_one()
        assert survivor == []
    # nothing left to export; erasing again finds nothing
    assert await handlers.export_respondent(uow(profiles_service), person) == {
        "responses": [],
        "accesses_to_my_responses": [],
        "named_as_recipient": 0,
    }
    assert set((await handlers.erase_respondent(uow(profiles_service), person)).values()) == {0}


async def test_the_privacy_saga_reaches_the_mapping_part_through_the_wired_port(
    profiles_service: ProfilesService,
) -> None:
    """profiles' own privacy store (the saga's export and erasure) holds no import of the
    mapping slice: it reaches the person's survey responses through the holder the composition
    root wires into profiles' unit of work, in the saga's transaction."""
    await asyncio.to_thread(profiles_service.chassis.migrate, MAPPING_MIGRATIONS)
    person = uuid.uuid4()
    staff = Principal(uuid.uuid4(), frozenset({"government_focal_point"}))
    survey = await handlers.create_survey(
        uow(profiles_service),
        f"saga-{uuid.uuid4().hex[:6]}",
        parse_xlsform(TEMPLATE.read_bytes()),
        staff,
    )
    campaign = await new_campaign(profiles_service, survey.id, staff)
    answering = handlers.Answering(
        ANSWERS, Principal(person, frozenset({"member"})), link_to_profile=True
    )
    await handlers.submit_response(
        uow(profiles_service), campaign, answering, datetime(2026, 3, 5, 12, tzinfo=UTC)
    )

    saga = profiles_service.uow()
    async with saga:
        exported = await saga.personal_data.export_person(person)
    assert [r["campaign_id"] for r in exported["mapping"]["responses"]] == [str(campaign)]
    async with saga:
        report = await saga.personal_data.erase_person(person, f"{person}@example.org")
        await saga.commit()
    assert report.deleted["mapping_responses"] == 1
    assert report.de_identified["mapping_recipient_entries_removed"] == 0
    async with saga:
        again = await saga.personal_data.export_person(person)
    assert again["mapping"]["responses"] == []
