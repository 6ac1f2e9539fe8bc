"""Mapping use cases: questionnaires, campaigns, responses, imports, needs and aggregates."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from contracts.events.mapping import (
    MappingCampaignClosed,
    MappingCampaignLaunched,
    MappingSubmissionsImported,
    SectorNeedCorrected,
    SectorNeedDeclared,
    SectorNeedWithdrawn,
)
from contracts.vocabulary import Permission
from eventkit import domain_errors as kinds
from eventkit.http.auth import Principal
from eventkit.preconditions import IfMatch
from profiles.mapping.adapters.cubes import query_cubes
from profiles.mapping.adapters.kobo import Submission
from profiles.mapping.adapters.repository import NewResponse, StoredSurvey
from profiles.mapping.domain import statistics_map
from profiles.mapping.domain.campaign import (
    Campaign,
    InvalidCampaign,
    OwnerKind,
    SectorNeed,
    new_referral_code,
)
from profiles.mapping.domain.dimensions import Dimension
from profiles.mapping.domain.gaps import GapRow, gap_table
from profiles.mapping.domain.populations import PopulationTooSmall, Window
from profiles.mapping.domain.publication import PublicationPolicy, ledger_changes, publish
from profiles.mapping.domain.survey import InvalidAnswers, SurveyDefinition
from profiles.mapping.domain.tables import PublishedTable, published_table, true_cells
from profiles.mapping.service_layer.unit_of_work import MappingUnitOfWork

MAX_DIMENSIONS = 3
#: a table's filters (each cell is compared with every coarser one: 2^filters populations)
MAX_FILTERS = 3


@dataclass(frozen=True)
class MappingRules:
    """Platform-wide rules of the mapping module (``ProfilesSettings``)."""

    #: no campaign publishes a count below this (MAPPING_MIN_K); its consent text says so
    min_k: int = 10


class NotFound(kinds.NotFound):
    message = "No such mapping resource is visible to you."


class Forbidden(kinds.Forbidden):
    message = "Your roles do not allow this."


class Conflict(kinds.Conflict):
    pass


class Rejected(kinds.InvalidInput, ValueError):
    """A response that cannot be stored (the reason is safe to show the submitter)."""


# ---- questionnaires -----------------------------------------------------------------------


async def create_survey(
    uow: MappingUnitOfWork, key: str, definition: SurveyDefinition, by: Principal
) -> StoredSurvey:
    if not by.may(Permission.PROFILES_RUN_CAMPAIGNS):
        raise Forbidden
    async with uow:
        stored = await uow.surveys.add(key, definition, by.subject)
        await uow.commit()
    return stored


async def map_dimensions(
    uow: MappingUnitOfWork, survey_id: UUID, mapping: Mapping[str, str | None], by: Principal
) -> StoredSurvey:
    """The mapping step of a standard form: a new version of the questionnaire whose questions
    feed the dimensions ``mapping`` names (versions are immutable: responses already stored
    keep the facts of the version they answered)."""
    if not by.may(Permission.PROFILES_RUN_CAMPAIGNS):
        raise Forbidden
    async with uow:
        current = await uow.surveys.get(survey_id)
        if current is None:
            raise NotFound
        mapped = statistics_map.with_dimensions(current.definition, mapping)
        stored = await uow.surveys.add(current.key, mapped, by.subject)
        await uow.commit()
    return stored


async def get_survey(uow: MappingUnitOfWork, survey_id: UUID) -> StoredSurvey:
    async with uow:
        stored = await uow.surveys.get(survey_id)
    if stored is None:
        raise NotFound
    return stored


# ---- campaigns ----------------------------------------------------------------------------


async def launch_campaign(
    uow: MappingUnitOfWork, campaign: Campaign, by: Principal, rules: MappingRules
) -> Campaign:
    if not by.may(Permission.PROFILES_RUN_CAMPAIGNS):
        raise Forbidden
    if campaign.k < rules.min_k:
        raise InvalidCampaign(
            f"k must be at least {rules.min_k}: no campaign publishes counts below the "
            "platform's floor"
        )
    if campaign.owner_kind == OwnerKind.GOVERNMENT and not by.may(
        Permission.PROFILES_RUN_GOVERNMENT_CAMPAIGNS
    ):
        raise Forbidden
    async with uow:
        survey = await uow.surveys.get(campaign.survey_id)
        if survey is None:
            raise InvalidCampaign("unknown survey_id")
        # a standard form nobody mapped would collect answers that no statistic ever shows
        statistics_map.require_statistics(survey.definition)
        await uow.campaigns.add(campaign)
        await uow.publish(
            MappingCampaignLaunched(
                campaign_id=campaign.id,
                name=campaign.name,
                owner_kind=campaign.owner_kind.value,
                owner_organisation_id=campaign.owner_organisation_id,
                origin_country=campaign.origin_country,
                opens_on=campaign.opens_on,
                closes_on=campaign.closes_on,
                channels=list(campaign.channels),
                coordinating_organisations=list(campaign.coordinating_organisations),
                survey_key=survey.key,
                survey_version=survey.version,
                launched_at=campaign.created_at,
            ),
            sequence=campaign.version,
        )
        await uow.commit()
    return campaign


async def _readable_campaign(
    uow: MappingUnitOfWork, campaign_id: UUID, by: Principal, organisations: Iterable[UUID]
) -> Campaign:
    campaign = await uow.campaigns.get(campaign_id)
    if campaign is not None and not campaign.may_read_aggregates(
        by.subject, by.roles, organisations
    ):
        # verified organisation memberships count as much as what the token says
        organisations = {*organisations, *await uow.organisation_admins.administered_by(by.subject)}
    if campaign is None or not campaign.may_read_aggregates(by.subject, by.roles, organisations):
        # the same answer for "absent" and "not yours": ids are not an oracle
        raise NotFound
    return campaign


async def get_campaign(
    uow: MappingUnitOfWork,
    campaign_id: UUID,
    by: Principal,
    organisations: Iterable[UUID],
    rules: MappingRules,
) -> tuple[Campaign, int | None]:
    """The campaign and its published number of responses (perturbed like every published
    count, None below k: the exact total is never shown)."""
    async with uow:
        campaign = await _readable_campaign(uow, campaign_id, by, organisations)
        total = await _publish(uow, campaign, rules, TableRequest(()))
        await uow.commit()
    return campaign, total.total


async def open_campaigns(
    uow: MappingUnitOfWork, today: date, origin: str | None, limit: int
) -> list[Campaign]:
    """The campaigns anyone may answer today: how a person finds a survey without being
    sent its link."""
    async with uow:
        return await uow.campaigns.open_on(today, origin, limit)


async def campaigns_run_by(uow: MappingUnitOfWork, by: Principal, limit: int) -> list[Campaign]:
    """The campaigns the caller launched (what a focal point's console lists)."""
    if not by.may(Permission.PROFILES_RUN_CAMPAIGNS):
        raise Forbidden
    async with uow:
        return await uow.campaigns.run_by(by.subject, limit)


async def get_public_campaign(
    uow: MappingUnitOfWork, campaign_id: UUID
) -> tuple[Campaign, StoredSurvey]:
    """What a respondent needs to answer: the campaign and its questionnaire."""
    async with uow:
        campaign = await uow.campaigns.get(campaign_id)
        if campaign is None:
            raise NotFound
        survey = await uow.surveys.get(campaign.survey_id)
        assert survey is not None
        return campaign, survey


async def close_campaign(
    uow: MappingUnitOfWork, campaign_id: UUID, by: Principal, rules: MappingRules, now: datetime
) -> Campaign:
    async with uow:
        campaign = await uow.campaigns.get(campaign_id, for_update=True)
        if campaign is None or not campaign.may_manage(by.subject, by.roles):
            raise NotFound
        campaign.close()
        await uow.campaigns.save(campaign)
        total = await _publish(uow, campaign, rules, TableRequest(()))
        await uow.publish(
            MappingCampaignClosed(
                campaign_id=campaign.id,
                closed_at=now,
                # the published total, like every count that leaves the module (0 below k)
                responses=total.total or 0,
            ),
            sequence=campaign.version,
        )
        await uow.commit()
    return campaign


# ---- responses ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Answering:
    answers: Mapping[str, Any]
    respondent: Principal | None = None
    #: explicit consent to link the response to the respondent's profile
    link_to_profile: bool = False
    #: accounts the respondent consents may read this response
    recipients: Sequence[UUID] = ()
    referred_by: str | None = None
    wave: int = 1


@dataclass(frozen=True)
class Recorded:
    response_id: UUID
    referral_code: str
    linked: bool


def _consented(survey: SurveyDefinition, answers: Mapping[str, Any]) -> bool:
    return survey.question("consent") is None or answers.get("consent") == "yes"


async def submit_response(
    uow: MappingUnitOfWork, campaign_id: UUID, answering: Answering, now: datetime
) -> Recorded:
    if answering.link_to_profile and answering.respondent is None:
        raise Rejected("linking to a profile needs a signed-in respondent")
    if answering.recipients and not answering.link_to_profile:
        raise Rejected("naming recipients needs a response linked to your profile")
    async with uow:
        campaign = await uow.campaigns.get(campaign_id)
        if campaign is None:
            raise NotFound
        if not campaign.accepts_responses_on(now.date()):
            raise Conflict("the campaign is not open")
        survey = await uow.surveys.get(campaign.survey_id)
        assert survey is not None
        answers = survey.definition.validate(answering.answers)
        if not _consented(survey.definition, answers):
            raise Rejected("without consent nothing is recorded")
        account = (
            answering.respondent.subject
            if answering.link_to_profile and answering.respondent
            else None
        )
        if account is not None and await uow.responses.has_respondent(campaign_id, account):
            raise Conflict("you already answered this campaign")
        # no check of the content: two people may give the same answers, and telling the
        # submitter that someone did would be a membership oracle
        if answering.referred_by and not await uow.responses.referral_exists(
            campaign_id, answering.referred_by
        ):
            raise Rejected("unknown referral code")
        code = new_referral_code()
        response_id = await uow.responses.add(
            NewResponse(
                campaign_id=campaign_id,
                survey_id=survey.id,
                source="web",
                submission_id=None,
                submitted_at=now,
                wave=answering.wave,
                respondent_account_id=account,
                recipients=[str(r) for r in answering.recipients],
                referral_code=code,
                referred_by=answering.referred_by,
                answers=answers,
                facts=survey.definition.facts(answers, now.date()),
            )
        )
        assert response_id is not None
        if account is not None:
            await _record_survey_consents(uow, account, answering.recipients, now)
        await uow.commit()
    return Recorded(response_id, code, account is not None)


async def _record_survey_consents(
    uow: MappingUnitOfWork, person: UUID, recipients: Sequence[UUID], now: datetime
) -> None:
    """Naming a recipient in a survey is consent to share identified answers with them: it
    goes into the ledger (channel "survey"), where the person can see and withdraw it."""
    for recipient in dict.fromkeys(recipients):
        await uow.consents.record_sharing(person, recipient, now)


@dataclass
class ImportReport:
    accepted: int = 0
    already_imported: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)


