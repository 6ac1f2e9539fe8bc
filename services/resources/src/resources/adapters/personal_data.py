"""One person's slice of the resources schema: read it all (export) or erase it (erasure).

The person's terms, not the tables': what they told us (profile projection, consent), what
they did (expressions of interest, registrations, courses, contributions, reports) and what
was derived about them (matches announced). Erasure deletes what is only about the person and
de-identifies what the community relies on (published resources, calendar entries,
opportunities, courses and moderation history stay; the link to the person goes).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Table, delete, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from resources.adapters.orm import (
    announced_matches,
    attachments,
    calendar_events,
    consents,
    courses,
    enrolments,
    erased_people,
    history,
    idempotency_keys,
    interests,
    opportunities,
    people,
    registrations,
    reports,
    resources,
)
from resources.adapters.orm import translations as resource_translations

#: a JSON authors array that names the person (:pid)
_NAMES_PERSON = "jsonb_build_array(jsonb_build_object('person_id', CAST(:pid AS text)))"


def _authors_without(authors: str) -> str:
    """SQL: the authors array ``authors`` with the person (:pid) replaced by a former member."""
    return f"""(SELECT coalesce(jsonb_agg(CASE WHEN a->>'person_id' = CAST(:pid AS text)
                    THEN jsonb_build_object('name', 'Former member', 'kind', 'person',
                                            'person_id', NULL)
                    ELSE a END), '[]'::jsonb)
                FROM jsonb_array_elements({authors}) a)"""


class PersonalData:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, stmt: Any) -> list[dict[str, Any]]:
        return [dict(m) for m in (await self.session.execute(stmt)).mappings()]

    async def export(self, person_id: UUID) -> dict[str, Any]:
        title = (
            select(resource_translations.c.title)
            .where(
                resource_translations.c.resource_id == resources.c.id,
                resource_translations.c.language == resources.c.original_language,
            )
            .scalar_subquery()
        )
        profile = await self._rows(select(people).where(people.c.person_id == person_id))
        return {
            "profile_projection": profile[0] if profile else None,
            "consent_decisions": await self._rows(
                select(consents).where(consents.c.person_id == person_id)
            ),
            "expressions_of_interest": await self._rows(
                select(
                    interests.c.id,
                    interests.c.opportunity_id,
                    opportunities.c.title.label("opportunity_title"),
                    interests.c.message,
                    interests.c.status,
                    interests.c.created_at,
                    interests.c.updated_at,
                )
                .select_from(
                    interests.outerjoin(
                        opportunities, opportunities.c.id == interests.c.opportunity_id
                    )
                )
                .where(interests.c.person_id == person_id)
            ),
            "matches_announced_to_you": await self._rows(
                select(announced_matches).where(announced_matches.c.person_id == person_id)
            ),
            "event_registrations": await self._rows(
                select(
                    registrations.c.id,
                    registrations.c.event_id,
                    calendar_events.c.title.label("event_title"),
                    calendar_events.c.starts_at,
                    calendar_events.c.status.label("event_status"),
                    registrations.c.status,
                    registrations.c.created_at,
                    registrations.c.updated_at,
                )
                .select_from(
                    registrations.outerjoin(
                        calendar_events, calendar_events.c.id == registrations.c.event_id
                    )
                )
                .where(registrations.c.person_id == person_id)
            ),
            "course_enrolments": await self._rows(
                select(
                    enrolments.c.id,
                    enrolments.c.course_id,
                    courses.c.title.label("course_title"),
                    enrolments.c.enrolled_at,
                    enrolments.c.completed_lessons,
                    enrolments.c.completed_at,
                )
                .select_from(enrolments.outerjoin(courses, courses.c.id == enrolments.c.course_id))
                .where(enrolments.c.person_id == person_id)
            ),
            "resources_contributed": await self._rows(
                select(
                    resources.c.id,
                    title.label("title"),
                    resources.c.kind,
                    resources.c.status,
                    resources.c.created_at,
                    resources.c.published_at,
                ).where(resources.c.contributor_id == person_id)
            ),
            "resources_authored": await self._rows(
                select(resources.c.id, title.label("title"), resources.c.status).where(
                    resources.c.authors.contains([{"person_id": str(person_id)}])
                )
            ),
            "resource_reports_made": await self._rows(
                select(reports.c.resource_id, reports.c.reason, reports.c.created_at).where(
                    reports.c.reporter_id == person_id
                )
            ),
            "resource_history_actions": await self._rows(
                select(
                    history.c.resource_id, history.c.action, history.c.reason, history.c.at
                ).where(history.c.actor_id == person_id)
            ),
            "attachments_uploaded": await self._rows(
                select(
                    attachments.c.id,
                    attachments.c.resource_id,
                    attachments.c.filename,
                    attachments.c.size,
                    attachments.c.uploaded_at,
                ).where(attachments.c.uploaded_by == person_id)
            ),
            "opportunities_posted": await self._rows(
                select(opportunities.c.id, opportunities.c.title, opportunities.c.created_at).where(
                    opportunities.c.posted_by == person_id
                )
            ),
            "calendar_events_organised": await self._rows(
                select(
                    calendar_events.c.id, calendar_events.c.title, calendar_events.c.starts_at
                ).where(calendar_events.c.organised_by == person_id)
            ),
            "courses_created": await self._rows(
                select(courses.c.id, courses.c.title, courses.c.created_at).where(
                    courses.c.created_by == person_id
                )
            ),
        }

    async def _count(self, stmt: Any) -> int:
        result = await self.session.execute(stmt)
        assert isinstance(result, CursorResult)
        return int(result.rowcount or 0)

    async def _delete(self, table: Table, column: ColumnElement[Any], person_id: UUID) -> int:
        return await self._count(delete(table).where(column == person_id))

    async def _unlink(self, table: Table, column_name: str, person_id: UUID) -> int:
        column = table.c[column_name]
        return await self._count(
            update(table).where(column == person_id).values({column_name: None})
        )

    async def erase(
        self, person_id: UUID, erased_at: datetime
    ) -> tuple[dict[str, int], dict[str, int]]:
        """(deleted, de-identified) row counts per kind of record. Idempotent: a repeat
        finds nothing left and counts zeros."""
        # a tombstone, so a late or replayed profile event never brings the person back
        await self.session.execute(
            insert(erased_people)
            .values(person_id=person_id, erased_at=erased_at)
            .on_conflict_do_nothing()
        )
        deleted = {
            "profile_projection": await self._delete(people, people.c.person_id, person_id),
            "consent_decisions": await self._delete(consents, consents.c.person_id, person_id),
            "expressions_of_interest": await self._delete(
                interests, interests.c.person_id, person_id
            ),
            "matches_announced": await self._delete(
                announced_matches, announced_matches.c.person_id, person_id
            ),
            "event_registrations": await self._delete(
                registrations, registrations.c.person_id, person_id
            ),
            # the completion record goes too: it would otherwise prove who took which course
            "course_enrolments": await self._delete(enrolments, enrolments.c.person_id, person_id),
            # stored replies of the person's own requests may echo what they sent
            "idempotency_keys": await self._delete(
                idempotency_keys, idempotency_keys.c.principal_id, person_id
            ),
        }
        pid = {"pid": str(person_id)}
        authored = await self._count(
            text(
                f"""
                UPDATE resources.resources SET authors = {_authors_without("authors")}
                WHERE authors @> {_NAMES_PERSON}
                """
            ).bindparams(**pid)
        )
        # older versions kept in the history name the author too
        versions = await self._count(
            text(
                f"""
                UPDATE resources.resource_history SET snapshot = jsonb_set(
                    jsonb_set(snapshot, '{{authors}}', {_authors_without("snapshot->'authors'")}),
                    '{{contributor_id}}',
                    CASE WHEN snapshot->>'contributor_id' = CAST(:pid AS text) THEN 'null'::jsonb
                         ELSE coalesce(snapshot->'contributor_id', 'null'::jsonb) END)
                WHERE snapshot->'authors' @> {_NAMES_PERSON}
                   OR snapshot->>'contributor_id' = CAST(:pid AS text)
                """
            ).bindparams(**pid)
        )
        # the community's records stay; the link to the person goes
        de_identified = {
            "resources_contributed": await self._unlink(resources, "contributor_id", person_id),
            "resources_authored": authored,
            "resource_versions_naming_them": versions,
            "resource_history_actions": await self._unlink(history, "actor_id", person_id),
            "resource_reports_made": await self._unlink(reports, "reporter_id", person_id),
            "attachments_uploaded": await self._unlink(attachments, "uploaded_by", person_id),
            "opportunities_posted": await self._unlink(opportunities, "posted_by", person_id),
            "calendar_events_organised": await self._unlink(
                calendar_events, "organised_by", person_id
            ),
            "courses_created": await self._unlink(courses, "created_by", person_id),
        }
        return deleted, de_identified
