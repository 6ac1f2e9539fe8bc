"""The local projection of person profiles, built only from profiles' events."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import exists, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import DIRECTORY_LISTING
from contracts.events.profiles import PersonProfileSnapshot
from resources.adapters.orm import consents, erased_people, people
from resources.domain.matching import Needs, ProfileFacts


class PeopleProjection:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def apply(self, snapshot: PersonProfileSnapshot, sequence: int) -> bool:
        """Upsert the snapshot unless a newer one (higher sequence) is already applied or the
        person erased their account. True when applied."""
        if await self.is_erased(snapshot.person_id):
            return False
        values: dict[str, Any] = {
            "person_id": snapshot.person_id,
            "sequence": sequence,
            "display_name": snapshot.display_name,
            "country_of_origin": snapshot.country_of_origin,
            "country_of_residence": snapshot.country_of_residence,
            "languages": sorted({lang.code for lang in snapshot.languages}),
            "occupations": sorted(set(snapshot.occupations)),
            "skills": sorted(set(snapshot.skills)),
            "sectors": sorted(set(snapshot.sectors)),
            "contribution_modes": sorted(set(snapshot.contribution_modes)),
            "open_to_opportunities": snapshot.open_to_opportunities,
            # a withdrawal of directory_listing may have arrived before the first snapshot
            "listed": not await self.withdrew(snapshot.person_id, DIRECTORY_LISTING),
            "locale": snapshot.locale,
            "updated_at": datetime.now(UTC),
        }
        stmt = insert(people).values(**values)
        upsert = stmt.on_conflict_do_update(
            index_elements=["person_id"],
            set_={k: stmt.excluded[k] for k in values if k != "person_id"},
            where=people.c.sequence < stmt.excluded.sequence,
        ).returning(people.c.person_id)
        return (await self.session.execute(upsert)).first() is not None

    async def is_erased(self, person_id: UUID) -> bool:
        return bool(
            await self.session.scalar(
                select(exists().where(erased_people.c.person_id == person_id))
            )
        )

    async def record_consent(
        self, person_id: UUID, purpose: str, recipient: str, withdrawn: bool, at: datetime
    ) -> bool:
        """Keep the newest decision per purpose and recipient (an older redelivery never
        undoes a newer one); True when this one is now the newest."""
        stmt = insert(consents).values(
            person_id=person_id,
            purpose=purpose,
            recipient=recipient,
            withdrawn=withdrawn,
            changed_at=at,
        )
        upsert = stmt.on_conflict_do_update(
            index_elements=["person_id", "purpose", "recipient"],
            set_={"withdrawn": stmt.excluded.withdrawn, "changed_at": stmt.excluded.changed_at},
            where=consents.c.changed_at < stmt.excluded.changed_at,
        ).returning(consents.c.person_id)
        applied = (await self.session.execute(upsert)).first() is not None
        if applied and purpose == DIRECTORY_LISTING:
            await self.session.execute(
                update(people).where(people.c.person_id == person_id).values(listed=not withdrawn)
            )
        return applied

    async def withdrew(self, person_id: UUID, purpose: str, recipient: str = "platform") -> bool:
        return bool(
            await self.session.scalar(
                select(
                    exists().where(
                        consents.c.person_id == person_id,
                        consents.c.purpose == purpose,
                        consents.c.recipient == recipient,
                        consents.c.withdrawn,
                    )
                )
            )
        )

    async def get(self, person_id: UUID) -> ProfileFacts | None:
        row = (
            (await self.session.execute(select(people).where(people.c.person_id == person_id)))
            .mappings()
            .first()
        )
        return facts(row) if row else None

    async def ranked_for(
        self, needs: Needs, limit: int, organisation_id: UUID | None = None
    ) -> list[ProfileFacts]:
        """People who consented to be matched, best first (``matching_sql.rank_people``)."""
        from resources.adapters import matching_sql  # it maps its rows with ``facts`` (above)

        return await matching_sql.rank_people(self.session, needs, limit, organisation_id)


def facts(row: RowMapping) -> ProfileFacts:
    return ProfileFacts(
        person_id=row["person_id"],
        occupations=frozenset(row["occupations"]),
        skills=frozenset(row["skills"]),
        sectors=frozenset(row["sectors"]),
        languages=frozenset(row["languages"]),
        contribution_modes=frozenset(row["contribution_modes"]),
        country_of_origin=row["country_of_origin"],
        country_of_residence=row["country_of_residence"],
        # withdrawn directory_listing consent: never matched, whatever the profile says
        open_to_opportunities=row["open_to_opportunities"] and row["listed"],
    )
