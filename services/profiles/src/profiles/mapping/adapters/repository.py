"""Rows <-> mapping domain objects (SQLAlchemy Core on the unit of work's session)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, or_, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.mapping.adapters.orm import (
    access_log,
    campaigns,
    published_cells,
    responses,
    sector_needs,
    surveys,
)
from profiles.mapping.domain.campaign import Campaign, CampaignStatus, OwnerKind, SectorNeed
from profiles.mapping.domain.populations import Month
from profiles.mapping.domain.publication import (
    Basis,
    Constraint,
    Definition,
    Published,
    definition_text,
)
from profiles.mapping.domain.survey import Choice, Question, QuestionType, SurveyDefinition


def survey_to_json(s: SurveyDefinition) -> dict[str, Any]:
    return {
        "title": s.title,
        "languages": list(s.languages),
        "default_language": s.default_language,
        "form_id": s.form_id,
        "form_version": s.form_version,
        "questions": [
            {
                "name": q.name,
                "type": q.type.value,
                "labels": q.labels,
                "required": q.required,
                "multiple": q.multiple,
                "choices": [{"name": c.name, "labels": c.labels} for c in q.choices],
                "relevant": q.relevant,
                "dimension": q.dimension,
            }
            for q in s.questions
        ],
    }


def survey_from_json(data: dict[str, Any]) -> SurveyDefinition:
    return SurveyDefinition(
        title=data["title"],
        languages=tuple(data["languages"]),
        default_language=data.get("default_language", "en"),
        form_id=data.get("form_id", ""),
        form_version=data.get("form_version", ""),
        questions=tuple(
            Question(
                name=q["name"],
                type=QuestionType(q["type"]),
                labels=q.get("labels", {}),
                required=q.get("required", False),
                multiple=q.get("multiple", False),
                choices=tuple(Choice(c["name"], c.get("labels", {})) for c in q.get("choices", [])),
                relevant=q.get("relevant", ""),
                dimension=q.get("dimension"),
            )
            for q in data["questions"]
        ),
    )


@dataclass(frozen=True)
class StoredSurvey:
    id: UUID
    key: str
    version: int
    definition: SurveyDefinition
    created_at: datetime


class SurveyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, key: str, definition: SurveyDefinition, created_by: UUID) -> StoredSurvey:
        """A new version of ``key`` (versions are immutable; the next number is taken)."""
        # a concurrent new version of the same key fails on the unique (key, version)
        current = await self.session.scalar(
            select(func.max(surveys.c.version)).where(surveys.c.key == key)
        )
        version = (current or 0) + 1
        stored = StoredSurvey(uuid.uuid4(), key, version, definition, datetime.now(UTC))
        await self.session.execute(
            insert(surveys).values(
                id=stored.id,
                key=key,
                version=version,
                title=definition.title,
                definition=survey_to_json(definition),
                created_by=created_by,
                created_at=stored.created_at,
            )
        )
        return stored

    async def get(self, survey_id: UUID) -> StoredSurvey | None:
        row = (await self.session.execute(select(surveys).where(surveys.c.id == survey_id))).first()
        if row is None:
            return None
        return StoredSurvey(
            row.id, row.key, row.version, survey_from_json(row.definition), row.created_at
        )


def _campaign(row: Any) -> Campaign:
    return Campaign(
        id=row.id,
        survey_id=row.survey_id,
        name=row.name,
        owner_kind=OwnerKind(row.owner_kind),
        owner_account_id=row.owner_account_id,
        owner_organisation_id=row.owner_organisation_id,
        origin_country=row.origin_country,
        opens_on=row.opens_on,
        closes_on=row.closes_on,
        channels=list(row.channels),
        coordinating_organisations=[UUID(o) for o in row.coordinating_organisations],
        k=row.k,
        status=CampaignStatus(row.status),
        version=row.version,
        created_at=row.created_at,
    )


class CampaignRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, c: Campaign) -> None:
        await self.session.execute(insert(campaigns).values(**self._values(c)))

    async def save(self, c: Campaign) -> None:
        await self.session.execute(
            update(campaigns).where(campaigns.c.id == c.id).values(**self._values(c))
        )

    @staticmethod
    def _values(c: Campaign) -> dict[str, Any]:
        return {
            "id": c.id,
            "survey_id": c.survey_id,
            "name": c.name,
            "owner_kind": c.owner_kind.value,
            "owner_account_id": c.owner_account_id,
            "owner_organisation_id": c.owner_organisation_id,
            "origin_country": c.origin_country,
            "opens_on": c.opens_on,
            "closes_on": c.closes_on,
            "channels": list(c.channels),
            "coordinating_organisations": [str(o) for o in c.coordinating_organisations],
            "k": c.k,
            "status": c.status.value,
            "version": c.version,
            "created_at": c.created_at,
        }

    async def open_on(self, day: date, origin: str | None, limit: int) -> list[Campaign]:
        """Campaigns taking answers on ``day`` (of one origin country, if named), the
        soonest to close first."""
        query = (
            select(campaigns)
            .where(
                campaigns.c.status == CampaignStatus.OPEN.value,
                campaigns.c.opens_on <= day,
                campaigns.c.closes_on >= day,
            )
            .order_by(campaigns.c.closes_on, campaigns.c.id)
            .limit(limit)
        )
        if origin is not None:
            query = query.where(campaigns.c.origin_country == origin)
        return [_campaign(row) for row in (await self.session.execute(query)).all()]

    async def run_by(self, account_id: UUID, limit: int) -> list[Campaign]:
        """The campaigns ``account_id`` launched, the newest first (open and closed)."""
        query = (
            select(campaigns)
            .where(campaigns.c.owner_account_id == account_id)
            .order_by(campaigns.c.created_at.desc(), campaigns.c.id)
            .limit(limit)
        )
        return [_campaign(row) for row in (await self.session.execute(query)).all()]

    async def get(self, campaign_id: UUID, *, for_update: bool = False) -> Campaign | None:
        query = select(campaigns).where(campaigns.c.id == campaign_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).first()
        return None if row is None else _campaign(row)


@dataclass(frozen=True)
class NewResponse:
    campaign_id: UUID
    survey_id: UUID
    source: str
    submission_id: str | None
    submitted_at: datetime
    wave: int
    respondent_account_id: UUID | None
    recipients: list[str]
    referral_code: str
    referred_by: str | None
    answers: dict[str, Any]
    facts: dict[str, Any]


MULTI_COLUMNS = ("sector", "skill", "language", "contribution_mode", "need")
SINGLE_COLUMNS = ("origin", "residence", "gender", "age_band", "education")


class ResponseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, r: NewResponse) -> UUID | None:
        """The new response's id; None when this submission id was already imported."""
        response_id = uuid.uuid4()
        values: dict[str, Any] = {
            "id": response_id,
            "campaign_id": r.campaign_id,
            "survey_id": r.survey_id,
            "source": r.source,
            "submission_id": r.submission_id,
            "submitted_at": r.submitted_at,
            "month": Month.of(r.submitted_at.date()).first_day(),
            "wave": r.wave,
            "respondent_account_id": r.respondent_account_id,
            "recipients": r.recipients,
            "referral_code": r.referral_code,
            "referred_by": r.referred_by,
            "answers": r.answers,
        }
        for col in SINGLE_COLUMNS:
            values[col] = r.facts.get(col)
        for col in MULTI_COLUMNS:
            values[col] = list(r.facts.get(col, []))
        stmt = (
            pg_insert(responses)
            .values(**values)
            .on_conflict_do_nothing(constraint="uq_mapping_responses_submission")
            .returning(responses.c.id)
        )
        return await self.session.scalar(stmt)

    async def known_submissions(self, campaign_id: UUID, submission_ids: list[str]) -> set[str]:
        """Which of these submission ids (Kobo ``_uuid`` / ODK ``meta/instanceID``) the
        campaign already holds: the only identity an import is deduplicated by."""
        ids = await self.session.execute(
            select(responses.c.submission_id).where(
                responses.c.campaign_id == campaign_id,
                responses.c.submission_id.in_(submission_ids),
            )
        )
        return {r[0] for r in ids}

    async def has_respondent(self, campaign_id: UUID, account_id: UUID) -> bool:
        found = await self.session.scalar(
            select(responses.c.id)
            .where(
                responses.c.campaign_id == campaign_id,
                responses.c.respondent_account_id == account_id,
            )
            .limit(1)
        )
        return found is not None

    async def referral_exists(self, campaign_id: UUID, code: str) -> bool:
        found = await self.session.scalar(
            select(responses.c.id).where(
                responses.c.campaign_id == campaign_id, responses.c.referral_code == code
            )
        )
        return found is not None

    async def get(self, response_id: UUID) -> Any:
        return (
            await self.session.execute(select(responses).where(responses.c.id == response_id))
        ).first()

    async def of_respondent(self, account_id: UUID) -> list[Any]:
        rows = await self.session.execute(
            select(
                responses.c.id,
                responses.c.campaign_id,
                responses.c.submitted_at,
                responses.c.referral_code,
            )
            .where(responses.c.respondent_account_id == account_id)
            .order_by(responses.c.submitted_at)
        )
        return list(rows)


