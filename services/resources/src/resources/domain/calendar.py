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
from eventkit.domain_errors import InvalidInput
from eventkit.preconditions import etag


class EventKind(enum.StrEnum):
    VIRTUAL_EXCHANGE = "virtual_exchange"
    CONSULTATION = "consultation"
    SUMMIT = "summit"
    WEBINAR = "webinar"
    WORKSHOP = "workshop"


class EventStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class RegistrationStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class CalendarError(InvalidInput):
    """A calendar rule refuses the values (the use cases say when it is a conflict)."""


class EventFull(CalendarError):
    """No seat left and the event keeps no waitlist."""


class AlreadyRegistered(CalendarError):
    pass


class EventCancelled(CalendarError):
    """The entry was called off: no registration, no further edits."""


#: the details an organiser may change after scheduling
EDITABLE = (
    "title",
    "description",
    "language",
    "organiser",
    "time_zone",
    "starts_at",
    "ends_at",
    "location",
    "online_url",
    "capacity",
    "waitlist",
)


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
class EventUpdated(DomainEvent):
    changed: tuple[str, ...]


@dataclass(kw_only=True)
class EventCalledOff(DomainEvent):
    reason: str | None


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
    status: EventStatus = EventStatus.SCHEDULED
    #: organiser's revisions of the details (ETag, iCalendar SEQUENCE); registrations do not
    #: count, so a registration never makes an organiser's If-Match stale
    revision: int = 0
    cancelled_at: datetime | None = None
    cancellation_reason: str | None = None
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

    @property
    def etag(self) -> str:
        return etag(self.revision)

    @property
    def cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED

    def may_manage(self, actor_id: UUID, *, moderator: bool) -> bool:
        return moderator or (self.organised_by is not None and self.organised_by == actor_id)

    def revise(self, changes: dict[str, object], confirmed: int) -> tuple[str, ...]:
        """Apply the organiser's changes (UTC times); returns the fields that changed.

        A capacity below the seats already confirmed is refused: nobody loses a seat
        they were given."""
        if self.cancelled:
            raise EventCancelled("the event was cancelled; it can no longer be edited")
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise CalendarError(f"not editable: {', '.join(sorted(unknown))}")
        changed = tuple(k for k in EDITABLE if k in changes and changes[k] != getattr(self, k))
        if not changed:
            return ()
        after = {k: changes.get(k, getattr(self, k)) for k in EDITABLE}
        zone(str(after["time_zone"]))
        starts_at, ends_at = after["starts_at"], after["ends_at"]
        assert isinstance(starts_at, datetime) and isinstance(ends_at, datetime)
        if ends_at <= starts_at:
            raise CalendarError("an event must end after it starts")
        capacity = after["capacity"]
        if capacity is not None and (not isinstance(capacity, int) or capacity < 1):
            raise CalendarError("capacity must be at least 1")
        if isinstance(capacity, int) and capacity < confirmed:
            raise CalendarError(f"{confirmed} seats are already confirmed")
        for name in changed:
            setattr(self, name, changes[name])
        self.revision += 1
        self.record(EventUpdated(changed=changed))
        return changed

    def seats_free(self, confirmed: int) -> int | None:
        """Seats free now (None: unlimited)."""
        return None if self.capacity is None else max(0, self.capacity - confirmed)

    def promote(self, waitlisted: Registration, now: datetime) -> None:
        """A seat freed up (cancellation or more capacity): the first waiting person gets it."""
        if self.cancelled or waitlisted.status is not RegistrationStatus.WAITLISTED:
            raise CalendarError("only a waitlisted registration of a scheduled event")
        waitlisted.status, waitlisted.updated_at = RegistrationStatus.CONFIRMED, now
        self.record(
            RegistrationChanged(
                registration_id=waitlisted.id,
                person_id=waitlisted.person_id,
                status=RegistrationStatus.CONFIRMED,
                promoted=True,
            )
        )

    def cancel_event(self, reason: str | None, now: datetime) -> None:
        """Call the event off. Registrations stay as they were (people keep the record of
        having registered); new ones are refused."""
        if self.cancelled:
            raise EventCancelled("the event is already cancelled")
        self.status, self.cancelled_at, self.cancellation_reason = (
            EventStatus.CANCELLED,
            now,
            reason,
        )
        self.revision += 1
        self.record(EventCalledOff(reason=reason))

    def local(self, moment: datetime, time_zone: str | None = None) -> datetime:
        return moment.astimezone(zone(time_zone or self.time_zone))

    def register(
        self, person_id: UUID, confirmed: int, existing: Registration | None, now: datetime
    ) -> Registration:
        """A seat if one is free, else the end of the waitlist (or EventFull)."""
        if self.cancelled:
            raise EventCancelled("the event was cancelled")
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
