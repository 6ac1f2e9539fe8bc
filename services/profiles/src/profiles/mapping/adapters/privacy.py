"""Mapping's part of a person's data export and erasure, for profiles' privacy saga.

It fills profiles' ``PersonalDataHolder`` port (``profiles.adapters.privacy_repository``) in
the saga's own transaction, so the erasure's confirmation never precedes its effect.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.privacy import ErasureReport
from profiles.mapping.adapters.repository import RespondentData


class MappingPersonalData:
    #: the key of mapping's part in the person's export, and the prefix of its tallies
    key = "mapping"

    def __init__(self, session: AsyncSession) -> None:
        self.respondents = RespondentData(session)

    async def export(self, person_id: UUID) -> dict[str, Any]:
        return await self.respondents.export(person_id)

    async def erase(self, person_id: UUID) -> ErasureReport:
        """Survey responses linked to the person go; other mapping rows naming them are
        de-identified."""
        tally = await self.respondents.erase(person_id)
        return ErasureReport(
            deleted={f"{self.key}_responses": tally.pop("responses_deleted")},
            de_identified={f"{self.key}_{kind}": n for kind, n in tally.items()},
        )