#: what replaces an erased person's id where a row must keep *someone* (provenance, audit)
ERASED = UUID(int=0)


class RespondentData:
    """Every mapping row tied to one person, for withdrawal, export and erasure.

    Tied to a person: responses linked to their profile (``respondent_account_id``), their id
    in other responses' ``recipients``, access-log rows where they are the accessor, and the
    provenance of what they created as staff (surveys, campaigns they own, declared needs).
    """

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def withdraw(self, response_id: UUID, person_id: UUID) -> UUID | None:
        """Delete the person's own linked response (the counting triggers uncount it); the
        campaign id, or None when no such response of theirs exists."""
        return await self.session.scalar(
            delete(responses)
            .where(responses.c.id == response_id, responses.c.respondent_account_id == person_id)
            .returning(responses.c.campaign_id)
        )

    async def unlink(self, response_id: UUID, person_id: UUID) -> bool:
        """Make the person's linked response anonymous: no account, no recipients, and its
        access-log rows no longer name the response (they would link the reader to it)."""
        done = await self.session.scalar(
            update(responses)
            .where(responses.c.id == response_id, responses.c.respondent_account_id == person_id)
            .values(respondent_account_id=None, recipients=[])
            .returning(responses.c.id)
        )
        if done is None:
            return False
        await self.session.execute(
            update(access_log)
            .where(access_log.c.response_id == response_id)
            .values(response_id=None)
        )
        return True

    async def export(self, person_id: UUID) -> dict[str, Any]:
        own = (
            await self.session.execute(
                select(responses)
                .where(responses.c.respondent_account_id == person_id)
                .order_by(responses.c.submitted_at)
            )
        ).all()
        ids = [r.id for r in own]
        accesses = (
            await self.session.execute(
                select(access_log)
                .where(access_log.c.response_id.in_(ids))
                .order_by(access_log.c.at)
            )
        ).all()
        named = await self.session.scalar(
            select(func.count())
            .select_from(responses)
            .where(responses.c.recipients.contains([str(person_id)]))
        )
        return {
            "responses": [
                {
                    "id": str(r.id),
                    "campaign_id": str(r.campaign_id),
                    "survey_id": str(r.survey_id),
                    "source": r.source,
                    "submitted_at": r.submitted_at.isoformat(),
                    "wave": r.wave,
                    "answers": r.answers,
                    "recipients": list(r.recipients),
                    "referral_code": r.referral_code,
                    "referred_by": r.referred_by,
                    "facts": {
                        **{c: getattr(r, c) for c in SINGLE_COLUMNS},
                        **{c: list(getattr(r, c)) for c in MULTI_COLUMNS},
                    },
                }
                for r in own
            ],
            "accesses_to_my_responses": [
                {
                    "at": a.at.isoformat(),
                    "response_id": str(a.response_id),
                    "accessor_account_id": str(a.accessor_account_id),
                    "action": a.action,
                    "allowed": a.allowed,
                }
                for a in accesses
            ],
            #: other people's responses naming this person as a recipient (their content is
            #: the other respondents' data: only the number is theirs to know)
            "named_as_recipient": int(named or 0),
        }

    async def erase(self, person_id: UUID) -> dict[str, int]:
        """Delete the person's linked responses, remove them as a recipient, and replace their
        id by ``ERASED`` in the access log and in staff provenance. Returns tallies."""
        deleted = (
            await self.session.execute(
                delete(responses)
                .where(responses.c.respondent_account_id == person_id)
                .returning(responses.c.id)
            )
        ).all()
        me = str(person_id)
        recipient = await self.session.execute(
            update(responses)
            .where(responses.c.recipients.contains([me]))
            .values(recipients=responses.c.recipients.op("-")(me))
        )
        accessor = await self.session.execute(
            update(access_log)
            .where(access_log.c.accessor_account_id == person_id)
            .values(accessor_account_id=ERASED)
        )
        provenance = 0
        for table, column in (
            (surveys, surveys.c.created_by),
            (campaigns, campaigns.c.owner_account_id),
            (sector_needs, sector_needs.c.declared_by),
        ):
            result = await self.session.execute(
                update(table).where(column == person_id).values({column.name: ERASED})
            )
            provenance += result.rowcount  # type: ignore[attr-defined]
        return {
            "responses_deleted": len(deleted),
            "recipient_entries_removed": recipient.rowcount,  # type: ignore[attr-defined]
            "access_log_rows_deidentified": accessor.rowcount,  # type: ignore[attr-defined]
            "provenance_rows_deidentified": provenance,
        }


class SectorNeedRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, need: SectorNeed) -> None:
        await self.session.execute(
            insert(sector_needs).values(
                id=need.id,
                origin_country=need.origin_country,
                sector=need.sector,
                skill=need.skill,
                region=need.region,
                positions=need.positions,
                priority=need.priority,
                declared_by=need.declared_by,
                campaign_id=need.campaign_id,
                declared_at=need.declared_at,
                version=need.version,
                withdrawn=False,
            )
        )

    async def for_origin(
        self,
        origin_country: str,
        campaign_id: UUID | None = None,
        *,
        country_wide: bool = True,
        after: tuple[datetime, UUID] | None = None,
        limit: int | None = None,
    ) -> list[SectorNeed]:
        """The standing needs of ``origin_country`` in declaration order (keyset ``after``);
        with ``campaign_id``, those declared for that campaign (and, ``country_wide``, those
        declared for no campaign), never another campaign's."""
        where = [sector_needs.c.origin_country == origin_country, ~sector_needs.c.withdrawn]
        if campaign_id is not None:
            mine = sector_needs.c.campaign_id == campaign_id
            where.append(or_(mine, sector_needs.c.campaign_id.is_(None)) if country_wide else mine)
        if after is not None:
            where.append(tuple_(sector_needs.c.declared_at, sector_needs.c.id) > after)
        stmt = select(sector_needs).where(*where)
        stmt = stmt.order_by(sector_needs.c.declared_at, sector_needs.c.id).limit(limit)
        return [_need(r) for r in await self.session.execute(stmt)]

    async def get(self, need_id: UUID) -> SectorNeed | None:
        """A standing (not withdrawn) need, locked for a change."""
        row = (
            await self.session.execute(
                select(sector_needs)
                .where(sector_needs.c.id == need_id, ~sector_needs.c.withdrawn)
                .with_for_update()
            )
        ).first()
        return None if row is None else _need(row)

    async def correct(self, need: SectorNeed) -> None:
        await self.session.execute(
            update(sector_needs)
            .where(sector_needs.c.id == need.id)
            .values(
                sector=need.sector,
                skill=need.skill,
                region=need.region,
                positions=need.positions,
                priority=need.priority,
                version=need.version,
            )
        )

    async def withdraw(self, need_id: UUID) -> None:
        await self.session.execute(
            update(sector_needs).where(sector_needs.c.id == need_id).values(withdrawn=True)
        )


