"""Diaspora mapping API (``/v1/mapping``): questionnaires, campaigns, responses, imports,
sector needs, and protected aggregates as JSON, CSV (HXL) and charts (SVG/PNG)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from contracts.vocabulary.locales import reader_locale
from contracts.vocabulary.types import CountryCode, LanguageCode
from eventkit.http.auth import CurrentPrincipal, MaybePrincipal, Principal
from eventkit.http.clock import Now
from eventkit.http.openapi_headers import CREATED
from eventkit.http.preconditions import IfMatchHeader
from eventkit.http.problems import Problem
from eventkit.preconditions import etag
from eventkit.service import Chassis
from profiles.mapping.adapters import charts, exports, kobo
from profiles.mapping.adapters.repository import StoredSurvey, survey_from_json, survey_to_json
from profiles.mapping.adapters.template import TEMPLATE
from profiles.mapping.adapters.xlsform import parse_xlsform
from profiles.mapping.domain import statistics_map
from profiles.mapping.domain.campaign import Campaign, SectorNeed
from profiles.mapping.domain.dimensions import Dimension, parse_dimensions
from profiles.mapping.domain.populations import Month, Window
from profiles.mapping.domain.promise import CONSENT_QUESTION, consent_labels, protection
from profiles.mapping.domain.publication import PublicationPolicy
from profiles.mapping.domain.survey import InvalidSurvey
from profiles.mapping.service_layer import handlers
from profiles.mapping.service_layer.unit_of_work import MappingUnitOfWork

router = APIRouter(prefix="/v1/mapping", tags=["mapping"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
T = TypeVar("T")


async def unit_of_work(request: Request) -> MappingUnitOfWork:
    """The composition root's factory: the unit of work with profiles' ports wired in."""
    factory: Callable[[], MappingUnitOfWork] = request.app.state.mapping_uow_factory
    return factory()


UoW = Annotated[MappingUnitOfWork, Depends(unit_of_work)]


async def mapping_rules(request: Request) -> handlers.MappingRules:
    chassis: Chassis = request.app.state.chassis
    return handlers.MappingRules(min_k=getattr(chassis.settings, "mapping_min_k", 10))


Rules = Annotated[handlers.MappingRules, Depends(mapping_rules)]


def organisations_of(principal: Principal) -> set[UUID]:
    """Organisations the caller acts for according to the token's ``organisations`` claim (if
    the issuer adds one); the service layer adds the verified admin memberships it stores."""
    out = set()
    for value in principal.claims.get("organisations", []) or []:
        try:
            out.add(UUID(str(value)))
        except ValueError:
            continue
    return out


# ---- questionnaires -----------------------------------------------------------------------


def _survey_view(s: StoredSurvey) -> dict[str, Any]:
    return {
        "id": str(s.id),
        "key": s.key,
        "version": s.version,
        **survey_to_json(s.definition),
        # which answers feed which statistic, and which feed none (the mapping step's report)
        "statistics": asdict(statistics_map.report(s.definition)),
    }


class StatisticsOut(BaseModel):
    """Which answers feed which statistic (``domain.mapping.statistics_map``)."""

    feeds: dict[str, str]
    feeds_no_statistic: list[str]
    dimensions_not_fed: list[str]
    suggestions: dict[str, str]


class SurveyOut(BaseModel):
    id: UUID
    key: str
    version: int
    title: dict[str, str]
    languages: list[str]
    default_language: str
    form_id: str
    form_version: str
    questions: list[dict[str, Any]]
    statistics: StatisticsOut


class SurveyInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(min_length=1, max_length=100, pattern=r"^[a-z0-9_.-]+$")
    title: dict[str, str]
    languages: list[str] = Field(min_length=1, max_length=20)
    default_language: str = "en"
    questions: list[dict[str, Any]] = Field(min_length=1, max_length=500)


def _created_survey(survey: Any, response: Response) -> dict[str, Any]:
    view = _survey_view(survey)
    response.headers["Location"] = f"/v1/mapping/surveys/{view['id']}"
    return view


@router.post("/surveys", status_code=201, response_model=SurveyOut, responses=CREATED)
async def create_survey(
    body: SurveyInput, uow: UoW, principal: CurrentPrincipal, response: Response
) -> dict[str, Any]:
    try:
        definition = survey_from_json(body.model_dump(exclude={"key"}))
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidSurvey(f"the questionnaire is not valid: {exc}") from exc
    survey = await handlers.create_survey(uow, body.key, definition, principal)
    return _created_survey(survey, response)


@router.post("/surveys/xlsform", status_code=201, response_model=SurveyOut, responses=CREATED)
async def import_xlsform(
    request: Request,
    response: Response,
    uow: UoW,
    principal: CurrentPrincipal,
    key: Annotated[str, Query(min_length=1, max_length=100, pattern=r"^[a-z0-9_.-]+$")],
) -> dict[str, Any]:
    """Body: the .xlsx file itself. Each import is a new version of ``key``."""
    content = await request.body()
    # parsing a workbook is CPU work: keep it off the event loop
    definition = await asyncio.to_thread(parse_xlsform, content)
    return _created_survey(await handlers.create_survey(uow, key, definition, principal), response)


class DimensionsInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    #: question name -> the dimension its answers feed (null: feeds no statistic)
    dimensions: dict[str, str | None] = Field(min_length=1, max_length=500)


@router.post(
    "/surveys/{survey_id}/dimensions", status_code=201, response_model=SurveyOut, responses=CREATED
)
async def map_survey_dimensions(
    survey_id: UUID,
    body: DimensionsInput,
    uow: UoW,
    principal: CurrentPrincipal,
    response: Response,
) -> dict[str, Any]:
    """The mapping step for a standard XLSForm / Kobo form (no ``dimension`` column): which
    question feeds which dimension. Answers a new version of the questionnaire, with its
    ``statistics`` report; campaigns are launched on that version. A question, a dimension or
    a pairing that cannot work is refused (422) with every problem named."""
    mapped = await handlers.map_dimensions(uow, survey_id, body.dimensions, principal)
    return _created_survey(mapped, response)


@router.get("/surveys/{survey_id}", response_model=SurveyOut)
async def get_survey(survey_id: UUID, uow: UoW) -> dict[str, Any]:
    """Questionnaires are public (no answers in them)."""
    return _survey_view(await handlers.get_survey(uow, survey_id))


@router.get("/template.xlsx", response_class=Response)
async def template() -> Response:
    """The standard diaspora mapping questionnaire (XLSForm, en/fr/es)."""
    return Response(
        TEMPLATE.read_bytes(),
        media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="diaspora_mapping_template.xlsx"'},
    )


# ---- campaigns ---------------------------------------------------------------------------


class CampaignInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    survey_id: UUID
    name: str = Field(max_length=200)
    owner_kind: Literal["government", "organisation"]
    owner_organisation_id: UUID | None = None
    origin_country: str = Field(min_length=2, max_length=2)
    opens_on: date
    closes_on: date
    channels: list[str] = Field(default=[], max_length=10)
    coordinating_organisations: list[UUID] = Field(default=[], max_length=50)
    k: int | None = Field(
        default=None,
        ge=2,
        le=100,
        description="the smallest count published; at least the platform's floor "
        "(MAPPING_MIN_K, 10 by default), which is also the default. Perturbation cannot be "
        "switched off.",
    )


def _campaign_view(c: Campaign, rules: handlers.MappingRules) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "survey_id": str(c.survey_id),
        "name": c.name,
        "owner_kind": c.owner_kind.value,
        "owner_organisation_id": str(c.owner_organisation_id) if c.owner_organisation_id else None,
        "origin_country": c.origin_country,
        "opens_on": c.opens_on.isoformat(),
        "closes_on": c.closes_on.isoformat(),
        "channels": c.channels,
        "coordinating_organisations": [str(o) for o in c.coordinating_organisations],
        "k": c.protection(rules.min_k),
        "status": c.status.value,
    }


def _public_campaign(c: Campaign, rules: handlers.MappingRules) -> dict[str, Any]:
    """What anyone may know of a campaign (its k is told as the protection, in words)."""
    return {k: v for k, v in _campaign_view(c, rules).items() if k != "k"}


def _policy(c: Campaign, rules: handlers.MappingRules) -> PublicationPolicy:
    return PublicationPolicy(c.protection(rules.min_k))


class PublicCampaign(BaseModel):
    """What anyone may know of a campaign."""

    id: UUID
    survey_id: UUID
    name: str
    owner_kind: str
    owner_organisation_id: UUID | None
    origin_country: str
    opens_on: date
    closes_on: date
    channels: list[str]
    coordinating_organisations: list[UUID]
    status: str


class OpenCampaigns(BaseModel):
    items: list[PublicCampaign]


class ManagedCampaign(PublicCampaign):
    """A campaign as the person who runs it sees it: with the k it is published with."""

    k: int = Field(description="the smallest count published (never below the platform floor)")


class CampaignWithResponses(ManagedCampaign):
    responses: int | None = Field(
        description="published number of responses: perturbed, null while below k"
    )


class ProtectionOut(BaseModel):
    """How a respondent's answers are protected, said in each language."""

    method: Literal["cell_key"]
    k: int
    max_noise: int
    promise: dict[str, str] = Field(description="language code -> the promise")