async def import_submissions(
    uow: MappingUnitOfWork,
    campaign_id: UUID,
    submissions: Sequence[Submission],
    source: str,
    by: Principal,
    now: datetime,
    wave: int = 1,
) -> ImportReport:
    """``now``: when the import runs (a submission without its own time was submitted then)."""
    report = ImportReport()
    async with uow:
        campaign = await uow.campaigns.get(campaign_id, for_update=True)
        if campaign is None or not campaign.may_manage(by.subject, by.roles):
            raise NotFound
        survey = await uow.surveys.get(campaign.survey_id)
        assert survey is not None
        known = {q.name for q in survey.definition.questions}
        seen_ids: set[str] = set()
        # deduplicated by submission identity only: look-alike respondents are distinct people
        held_ids = await uow.responses.known_submissions(
            campaign_id, [s.submission_id for s in submissions if s.submission_id]
        )
        for sub in submissions:
            if "__invalid__" in sub.answers:
                report.rejected.append({"row": sub.row, "reason": "not a submission object"})
                continue
            if not sub.submission_id:
                report.rejected.append({"row": sub.row, "reason": "no _uuid or meta/instanceID"})
                continue
            if sub.submission_id in seen_ids or sub.submission_id in held_ids:
                report.already_imported += 1
                continue
            seen_ids.add(sub.submission_id)
            submitted_at = sub.submitted_at or now
            if not campaign.opens_on <= submitted_at.date() <= campaign.closes_on:
                report.rejected.append(
                    {
                        "row": sub.row,
                        "submission_id": sub.submission_id,
                        "reason": "submitted outside the campaign period",
                    }
                )
                continue
            try:
                # Kobo adds computed and metadata fields that are not questions
                answers = survey.definition.validate(
                    {k: v for k, v in sub.answers.items() if k in known}
                )
            except InvalidAnswers as exc:
                report.rejected.append(
                    {
                        "row": sub.row,
                        "submission_id": sub.submission_id,
                        "reason": "invalid answers",
                        "errors": exc.errors,
                    }
                )
                continue
            if not _consented(survey.definition, answers):
                report.rejected.append(
                    {"row": sub.row, "submission_id": sub.submission_id, "reason": "no consent"}
                )
                continue
            response_id = await uow.responses.add(
                NewResponse(
                    campaign_id=campaign_id,
                    survey_id=survey.id,
                    source=source,
                    submission_id=sub.submission_id,
                    submitted_at=submitted_at,
                    wave=wave,
                    respondent_account_id=None,  # imported responses are anonymous
                    recipients=[],
                    referral_code=new_referral_code(),
                    referred_by=None,
                    answers=answers,
                    facts=survey.definition.facts(answers, submitted_at.date()),
                )
            )
            if response_id is None:
                report.already_imported += 1
            else:
                report.accepted += 1
        await uow.publish(
            MappingSubmissionsImported(
                campaign_id=campaign_id,
                source=source,
                accepted=report.accepted,
                already_imported=report.already_imported,
                rejected=len(report.rejected),
                imported_at=now,
            ),
            sequence=campaign.version,
        )
        await uow.commit()
    return report


