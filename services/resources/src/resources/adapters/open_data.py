"""The open-data feed: published, non-personal items (resources, upcoming events, open
opportunities) as JSON Feed 1.1 and Atom 1.0. Only organisations are named; no account ids,
no person authors, no registrations or expressions of interest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True)
class Entry:
    id: str
    type: str  # resource, event, opportunity
    title: str
    summary: str
    url: str
    updated: datetime
    language: str | None = None
    tags: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


async def entries(session: AsyncSession, base_url: str, limit: int) -> list[Entry]:
    now = datetime.now(UTC)
    found: list[Entry] = []
    rows = await session.execute(
        text(
            """
            SELECT r.id, r.kind, r.original_language, r.themes, r.sdgs, r.countries, r.year,
                   r.published_at, r.authors, t.title, t.summary
            FROM resources.resources r
            JOIN resources.resource_translations t
              ON t.resource_id = r.id AND t.language = r.original_language
            WHERE r.status = 'published' AND NOT r.hidden
            ORDER BY r.published_at DESC, r.id DESC
            LIMIT :limit
            """
        ),
        {"limit": limit},
    )
    for m in rows.mappings():
        found.append(
            Entry(
                id=f"urn:uuid:{m['id']}",
                type="resource",
                title=m["title"],
                summary=m["summary"],
                url=f"{base_url}/v1/resources/{m['id']}",
                updated=m["published_at"],
                language=m["original_language"],
                tags=(m["kind"], *m["themes"], *(f"sdg-{s}" for s in m["sdgs"]), *m["countries"]),
                organisations=tuple(
                    a["name"] for a in m["authors"] if a.get("kind") == "organisation"
                ),
                extra={"kind": m["kind"], "year": m["year"]},
            )
        )
    rows = await session.execute(
        text(
            """
            SELECT id, kind, title, description, language, organiser, starts_at, ends_at,
                   time_zone, status, coalesce(cancelled_at, created_at) AS changed_at
            FROM resources.calendar_events WHERE ends_at >= :now
            ORDER BY starts_at, id LIMIT :limit
            """
        ),
        {"now": now, "limit": limit},
    )
    for m in rows.mappings():
        found.append(
            Entry(
                id=f"urn:uuid:{m['id']}",
                type="event",
                title=m["title"],
                summary=m["description"],
                url=f"{base_url}/v1/events/{m['id']}",
                updated=m["changed_at"],
                language=m["language"],
                tags=(m["kind"],),
                organisations=(m["organiser"],),
                extra={
                    "starts_at": m["starts_at"].isoformat(),
                    "ends_at": m["ends_at"].isoformat(),
                    "time_zone": m["time_zone"],
                    # cancelled entries stay in the feed, so subscribers learn of it
                    "status": m["status"],
                },
            )
        )
    rows = await session.execute(
        text(
            """
            SELECT id, kind, title, description, organisation, deadline, countries, sectors,
                   required_skills, created_at
            FROM resources.opportunities WHERE deadline >= :now
            ORDER BY created_at DESC, id LIMIT :limit
            """
        ),
        {"now": now, "limit": limit},
    )
    for m in rows.mappings():
        found.append(
            Entry(
                id=f"urn:uuid:{m['id']}",
                type="opportunity",
                title=m["title"],
                summary=m["description"],
                url=f"{base_url}/v1/opportunities/{m['id']}",
                updated=m["created_at"],
                tags=(m["kind"], *m["sectors"], *m["countries"]),
                organisations=(m["organisation"],),
                extra={"deadline": m["deadline"].isoformat(), "skills": list(m["required_skills"])},
            )
        )
    found.sort(key=lambda e: e.updated, reverse=True)
    return found


def json_feed(items: list[Entry], base_url: str) -> dict[str, Any]:
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Diaspora Engagement Platform: open data",
        "home_page_url": base_url,
        "feed_url": f"{base_url}/v1/open-data/feed.json",
        "items": [
            {
                "id": e.id,
                "url": e.url,
                "title": e.title,
                "content_text": e.summary,
                "date_modified": e.updated.isoformat(),
                "tags": list(e.tags),
                "language": e.language,
                "authors": [{"name": o} for o in e.organisations],
                "_diaspora": {"type": e.type, **e.extra},
            }
            for e in items
        ],
    }


ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(items: list[Entry], base_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent: ET.Element, tag: str, text_: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text_ is not None:
            el.text = text_
        return el

    sub(feed, "id", f"{base_url}/v1/open-data/feed.atom")
    sub(feed, "title", "Diaspora Engagement Platform: open data")
    updated = max((e.updated for e in items), default=datetime.now(UTC))
    sub(feed, "updated", updated.isoformat())
    sub(feed, "link", rel="self", href=f"{base_url}/v1/open-data/feed.atom")
    sub(sub(feed, "author"), "name", "Diaspora Engagement Platform")
    for e in items:
        entry = sub(feed, "entry")
        sub(entry, "id", e.id)
        sub(entry, "title", e.title)
        sub(entry, "updated", e.updated.isoformat())
        sub(entry, "link", href=e.url)
        sub(entry, "summary", e.summary)
        sub(entry, "category", term=e.type)
        for tag in e.tags:
            sub(entry, "category", term=tag)
        for organisation in e.organisations:
            sub(sub(entry, "author"), "name", organisation)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