def _need(r: Row[Any]) -> SectorNeed:
    return SectorNeed(
        id=r.id,
        origin_country=r.origin_country,
        sector=r.sector,
        positions=r.positions,
        priority=r.priority,
        declared_by=r.declared_by,
        skill=r.skill,
        region=r.region,
        campaign_id=r.campaign_id,
        declared_at=r.declared_at,
        version=r.version,
    )


def _constraint(text_: str | None) -> Constraint | None:
    if text_ is None:
        return None
    dimension, _, value = text_.partition("=")
    return dimension, value


class PublishedCells:
    """What was published for each cell of a campaign (``domain.mapping.publication``)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self, campaign_id: UUID) -> None:
        """Serialise publications of one campaign until the transaction ends: two requests
        publishing the same new cell at once must publish the same value."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:c, 26))"),
            {"c": str(campaign_id)},
        )

    async def of(
        self, campaign_id: UUID, definitions: list[Definition]
    ) -> dict[Definition, Published]:
        by_text = {definition_text(d): d for d in definitions}
        # one array parameter, not one per cell: the statement is the same for every table
        rows = await self.session.execute(_LEDGER_ROWS, {"c": campaign_id, "d": list(by_text)})
        return {
            by_text[r.definition]: Published(r.value, Basis(r.basis), r.raw, _constraint(r.dropped))
            for r in rows
        }

    async def record(self, campaign_id: UUID, changes: dict[Definition, Published]) -> None:
        """Every change in one statement with one array per column: a multi-row VALUES of
        seven parameters per cell took longer to build in SQLAlchemy than everything else
        a first publication does (docs/benchmarks/mapping_analytics.md)."""
        if not changes:
            return
        cells = list(changes.items())
        await self.session.execute(
            _LEDGER_WRITE,
            {
                "c": campaign_id,
                "at": datetime.now(UTC),
                "d": [definition_text(d) for d, _ in cells],
                "v": [p.value for _, p in cells],
                "r": [p.raw for _, p in cells],
                "b": [p.basis.value for _, p in cells],
                "x": [f"{p.dropped[0]}={p.dropped[1]}" if p.dropped else None for _, p in cells],
            },
        )