class QuestionnaireOut(BaseModel):
    campaign: PublicCampaign
    protection: ProtectionOut
    survey: SurveyOut


class RecordedResponse(BaseModel):
    response_id: UUID
    referral_code: str | None = Field(description="share it: who answers with it is counted")
    linked_to_profile: bool


class RejectedSubmission(BaseModel):
    row: int | None = Field(description="its place in the export")
    submission_id: str | None = None
    reason: str
    errors: dict[str, str] | None = Field(
        default=None, description="question name -> why its answer was refused"
    )


class ImportReport(BaseModel):
    accepted: int
    already_imported: int
    rejected: list[RejectedSubmission]


class ResponseSummary(BaseModel):
    id: UUID
    campaign_id: UUID
    submitted_at: datetime


class MyResponses(BaseModel):
    items: list[ResponseSummary]


class ResponseOut(ResponseSummary):
    answers: dict[str, Any]
    referral_code: str | None


@router.post("/campaigns", status_code=201, response_model=ManagedCampaign, responses=CREATED)
async def launch_campaign(
    body: CampaignInput, uow: UoW, principal: CurrentPrincipal, rules: Rules, response: Response
) -> dict[str, Any]:
    settings = body.model_dump()
    settings["k"] = settings["k"] or rules.min_k
    campaign = handlers.campaign_from_request(by=principal, **settings)
    launched = await handlers.launch_campaign(uow, campaign, principal, rules)
    response.headers["Location"] = f"/v1/mapping/campaigns/{launched.id}"
    return _campaign_view(launched, rules)


