"""iCalendar (RFC 5545) export of calendar events: CRLF lines folded at 75 octets, text
escaped, times in UTC with the organiser's zone kept as a hint for clients."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from resources.domain.calendar import CalendarEvent

PRODID = "-//Diaspora Engagement Platform//Resources//EN"


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a character."""
    out: list[str] = []
    current = b""
    limit = 75
    for ch in line:
        encoded = ch.encode()
        if len(current) + len(encoded) > limit:
            out.append(current.decode())
            current = b""
            limit = 74  # continuation lines start with a space
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _description(e: CalendarEvent) -> str:
    if not e.cancelled:
        return e.description
    why = f": {e.cancellation_reason}" if e.cancellation_reason else ""
    return f"CANCELLED{why}\n\n{e.description}"


def calendar(events: Iterable[CalendarEvent], base_url: str, name: str) -> str:
    now = _utc(datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.id}@diaspora-platform",
            f"DTSTAMP:{now}",
            # clients replace their copy when SEQUENCE goes up (RFC 5545 3.8.7.4)
            f"SEQUENCE:{e.revision}",
            f"STATUS:{'CANCELLED' if e.cancelled else 'CONFIRMED'}",
            f"DTSTART:{_utc(e.starts_at)}",
            f"DTEND:{_utc(e.ends_at)}",
            f"SUMMARY:{_escape(e.title)}",
            f"DESCRIPTION:{_escape(_description(e))}",
            f"CATEGORIES:{_escape(e.kind.value)}",
            f"ORGANIZER;CN={_escape(e.organiser)}:mailto:noreply@diaspora-platform.invalid",
            f"URL:{base_url}/v1/events/{e.id}",
            f"X-DIASPORA-TIMEZONE:{e.time_zone}",
        ]
        if e.location:
            lines.append(f"LOCATION:{_escape(e.location)}")
        elif e.online_url:
            lines.append(f"LOCATION:{_escape(e.online_url)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
