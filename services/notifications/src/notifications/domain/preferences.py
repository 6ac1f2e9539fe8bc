"""A person's notification preferences: channels, frequency per category, language, time zone
and quiet hours. Pure rules, no I/O: the handlers ask it where and when a notification goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from eventkit.domain_errors import InvalidInput


class Channel(StrEnum):
    IN_APP = "in_app"
    EMAIL = "email"


class Frequency(StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    OFF = "off"


class Category(StrEnum):
    """What a notification is about; preferences are set per category."""

    ACCOUNT = "account"  # welcome, verification, password reset: transactional
    CONNECTIONS = "connections"
    MESSAGES = "messages"
    RESOURCES = "resources"
    EVENTS = "events"
    OPPORTUNITIES = "opportunities"
    ALLIANCE = "alliance"
    NEWSLETTER = "newsletter"


#: transactional mail is always sent immediately: a person cannot switch off a password reset
TRANSACTIONAL = frozenset({Category.ACCOUNT})
SUPPORTED_LANGUAGES = ("en", "fr", "es", "ar")


class InvalidPreferences(InvalidInput, ValueError):
    title = "Invalid preferences"


@dataclass(frozen=True, kw_only=True)
class QuietHours:
    """Local wall-clock window (may wrap midnight, e.g. 22:00-07:00) when no email goes out."""

    start: time
    end: time

    def contains(self, local: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidPreferences(f"unknown time zone {name!r}") from exc


@dataclass(kw_only=True)
class Preferences:
    person_id: UUID
    channels: dict[Channel, bool] = field(
        default_factory=lambda: {Channel.IN_APP: True, Channel.EMAIL: True}
    )
    categories: dict[Category, Frequency] = field(default_factory=dict)
    language: str | None = None  # None: the account's locale
    time_zone: str = "UTC"
    quiet_hours: QuietHours | None = None
    version: int = 0

    def __post_init__(self) -> None:
        zone(self.time_zone)
        if self.language is not None and self.language.split("-")[0] not in SUPPORTED_LANGUAGES:
            raise InvalidPreferences(f"unsupported language {self.language!r}")

    def frequency(self, category: Category) -> Frequency:
        if category in TRANSACTIONAL:
            return Frequency.IMMEDIATE
        return self.categories.get(category, Frequency.IMMEDIATE)

    def email_frequency(self, category: Category) -> Frequency:
        """How email about ``category`` goes out (off when the email channel is off)."""
        if category in TRANSACTIONAL:
            return Frequency.IMMEDIATE
        if not self.channels.get(Channel.EMAIL, True):
            return Frequency.OFF
        return self.frequency(category)

    def wants_in_app(self, category: Category) -> bool:
        return self.channels.get(Channel.IN_APP, True) and self.frequency(category) != Frequency.OFF

    def locale(self, account_locale: str) -> str:
        return self.language or account_locale

    def earliest_send(self, now: datetime, category: Category) -> datetime:
        """``now``, or the end of the quiet hours when ``now`` falls inside them."""
        if self.quiet_hours is None or category in TRANSACTIONAL:
            return now
        tz = zone(self.time_zone)
        local = now.astimezone(tz)
        if not self.quiet_hours.contains(local.time()):
            return now
        end = local.replace(
            hour=self.quiet_hours.end.hour,
            minute=self.quiet_hours.end.minute,
            second=0,
            microsecond=0,
        )
        if end <= local:
            end += timedelta(days=1)
        return end.astimezone(now.tzinfo)

    def unsubscribe(self, category: Category | None) -> None:
        """One-click unsubscribe: one category, or every non-transactional email."""
        if category is None:
            self.channels[Channel.EMAIL] = False
        elif category not in TRANSACTIONAL:
            self.categories[category] = Frequency.OFF
        self.version += 1