async def read_response(uow: MappingUnitOfWork, response_id: UUID, by: Principal) -> Any:
    """Identified data: only the respondent, or a recipient they named while the consent
    ledger still holds ``mapping_sharing`` towards that recipient; every attempt logged, and a
    recipient's read goes into the respondent's audit log."""
    async with uow:
        row = await uow.responses.get(response_id)
        own = row is not None and row.respondent_account_id == by.subject
        shared = (
            row is not None
            and not own
            and row.respondent_account_id is not None
            and str(by.subject) in (row.recipients or [])
            and await uow.consents.shares_with(row.respondent_account_id, by.subject)
        )
        allowed = own or shared
        if shared:
            assert row is not None and row.respondent_account_id is not None
            await uow.consents.record_read(
                row.respondent_account_id, by, "mapping_response", str(response_id)
            )
        await uow.access_log.record(
            by.subject,
            "read_response",
            allowed=allowed,
            campaign_id=row.campaign_id if row is not None else None,
            response_id=response_id,
        )
        await uow.commit()
    if not allowed:
        raise NotFound
    return row


async def my_responses(uow: MappingUnitOfWork, by: Principal) -> list[Any]:
    async with uow:
        rows = await uow.responses.of_respondent(by.subject)
        for r in rows:
            await uow.access_log.record(
                by.subject,
                "list_own_responses",
                allowed=True,
                campaign_id=r.campaign_id,
                response_id=r.id,
            )
        await uow.commit()
    return rows