_LEDGER_ROWS = text(
    f"SELECT definition, value, raw, basis, dropped FROM {published_cells.fullname} "
    "WHERE campaign_id = :c AND definition = ANY(CAST(:d AS text[]))"
)
_LEDGER_WRITE = text(
    f"INSERT INTO {published_cells.fullname} "
    "(campaign_id, definition, value, raw, basis, dropped, published_at) "
    "SELECT :c, d, v, r, b, x, :at FROM unnest(CAST(:d AS text[]), CAST(:v AS int[]), "
    "CAST(:r AS int[]), CAST(:b AS text[]), CAST(:x AS text[])) AS cell(d, v, r, b, x) "
    "ON CONFLICT (campaign_id, definition) DO UPDATE SET value = EXCLUDED.value, "
    "raw = EXCLUDED.raw, basis = EXCLUDED.basis, dropped = EXCLUDED.dropped, "
    "published_at = EXCLUDED.published_at"
)


class AccessLog:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(
        self,
        accessor: UUID,
        action: str,
        *,
        allowed: bool,
        campaign_id: UUID | None = None,
        response_id: UUID | None = None,
    ) -> None:
        await self.session.execute(
            insert(access_log).values(
                id=uuid.uuid4(),
                at=datetime.now(UTC),
                accessor_account_id=accessor,
                campaign_id=campaign_id,
                response_id=response_id,
                action=action,
                allowed=allowed,
            )
        )

    async def entries_for(self, response_id: UUID) -> list[Any]:
        rows = await self.session.execute(
            select(access_log)
            .where(access_log.c.response_id == response_id)
            .order_by(access_log.c.at)
        )
        return list(rows)


def today() -> date:
    return datetime.now(UTC).date()
