"""How an API replica's search index follows the resources: built from the tables when the
replica starts, then kept current from the change log (``search_changes``) that triggers
write in the same transaction as every change of a resource or a translation.

Consistency: before each search the replica applies every change committed before that
search's first statement (``SearchReplica.catch_up``: one round trip when nothing changed),
and a background job does the same every ``SEARCH_REFRESH_S`` so a search rarely has work
to do.
So a reader on any replica sees every change committed before their request, an erasure
included. The log is read by transaction id: a reader takes the rows of transactions that
ended before its snapshot's horizon (``pg_snapshot_xmin``), then on the next read everything
from that horizon on, skipping rows it already applied: a transaction that commits late with
a small position is never missed, which "position > last seen" would do. A long transaction
anywhere in the cluster holds the horizon back: the replica then re-reads (and skips) the
rows since it, until it ends.

A new replica (or one that was cut off from the database longer than the log keeps rows,
``RETENTION``) builds its index from the tables, noting the horizon first: a change
committed during the build is in the tables it reads, or after the horizon in the log, or
both (applying a change twice is harmless: a change reloads the resource as it is now).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import timedelta
from functools import partial
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from eventkit.logging import get_logger
from resources.adapters.search_index import IndexedResource, ResourceIndex, Translation

log = get_logger(__name__)

#: how long the change log keeps a row (a replica cut off longer rebuilds its index)
RETENTION = timedelta(days=1)
#: resources read per statement when building or catching up
CHUNK = 2000

_PUBLIC = """
    SELECT r.id, r.kind, r.languages, r.themes, r.sdgs, r.countries, r.regions, r.year,
           r.published_at, r.authors, r.project,
           (SELECT json_agg(json_build_array(t.language, t.title, t.summary || E'\\n' || t.body))
            FROM resources.resource_translations t WHERE t.resource_id = r.id) AS texts
    FROM resources.resources r
    WHERE r.status = 'published' AND NOT r.hidden AND {condition}
"""
_SOME = text(_PUBLIC.format(condition="r.id = ANY(:ids)"))
_NEXT_CHUNK = text(_PUBLIC.format(condition="r.id > :after") + " ORDER BY r.id LIMIT :chunk")
_HORIZON = text("SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text)")
# the horizon and the rows since the cursor, in ONE statement (one snapshot)
_CHANGES = text(
    """
    SELECT CAST(s.horizon AS text), c.position, c.resource_id, CAST(c.xid AS text)
    FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon) s
    LEFT JOIN resources.search_changes c ON c.xid >= CAST(:cursor AS xid8)
    ORDER BY c.position
    """
)
_PRUNE = text(
    "DELETE FROM resources.search_changes WHERE recorded_at < now() - CAST(:keep AS interval)"
)


def _extra(row: Any) -> str:
    """Classification words a reader may search for: themes, regions, authors, project."""
    project = row.project or {}
    if isinstance(project, str):
        project = json.loads(project)
    authors = row.authors if not isinstance(row.authors, str) else json.loads(row.authors)
    return " ".join(
        [
            *row.themes,
            *row.regions,
            *(a.get("name") or "" for a in authors),
            *(
                str(project.get(key) or "")
                for key in ("project_type", "region", "programme_id", "project_id")
            ),
            *project.get("beneficiary_member_states", []),
        ]
    )


def _indexed(row: Any) -> IndexedResource:
    texts = row.texts if not isinstance(row.texts, str) else json.loads(row.texts)
    return IndexedResource(
        id=row.id,
        kind=row.kind,
        languages=row.languages,
        themes=row.themes,
        sdgs=row.sdgs,
        countries=row.countries,
        year=row.year,
        published_at=row.published_at,
        translations=[Translation(lang, title, body) for lang, title, body in texts or []],
        extra=_extra(row),
    )


async def public_resources(engine: AsyncEngine, ids: Iterable[UUID]) -> list[IndexedResource]:
    """The published, visible resources among ``ids`` as the index holds them."""
    wanted = list(ids)
    found: list[IndexedResource] = []
    async with engine.connect() as conn:
        for start in range(0, len(wanted), CHUNK):
            rows = await conn.execute(_SOME, {"ids": wanted[start : start + CHUNK]})
            found += [_indexed(row) for row in rows]
    return found


async def all_public_resources(engine: AsyncEngine) -> AsyncIterator[list[IndexedResource]]:
    """Every published, visible resource, a chunk at a time (keyset by id)."""
    after = UUID(int=0)
    while True:
        async with engine.connect() as conn:
            rows = (await conn.execute(_NEXT_CHUNK, {"after": after, "chunk": CHUNK})).all()
        if not rows:
            return
        after = rows[-1].id
        yield [_indexed(row) for row in rows]


class SearchReplica:
    """This replica's index and where it stands in the change log."""

    def __init__(self, engine: Callable[[], AsyncEngine]) -> None:
        #: the service's engine (the chassis makes it anew after disposing of it)
        self._engine = engine
        self.index = ResourceIndex()
        self._lock = asyncio.Lock()
        #: every change of a transaction below this horizon is applied
        self._horizon: int | None = None
        #: positions applied at or above the horizon (transactions that ended after it)
        self._applied: dict[int, int] = {}
        self._caught_up_at = 0.0
        self._pruned_at = 0.0
        self.built = asyncio.Event()

    @property
    def engine(self) -> AsyncEngine:
        return self._engine()

    async def build(self) -> None:
        """A new index from the tables (the replica starts, or was cut off too long)."""
        async with self._lock:
            started = time.perf_counter()
            async with self.engine.connect() as conn:
                horizon = int((await conn.execute(_HORIZON)).scalar_one())
            index = ResourceIndex()
            async for chunk in all_public_resources(self.engine):
                await asyncio.to_thread(partial(index.write, (), chunk, new=True))
            await asyncio.to_thread(index.publish)
            self.index, self._horizon, self._applied = index, horizon, {}
            self._caught_up_at = time.monotonic()
            self.built.set()
            log.info(
                "search.index_built",
                resources=index.size,
                seconds=round(time.perf_counter() - started, 1),
            )

    async def catch_up(self) -> None:
        """Apply every change committed before now (see the module's docstring)."""
        if self._horizon is None or time.monotonic() - self._caught_up_at > (
            RETENTION.total_seconds() / 2
        ):
            await self.build()
            return
        async with self._lock:
            async with self.engine.connect() as conn:
                rows = (await conn.execute(_CHANGES, {"cursor": self._horizon})).all()
            horizon = int(rows[0][0])
            new = [
                (p, rid, int(x))
                for _, p, rid, x in rows
                if p is not None and p not in self._applied
            ]
            if new:
                changed = {rid for _, rid, _ in new}
                found = await public_resources(self.engine, changed)
                visible = {r.id for r in found}
                await asyncio.to_thread(self.index.write, changed - visible, found)
                await asyncio.to_thread(self.index.publish)
                self._applied.update((p, x) for p, _, x in new)
            self._applied = {p: x for p, x in self._applied.items() if x >= horizon}
            self._horizon = horizon
            self._caught_up_at = time.monotonic()

    async def refresh(self) -> None:
        """One round of the background catch-up (``eventkit.jobs.PeriodicJob``): catch up,
        and now and then prune the log's rows older than ``RETENTION``."""
        await self.catch_up()
        if time.monotonic() - self._pruned_at > 600:
            async with self.engine.begin() as conn:
                await conn.execute(_PRUNE, {"keep": RETENTION})
            self._pruned_at = time.monotonic()