# ---- revocation, export and erasure ------------------------------------------------------
#
# A respondent who linked a response to their profile may, at any time:
# * **withdraw** it: the response is deleted, so every aggregate computed afterwards excludes it
#   (the counting triggers uncount it in the same transaction);
# * **unlink** it: it stays in the aggregates as an anonymous response (no account, no named
#   recipients, access-log rows no longer name it), and nobody — the former respondent included
#   — can read it individually any more, nor withdraw it later (nothing ties it to them).
# Anonymous responses cannot be withdrawn: nothing proves whose they are.
# No event is published: no other service holds per-response data (mapping events carry whole-
# campaign tallies only), and a per-withdrawal event would tell a campaign's readers exactly
# when to compare two releases of the same table.


async def withdraw_response(uow: MappingUnitOfWork, response_id: UUID, by: Principal) -> None:
    async with uow:
        campaign_id = await uow.respondents.withdraw(response_id, by.subject)
        if campaign_id is None:
            raise NotFound
        await uow.access_log.record(
            by.subject, "withdraw_response", allowed=True, campaign_id=campaign_id
        )
        await uow.commit()


async def unlink_response(uow: MappingUnitOfWork, response_id: UUID, by: Principal) -> None:
    async with uow:
        if not await uow.respondents.unlink(response_id, by.subject):
            raise NotFound
        await uow.commit()


