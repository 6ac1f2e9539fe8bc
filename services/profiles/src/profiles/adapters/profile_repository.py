"""Person profiles: rows <-> aggregates."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.adapters.orm import person_profiles
from profiles.domain.profile import (
    DEFAULT_VISIBILITY,
    LanguageSkill,
    PersonProfile,
    ProfileDetails,
    Visibility,
)

_LISTS = ("skills", "occupations", "tags", "sectors", "interests", "contribution_modes")


class PersonProfileRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, person_id: UUID, *, for_update: bool = False) -> PersonProfile | None:
        query = select(person_profiles).where(person_profiles.c.person_id == person_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        return _profile(row) if row else None

    async def add(self, profile: PersonProfile) -> None:
        await self.session.execute(person_profiles.insert().values(**_row(profile)))

    async def save(self, profile: PersonProfile) -> None:
        values = _row(profile)
        del values["person_id"], values["created_at"]
        await self.session.execute(
            person_profiles.update()
            .where(person_profiles.c.person_id == profile.person_id)
            .values(**values)
        )


def _row(p: PersonProfile) -> dict[str, Any]:
    doc = p.details.as_document()
    return {
        **doc,
        "person_id": p.person_id,
        "locale": p.locale,
        "directory_listed": p.listed,
        "version": p.version,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
    }


def _profile(row: RowMapping) -> PersonProfile:
    raw = dict(row)
    details = ProfileDetails(
        display_name=raw["display_name"],
        given_name=raw["given_name"],
        family_name=raw["family_name"],
        headline=dict(raw["headline"]),
        bio=dict(raw["bio"]),
        country_of_origin=raw["country_of_origin"],
        country_of_residence=raw["country_of_residence"],
        city=raw["city"],
        languages=tuple(LanguageSkill(**x) for x in raw["languages"]),
        education_level=raw["education_level"],
        years_of_experience=raw["years_of_experience"],
        availability=raw["availability"],
        open_to_opportunities=raw["open_to_opportunities"],
        gender=raw["gender"],
        birth_year=raw["birth_year"],
        # fields added after the row was written get their default visibility
        visibility={**DEFAULT_VISIBILITY}
        | {k: Visibility(v) for k, v in raw["visibility"].items() if k in DEFAULT_VISIBILITY},
        **{name: tuple(raw[name]) for name in _LISTS},
    )
    return PersonProfile(
        person_id=raw["person_id"],
        details=details,
        locale=raw["locale"],
        listed=raw["directory_listed"],
        version=raw["version"],
        created_at=raw["created_at"],
        updated_at=raw["updated_at"],
    )
