"""Small value objects and validators shared by the aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from alliance.domain.errors import InvalidInput
from contracts.vocabulary import scheme


@dataclass(kw_only=True)
class Term:
    """A period of office or membership; ``ends_on`` None means open-ended (inclusive dates)."""

    starts_on: date
    ends_on: date | None = None

    def __post_init__(self) -> None:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise InvalidInput("A term cannot end before it starts.")

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def overlaps(self, other: Term) -> bool:
        far = date.max
        return self.starts_on <= (other.ends_on or far) and other.starts_on <= (self.ends_on or far)


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper-cased; anything else is refused."""
    code = scheme("countries").canonical(value)
    if code is None:
        raise InvalidInput(f"{value!r} is not an ISO 3166-1 alpha-2 country code.")
    return code


def time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(f"{name!r} is not an IANA time zone.") from exc
    return name


def evidence_link(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidInput("Evidence links must be http(s) URLs.")
    return url.strip()


def non_empty(value: str, what: str) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput(f"{what} must not be empty.")
    return text