async def export_respondent(uow: MappingUnitOfWork, person_id: UUID) -> dict[str, Any]:
    """Everything the mapping module holds about ``person_id`` (for the privacy saga)."""
    async with uow:
        return await uow.respondents.export(person_id)


async def erase_respondent(uow: MappingUnitOfWork, person_id: UUID) -> dict[str, int]:
    """Delete the person's linked responses and de-identify every other mapping row naming
    them (for the privacy saga; idempotent: a second call finds nothing)."""
    async with uow:
        tally = await uow.respondents.erase(person_id)
        await uow.commit()
    return tally


# ---- sector needs ------------------------------------------------------------------------


def _need_fields(need: SectorNeed) -> dict[str, Any]:
    return {
        "need_id": need.id,
        "origin_country": need.origin_country,
        "sector": need.sector,
        "skill": need.skill,
        "region": need.region,
        "positions": need.positions,
        "priority": need.priority,
        "declared_at": need.declared_at,
        "campaign_id": need.campaign_id,
    }


async def declare_need(uow: MappingUnitOfWork, need: SectorNeed, by: Principal) -> SectorNeed:
    """A need for one campaign (it counts in that campaign's gaps only) or, without a
    campaign, for its whole origin country (it counts in every campaign of that country)."""
    if not by.may(Permission.PROFILES_RUN_CAMPAIGNS):
        raise Forbidden
    async with uow:
        if need.campaign_id is not None:
            campaign = await uow.campaigns.get(need.campaign_id)
            if campaign is None:
                raise Rejected("unknown campaign_id")
            if campaign.origin_country != need.origin_country:
                raise Rejected(f"the campaign maps the diaspora of {campaign.origin_country}")
        await uow.needs.add(need)
        await uow.publish(SectorNeedDeclared(**_need_fields(need)))
        await uow.commit()
    return need


async def _changeable_need(uow: MappingUnitOfWork, need_id: UUID, by: Principal) -> SectorNeed:
    """The declarer changes their need, and so does whoever oversees campaigns."""
    if not by.may(Permission.PROFILES_RUN_CAMPAIGNS):
        raise Forbidden
    need = await uow.needs.get(need_id)
    if need is None:
        raise NotFound
    if need.declared_by != by.subject and not by.may(Permission.PROFILES_OVERSEE_CAMPAIGNS):
        raise Forbidden
    return need


async def correct_need(
    uow: MappingUnitOfWork,
    need_id: UUID,
    changes: Mapping[str, Any],
    by: Principal,
    expected: IfMatch,
    now: datetime,
) -> SectorNeed:
    """Correct what a need asks for (sector, skill, region, positions, priority) at the
    version the caller read; the need keeps its campaign and country."""
    async with uow:
        need = await _changeable_need(uow, need_id, by)
        expected.check(need.version, what="the need")
        need = need.corrected(changes)
        await uow.needs.correct(need)
        await uow.publish(SectorNeedCorrected(**_need_fields(need), corrected_at=now))
        await uow.commit()
    return need


async def withdraw_need(
    uow: MappingUnitOfWork, need_id: UUID, by: Principal, expected: IfMatch, now: datetime
) -> None:
    async with uow:
        need = await _changeable_need(uow, need_id, by)
        expected.check(need.version, what="the need")
        await uow.needs.withdraw(need.id)
        await uow.publish(SectorNeedWithdrawn(need_id=need.id, withdrawn_at=now))
        await uow.commit()


async def list_needs(
    uow: MappingUnitOfWork,
    origin_country: str,
    campaign_id: UUID | None = None,
    *,
    after: tuple[datetime, UUID] | None = None,
    limit: int | None = None,
) -> list[SectorNeed]:
    """The standing needs of a country, or those declared for one of its campaigns."""
    async with uow:
        return await uow.needs.for_origin(
            origin_country.upper(), campaign_id, country_wide=False, after=after, limit=limit
        )


def new_need(
    origin_country: str,
    sector: str,
    positions: int,
    priority: int,
    by: Principal,
    skill: str | None = None,
    region: str | None = None,
    campaign_id: UUID | None = None,
    *,
    now: datetime,
) -> SectorNeed:
    return SectorNeed(
        id=uuid.uuid4(),
        origin_country=origin_country.upper(),
        sector=sector.upper(),
        positions=positions,
        priority=priority,
        declared_by=by.subject,
        skill=skill,
        region=region,
        campaign_id=campaign_id,
        declared_at=now,
    )


