"""The events calendar: virtual exchanges, consultations, summits, with registration,
capacity and a waitlist. Times are stored in UTC with the organiser's IANA time zone."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from eventkit.aggregate import AggregateRoot, DomainEvent


class EventKind(enum.StrEnum):
    VIRTUAL_EXCHANGE = "virtual_exchange"
    CONSULTATION = "consultation"
    SUMMIT = "summit"
    WEBINAR = "webinar"
    WORKSHOP = "workshop"


class RegistrationStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class CalendarError(Exception):
    pass


class EventFull(CalendarError):
    """No seat left and the event keeps no waitlist."""


class AlreadyRegistered(CalendarError):
    pass


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CalendarError(f"{name!r} is not an IANA time zone") from exc


def to_utc(local: datetime, time_zone: str) -> datetime:
    """Wall-clock time in the event's zone (or an aware time) -> UTC."""
    if local.tzinfo is None:
        local = local.replace(tzinfo=zone(time_zone))
    return local.astimezone(UTC)


@dataclass(kw_only=True)
class Registration:
    id: UUID
    event_id: UUID
    person_id: UUID
    status: RegistrationStatus
    created_at: datetime
    updated_at: datetime


@dataclass(kw_only=True)
class EventScheduled(DomainEvent):
    pass


@dataclass(kw_only=True)
class RegistrationChanged(DomainEvent):
    registration_id: UUID
    person_id: UUID
    status: RegistrationStatus
    promoted: bool = False


@dataclass(kw_only=True, eq=False)
class CalendarEvent(AggregateRoot):
    id: UUID
    kind: EventKind
    title: str
    description: str
    language: str
    organiser: str
    organised_by: UUID | None
    time_zone: str
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    location: str | None = None
    online_url: str | None = None
    capacity: int | None = None  # None: unlimited
    waitlist: bool = True
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def schedule(cls, **fields: object) -> CalendarEvent:
        event = cls(id=uuid.uuid4(), **fields)  # type: ignore[arg-type]
        zone(event.time_zone)
        if event.ends_at <= event.starts_at:
            raise CalendarError("an event must end after it starts")
        if event.capacity is not None and event.capacity < 1:
            raise CalendarError("capacity must be at least 1")
        event.record(EventScheduled())
        return event

    def local(self, moment: datetime, time_zone: str | None = None) -> datetime:
        return moment.astimezone(zone(time_zone or self.time_zone))

    def register(
        self, person_id: UUID, confirmed: int, existing: Registration | None, now: datetime
    ) -> Registration:
        """A seat if one is free, else the end of the waitlist (or EventFull)."""
        if now >= self.starts_at:
            raise CalendarError("registration closed: the event has started")
        if existing is not None and existing.status is not RegistrationStatus.CANCELLED:
            raise AlreadyRegistered(f"you are already {existing.status}")
        if self.capacity is None or confirmed < self.capacity:
            status = RegistrationStatus.CONFIRMED
        elif self.waitlist:
            status = RegistrationStatus.WAITLISTED
        else:
            raise EventFull(f"all {self.capacity} seats are taken")
        registration = Registration(
            id=existing.id if existing else uuid.uuid4(),
            event_id=self.id,
            person_id=person_id,
            status=status,
            created_at=now,
            updated_at=now,
        )
        self.record(
            RegistrationChanged(registration_id=registration.id, person_id=person_id, status=status)
        )
        return registration

    def cancel(
        self, registration: Registration, first_waitlisted: Registration | None, now: datetime
    ) -> Registration | None:
        """Cancel; a freed seat goes to the first person on the waitlist (returned)."""
        if registration.status is RegistrationStatus.CANCELLED:
            raise CalendarError("the registration is already cancelled")
        freed_seat = registration.status is RegistrationStatus.CONFIRMED
        registration.status, registration.updated_at = RegistrationStatus.CANCELLED, now
        self.record(
            RegistrationChanged(
                registration_id=registration.id,
                person_id=registration.person_id,
                status=RegistrationStatus.CANCELLED,
            )
        )
        if freed_seat and first_waitlisted is not None:
            first_waitlisted.status = RegistrationStatus.CONFIRMED
            first_waitlisted.updated_at = now
            self.record(
                RegistrationChanged(
                    registration_id=first_waitlisted.id,
                    person_id=first_waitlisted.person_id,
                    status=RegistrationStatus.CONFIRMED,
                    promoted=True,
                )
            )
            return first_waitlisted
        return None