@router.get("/campaigns", response_model=OpenCampaigns)
async def list_open_campaigns(
    uow: UoW,
    now: Now,
    rules: Rules,
    origin: Annotated[CountryCode | None, Query(description="origin country (ISO 3166)")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> OpenCampaigns:
    """Campaigns taking answers today, the soonest to close first (public: what they ask
    and how answers are protected, never a count): how a person finds a survey to answer."""
    found = await handlers.open_campaigns(uow, now.now().date(), origin, limit)
    return OpenCampaigns(items=[PublicCampaign(**_public_campaign(c, rules)) for c in found])


class ManagedCampaigns(BaseModel):
    items: list[ManagedCampaign]


# before /campaigns/{campaign_id}: "mine" is not a campaign id
@router.get("/campaigns/mine", response_model=ManagedCampaigns, responses={403: {}})
async def my_campaigns(
    uow: UoW,
    principal: CurrentPrincipal,
    rules: Rules,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> ManagedCampaigns:
    """The campaigns you launched, open and closed, the newest first (a focal point's or an
    organisation's console): their settings as enforced, never a count."""
    found = await handlers.campaigns_run_by(uow, principal, limit)
    return ManagedCampaigns(items=[ManagedCampaign(**_campaign_view(c, rules)) for c in found])


@router.get("/campaigns/{campaign_id}", response_model=CampaignWithResponses)
async def get_campaign(
    campaign_id: UUID, uow: UoW, principal: CurrentPrincipal, rules: Rules
) -> dict[str, Any]:
    """The campaign, with its published number of responses: perturbed like every published
    count (the exact number is never shown), null while it is below k."""
    campaign, n = await handlers.get_campaign(
        uow, campaign_id, principal, organisations_of(principal), rules
    )
    return {**_campaign_view(campaign, rules), "responses": n}


@router.get("/campaigns/{campaign_id}/questionnaire", response_model=QuestionnaireOut)
async def questionnaire(campaign_id: UUID, uow: UoW, rules: Rules) -> dict[str, Any]:
    """What respondents see: the campaign's public facts, how their answers are protected (in
    en/fr/es/ar and the questionnaire's languages) and the questionnaire, whose consent
    question states that protection with the campaign's own k."""
    campaign, survey = await handlers.get_public_campaign(uow, campaign_id)
    policy = _policy(campaign, rules)
    languages = survey.definition.languages
    view = _survey_view(survey)
    for question in view["questions"]:
        if question["name"] == CONSENT_QUESTION:
            question["labels"] = consent_labels(policy, languages)
    return {
        "campaign": _public_campaign(campaign, rules),
        "protection": protection(policy, languages),
        "survey": view,
    }


@router.post("/campaigns/{campaign_id}/close", response_model=ManagedCampaign)
async def close_campaign(
    campaign_id: UUID, uow: UoW, principal: CurrentPrincipal, rules: Rules, now: Now
) -> dict[str, Any]:
    closed = await handlers.close_campaign(uow, campaign_id, principal, rules, now.now())
    return _campaign_view(closed, rules)


# ---- responses ---------------------------------------------------------------------------


class ResponseInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    answers: dict[str, Any] = Field(max_length=500)
    link_to_profile: bool = Field(
        default=False, description="explicit consent to link this response to your profile"
    )
    recipients: list[UUID] = Field(
        default=[], max_length=5, description="accounts you consent may read this response"
    )
    referral_code: str | None = Field(default=None, max_length=16)
    wave: int = Field(default=1, ge=1, le=100)


@router.post(
    "/campaigns/{campaign_id}/responses",
    status_code=201,
    response_model=RecordedResponse,
    responses=CREATED,
)
async def submit_response(
    campaign_id: UUID,
    body: ResponseInput,
    uow: UoW,
    principal: MaybePrincipal,
    response: Response,
    now: Now,
) -> dict[str, Any]:
    recorded = await handlers.submit_response(
        uow,
        campaign_id,
        handlers.Answering(
            answers=body.answers,
            respondent=principal,
            link_to_profile=body.link_to_profile,
            recipients=body.recipients,
            referred_by=body.referral_code,
            wave=body.wave,
        ),
        now.now(),
    )
    # its address: readable by its respondent only (GET answers 404 to anyone else)
    response.headers["Location"] = f"/v1/mapping/responses/{recorded.response_id}"
    return {
        "response_id": str(recorded.response_id),
        "referral_code": recorded.referral_code,
        "linked_to_profile": recorded.linked,
    }


@router.post(
    "/campaigns/{campaign_id}/imports",
    response_model=ImportReport,
    response_model_exclude_unset=True,
)
async def import_submissions(
    campaign_id: UUID,
    request: Request,
    uow: UoW,
    principal: CurrentPrincipal,
    now: Now,
    format: Annotated[Literal["kobo_json", "kobo_csv"], Query()] = "kobo_json",
    wave: Annotated[int, Query(ge=1, le=100)] = 1,
) -> dict[str, Any]:
    """Body: a KoboToolbox/ODK export (JSON or CSV). Idempotent on each submission's id."""
    content = await request.body()
    reader = kobo.read_json if format == "kobo_json" else kobo.read_csv
    submissions = reader(content)
    report = await handlers.import_submissions(
        uow, campaign_id, submissions, format, principal, now.now(), wave
    )
    return {
        "accepted": report.accepted,
        "already_imported": report.already_imported,
        "rejected": report.rejected,
    }


def _response_view(row: Any) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "campaign_id": str(row.campaign_id),
        "submitted_at": row.submitted_at.isoformat(),
        "answers": row.answers,
        "referral_code": row.referral_code,
    }


@router.get("/responses/mine", response_model=MyResponses)
async def my_responses(uow: UoW, principal: CurrentPrincipal) -> dict[str, Any]:
    rows = await handlers.my_responses(uow, principal)
    return {
        "items": [
            {
                "id": str(r.id),
                "campaign_id": str(r.campaign_id),
                "submitted_at": r.submitted_at.isoformat(),
            }
            for r in rows
        ]
    }


@router.get("/responses/{response_id}", response_model=ResponseOut)
async def read_response(response_id: UUID, uow: UoW, principal: CurrentPrincipal) -> dict[str, Any]:
    """Only the respondent, or a recipient they named; every attempt is logged."""
    return _response_view(await handlers.read_response(uow, response_id, principal))


@router.delete("/responses/{response_id}", status_code=204, response_class=Response)
async def withdraw_response(response_id: UUID, uow: UoW, principal: CurrentPrincipal) -> Response:
    """Withdraw your own linked response: it is deleted and leaves every aggregate."""
    await handlers.withdraw_response(uow, response_id, principal)
    return Response(status_code=204)


@router.post("/responses/{response_id}/unlink", status_code=204, response_class=Response)
async def unlink_response(response_id: UUID, uow: UoW, principal: CurrentPrincipal) -> Response:
    """Make your own linked response anonymous: it stays in the aggregates, but nobody (you
    included) can read, change or withdraw it individually any more."""
    await handlers.unlink_response(uow, response_id, principal)
    return Response(status_code=204)


# ---- sector needs ------------------------------------------------------------------------


class NeedInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    origin_country: str = Field(min_length=2, max_length=2)
    sector: str = Field(min_length=1, max_length=2)
    skill: str | None = Field(default=None, max_length=10)
    region: str | None = Field(default=None, max_length=100)
    positions: int = Field(ge=1, le=1_000_000)
    priority: int = Field(default=3, ge=1, le=5)
    campaign_id: UUID | None = None


class NeedCorrection(BaseModel):
    """What a declared need asks for, corrected (the fields given replace the declared ones)."""

    model_config = ConfigDict(extra="forbid")
    sector: str | None = Field(default=None, min_length=1, max_length=2)
    skill: str | None = Field(default=None, max_length=10)
    region: str | None = Field(default=None, max_length=100)
    positions: int | None = Field(default=None, ge=1, le=1_000_000)
    priority: int | None = Field(default=None, ge=1, le=5)


class NeedOut(BaseModel):
    id: UUID
    origin_country: str
    sector: str
    skill: str | None
    region: str | None
    positions: int
    priority: int
    campaign_id: UUID | None = Field(description="None: a need of the whole origin country")
    declared_at: datetime
    version: int = Field(
        description='its ETag is W/"<version>": send it as If-Match to correct or withdraw it'
    )


class NeedPage(BaseModel):
    items: list[NeedOut]
    next_cursor: str | None = Field(description="pass as cursor for the next page")


def _need_view(n: SectorNeed) -> NeedOut:
    return NeedOut(
        id=n.id,
        origin_country=n.origin_country,
        sector=n.sector,
        skill=n.skill,
        region=n.region,
        positions=n.positions,
        priority=n.priority,
        campaign_id=n.campaign_id,
        declared_at=n.declared_at,
        version=n.version,
    )


def _need_response(need: SectorNeed, response: Response) -> NeedOut:
    response.headers["ETag"] = etag(need.version)
    return _need_view(need)


@router.post("/needs", status_code=201, response_model=NeedOut, responses=CREATED)
async def declare_need(
    body: NeedInput, uow: UoW, principal: CurrentPrincipal, now: Now, response: Response
) -> NeedOut:
    """A need for one campaign (``campaign_id``: it counts in that campaign's gaps only) or
    for the origin country (no ``campaign_id``: it counts in each of its campaigns)."""
    need = handlers.new_need(by=principal, now=now.now(), **body.model_dump())
    await handlers.declare_need(uow, need, principal)
    # its address (corrected with PATCH, withdrawn with DELETE; read in GET /needs)
    response.headers["Location"] = f"/v1/mapping/needs/{need.id}"
    return _need_response(need, response)


@router.get("/needs", response_model=NeedPage, responses={400: {"description": "Bad cursor"}})
async def list_needs(
    uow: UoW,
    principal: CurrentPrincipal,
    origin: Annotated[str, Query(min_length=2, max_length=2)],
    campaign_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> NeedPage:
    """The standing needs of an origin country, or (``campaign_id``) those declared for one
    of its campaigns, in declaration order: pass ``next_cursor`` back until it is null."""
    after = None
    if cursor:
        try:
            declared, _, need_id = cursor.partition("_")
            after = (datetime.fromisoformat(declared), UUID(need_id))
        except ValueError as exc:
            raise Problem(400, "Bad Request", "the cursor is not one this API gave out") from exc
    needs = await handlers.list_needs(uow, origin, campaign_id, after=after, limit=limit + 1)
    last = needs[limit - 1] if len(needs) > limit else None
    return NeedPage(
        items=[_need_view(n) for n in needs[:limit]],
        next_cursor=f"{last.declared_at.isoformat()}_{last.id}" if last else None,
    )


@router.patch(
    "/needs/{need_id}",
    response_model=NeedOut,
    responses={403: {}, 404: {}, 412: {}, 422: {}, 428: {}},
)
async def correct_need(
    need_id: UUID,
    body: NeedCorrection,
    uow: UoW,
    principal: CurrentPrincipal,
    expected: IfMatchHeader,
    now: Now,
    response: Response,
) -> NeedOut:
    """Correct a declared need (its declarer, or whoever oversees campaigns), naming the
    version you read in ``If-Match``."""
    changes = body.model_dump(exclude_unset=True)
    if not changes:
        raise Problem(422, "Unprocessable Content", "say what to correct")
    need = await handlers.correct_need(uow, need_id, changes, principal, expected, now.now())
    return _need_response(need, response)


@router.delete(
    "/needs/{need_id}",
    status_code=204,
    response_class=Response,
    responses={403: {}, 404: {}, 412: {}, 428: {}},
)
async def withdraw_need(
    need_id: UUID, uow: UoW, principal: CurrentPrincipal, expected: IfMatchHeader, now: Now
) -> Response:
    """Withdraw a declared need, naming the version you read in ``If-Match``: it no
    longer counts in any gap."""
    await handlers.withdraw_need(uow, need_id, principal, expected, now.now())
    return Response(status_code=204)


# ---- aggregates --------------------------------------------------------------------------


def _table_request(
    dimensions: str, filters: list[str], start: str | None, end: str | None
) -> handlers.TableRequest:
    try:
        dims = parse_dimensions(dimensions)
        parsed: dict[Dimension, str] = {}
        for f in filters:
            name, sep, value = f.partition(":")
            if not sep or not value or len(value) > 60:
                raise ValueError(f"filter {f!r} is not dimension:value")
            dim = Dimension(name)
            if dim in parsed:
                raise ValueError(f"two filters on {name!r}")
            parsed[dim] = value
        window = Window(Month.parse(start) if start else None, Month.parse(end) if end else None)
        return handlers.TableRequest(dims, parsed, window)
    except ValueError as exc:
        raise Problem(422, "Unprocessable Content", str(exc)) from exc


Dims = Annotated[str, Query(description="comma-separated, e.g. gender,sector", max_length=200)]
Filters = Annotated[
    list[str],
    Query(alias="filter", description="dimension:value", max_length=handlers.MAX_FILTERS),
]
From = Annotated[str | None, Query(alias="from", description="first month YYYY-MM")]
To = Annotated[str | None, Query(alias="to", description="last month YYYY-MM")]


class DisclosureOut(BaseModel):
    """How a table's numbers were protected (docs/privacy.md)."""

    method: Literal["cell_key"]
    k: int
    max_noise: int
    step: int
    note: str


class CellOut(BaseModel):
    """One cell: its category in each of the table's dimensions (named by the dimension;
    ``total`` for a margin), then its protected count."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, str]

    count: int | None = Field(description="null below k, or when told as same_as")
    below_k: bool
    basis: str = Field(description="perturbed, kept or same_as_coarser")
    same_as: str | None
    approximately: int | None
    share: float | None
    share_within: float | None


class TableOut(BaseModel):
    dimensions: list[str]
    categories: dict[str, list[str]]
    disclosure: DisclosureOut
    cells: list[CellOut]


class GapRowOut(BaseModel):
    sector: str
    skill: str
    needed: int = Field(description="positions declared as needed (public figures)")
    supply: int | None = Field(description="respondents declaring the skill; null below k")
    gap: int | None = Field(description="supply - needed, when supply is shown")
    priority: int


class GapsOut(BaseModel):
    disclosure: DisclosureOut
    rows: list[GapRowOut]


@router.get(
    "/campaigns/{campaign_id}/tables",
    response_model=TableOut,
    responses={200: {"content": {"text/csv; charset=utf-8": {"schema": {"type": "string"}}}}},
)
async def aggregate_table(
    campaign_id: UUID,
    uow: UoW,
    principal: CurrentPrincipal,
    rules: Rules,
    dimensions: Dims,
    filters: Filters = [],  # noqa: B006 (FastAPI copies defaults)
    start: From = None,
    end: To = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> Response:
    request = _table_request(dimensions, filters, start, end)
    _, table = await handlers.aggregate_table(
        uow, campaign_id, request, principal, organisations_of(principal), rules
    )
    if format == "csv":
        return Response(exports.table_csv(table), media_type="text/csv; charset=utf-8")
    return _json(exports.table_json(table))


def _json(doc: dict[str, Any]) -> Response:
    from fastapi.responses import JSONResponse

    return JSONResponse(doc)


@router.get("/campaigns/{campaign_id}/gaps", response_model=GapsOut)
async def supply_and_needs(
    campaign_id: UUID, uow: UoW, principal: CurrentPrincipal, rules: Rules
) -> dict[str, Any]:
    supply, rows = await handlers.supply_and_needs(
        uow, campaign_id, principal, organisations_of(principal), rules
    )
    return {
        "disclosure": exports.disclosure(supply),
        "rows": [r.__dict__ for r in rows],
    }


ChartName = Literal["population-pyramid", "skills-by-sector", "supply-vs-needs"]


@router.get("/campaigns/{campaign_id}/charts/{chart}.{fmt}", response_class=Response)
async def chart(
    campaign_id: UUID,
    chart: ChartName,
    fmt: Literal["svg", "png"],
    uow: UoW,
    principal: CurrentPrincipal,
    rules: Rules,
    filters: Filters = [],  # noqa: B006
    start: From = None,
    end: To = None,
    lang: Annotated[
        LanguageCode | None,
        Query(description="the chart's language (en, fr, es, ar); default: Accept-Language"),
    ] = None,
    accept_language: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """A released table drawn in the reader's language: sector and skill names, not codes;
    text kept as text in SVG; protected cells marked, never estimated."""
    orgs = organisations_of(principal)
    locale = reader_locale(lang, accept_language)
    render: Callable[[], bytes]
    if chart == "supply-vs-needs":
        supply, rows = await handlers.supply_and_needs(uow, campaign_id, principal, orgs, rules)
        render = lambda: charts.supply_vs_needs(rows, supply, fmt, locale)  # noqa: E731
    else:
        dims = "age_band,gender" if chart == "population-pyramid" else "sector,skill"
        request = _table_request(dims, filters, start, end)
        _, table = await handlers.aggregate_table(uow, campaign_id, request, principal, orgs, rules)
        draw = (
            charts.population_pyramid if chart == "population-pyramid" else charts.skills_by_sector
        )
        render = lambda: draw(table, fmt, locale)  # noqa: E731
    body = await asyncio.to_thread(render)
    return Response(
        body,
        media_type=charts.FORMATS[fmt],
        headers={"Content-Language": locale, "Vary": "Accept-Language"},
    )