# ---- aggregates --------------------------------------------------------------------------


class InvalidTableRequest(kinds.InvalidInput, ValueError):
    """A table asked for with too few or too many dimensions or filters."""


@dataclass(frozen=True)
class TableRequest:
    dimensions: tuple[Dimension, ...]
    filters: Mapping[Dimension, str] = field(default_factory=dict)
    window: Window = field(default_factory=Window)

    def __post_init__(self) -> None:
        if len(self.dimensions) > MAX_DIMENSIONS:
            raise InvalidTableRequest(f"ask for 1 to {MAX_DIMENSIONS} dimensions")
        if len(self.filters) > MAX_FILTERS:
            raise InvalidTableRequest(f"at most {MAX_FILTERS} filters")
        if set(self.filters) & set(self.dimensions):
            raise InvalidTableRequest("a dimension cannot be both a filter and a column")


async def _publish(
    uow: MappingUnitOfWork, campaign: Campaign, rules: MappingRules, request: TableRequest
) -> PublishedTable:
    """The table as published, the publication recorded in the ledger (same transaction,
    one campaign's publications one at a time)."""
    policy = PublicationPolicy(campaign.protection(rules.min_k))
    try:
        window = request.window.clipped(campaign.first_month(), campaign.last_month())
    except ValueError as exc:
        raise Rejected(str(exc)) from exc
    await uow.published.lock(campaign.id)
    cubes = await query_cubes(uow.session, campaign.id, request.dimensions, request.filters, window)
    cells = true_cells(cubes)
    ledger = await uow.published.of(campaign.id, list(cells))
    published = publish(cells, ledger, policy)
    await uow.published.record(campaign.id, ledger_changes(published, ledger))
    asked = next(iter(cubes))  # tables.family lists the population asked for first
    return published_table(cubes[asked], asked, published, policy)


async def aggregate_table(
    uow: MappingUnitOfWork,
    campaign_id: UUID,
    request: TableRequest,
    by: Principal,
    organisations: Iterable[UUID],
    rules: MappingRules,
) -> tuple[Campaign, PublishedTable]:
    """A published table (docs/privacy.md: the cell-key method and its publication rules)."""
    if not request.dimensions:
        raise InvalidTableRequest(f"ask for 1 to {MAX_DIMENSIONS} dimensions")
    async with uow:
        campaign = await _readable_campaign(uow, campaign_id, by, organisations)
        table = await _publish(uow, campaign, rules, request)
        await uow.commit()
    if table.too_small:
        raise PopulationTooSmall(
            f"These filters and months select fewer than {table.policy.k} respondents: "
            "nothing about them can be published."
        )
    return campaign, table


async def supply_and_needs(
    uow: MappingUnitOfWork,
    campaign_id: UUID,
    by: Principal,
    organisations: Iterable[UUID],
    rules: MappingRules,
) -> tuple[PublishedTable, list[GapRow]]:
    campaign, supply = await aggregate_table(
        uow,
        campaign_id,
        TableRequest((Dimension.SECTOR, Dimension.SKILL)),
        by,
        organisations,
        rules,
    )
    async with uow:
        # the campaign's own needs and the country's standing ones, never another campaign's
        needs = await uow.needs.for_origin(campaign.origin_country, campaign.id)
    return supply, gap_table(supply, needs)


def campaign_from_request(
    *,
    survey_id: UUID,
    name: str,
    owner_kind: str,
    origin_country: str,
    opens_on: date,
    closes_on: date,
    by: Principal,
    owner_organisation_id: UUID | None,
    channels: Sequence[str],
    coordinating_organisations: Sequence[UUID],
    k: int,
) -> Campaign:
    try:
        kind = OwnerKind(owner_kind)
    except ValueError as exc:
        raise InvalidCampaign("owner_kind must be government or organisation") from exc
    return Campaign(
        id=uuid.uuid4(),
        survey_id=survey_id,
        name=name,
        owner_kind=kind,
        owner_account_id=by.subject,
        owner_organisation_id=owner_organisation_id,
        origin_country=origin_country,
        opens_on=opens_on,
        closes_on=closes_on,
        channels=list(channels),
        coordinating_organisations=list(coordinating_organisations),
        k=k,
    )
