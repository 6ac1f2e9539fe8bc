from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_kind import MeetingKind

if TYPE_CHECKING:
    from ..models.agenda_item import AgendaItem
    from ..models.decision import Decision
    from ..models.minutes import Minutes
    from ..models.quorum import Quorum


T = TypeVar("T", bound="Meeting")


@_attrs_define
class Meeting:
    """
    Attributes:
        agenda (list[AgendaItem]):
        alliance_id (UUID):
        attendance (list[UUID]):
        body_id (UUID):
        cancelled (bool):
        decisions (list[Decision]):
        ends_at (datetime.datetime | None):
        id (UUID):
        invitations (list[UUID]):
        kind (MeetingKind):
        local_starts_at (datetime.datetime): the start in the meeting's own time zone
        location (str):
        minutes (Minutes | None):
        quorum (Quorum):
        registrations (list[UUID]):
        starts_at (datetime.datetime):
        timezone (str):
        title (str):
        version (int): incremented on every change
    """

    agenda: list[AgendaItem]
    alliance_id: UUID
    attendance: list[UUID]
    body_id: UUID
    cancelled: bool
    decisions: list[Decision]
    ends_at: datetime.datetime | None
    id: UUID
    invitations: list[UUID]
    kind: MeetingKind
    local_starts_at: datetime.datetime
    location: str
    minutes: Minutes | None
    quorum: Quorum
    registrations: list[UUID]
    starts_at: datetime.datetime
    timezone: str
    title: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.minutes import Minutes  # noqa: PLC0415

        agenda = []
        for agenda_item_data in self.agenda:
            agenda_item = agenda_item_data.to_dict()
            agenda.append(agenda_item)

        alliance_id = str(self.alliance_id)

        attendance = []
        for attendance_item_data in self.attendance:
            attendance_item = str(attendance_item_data)
            attendance.append(attendance_item)

        body_id = str(self.body_id)

        cancelled = self.cancelled

        decisions = []
        for decisions_item_data in self.decisions:
            decisions_item = decisions_item_data.to_dict()
            decisions.append(decisions_item)

        ends_at: None | str
        if isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        id = str(self.id)

        invitations = []
        for invitations_item_data in self.invitations:
            invitations_item = str(invitations_item_data)
            invitations.append(invitations_item)

        kind = self.kind.value

        local_starts_at = self.local_starts_at.isoformat()

        location = self.location

        minutes: dict[str, Any] | None
        if isinstance(self.minutes, Minutes):
            minutes = self.minutes.to_dict()
        else:
            minutes = self.minutes

        quorum = self.quorum.to_dict()

        registrations = []
        for registrations_item_data in self.registrations:
            registrations_item = str(registrations_item_data)
            registrations.append(registrations_item)

        starts_at = self.starts_at.isoformat()

        timezone = self.timezone

        title = self.title

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agenda": agenda,
                "alliance_id": alliance_id,
                "attendance": attendance,
                "body_id": body_id,
                "cancelled": cancelled,
                "decisions": decisions,
                "ends_at": ends_at,
                "id": id,
                "invitations": invitations,
                "kind": kind,
                "local_starts_at": local_starts_at,
                "location": location,
                "minutes": minutes,
                "quorum": quorum,
                "registrations": registrations,
                "starts_at": starts_at,
                "timezone": timezone,
                "title": title,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agenda_item import AgendaItem  # noqa: PLC0415
        from ..models.decision import Decision  # noqa: PLC0415
        from ..models.minutes import Minutes  # noqa: PLC0415
        from ..models.quorum import Quorum  # noqa: PLC0415

        d = dict(src_dict)
        agenda = []
        _agenda = d.pop("agenda")
        for agenda_item_data in _agenda:
            agenda_item = AgendaItem.from_dict(agenda_item_data)

            agenda.append(agenda_item)

        alliance_id = UUID(d.pop("alliance_id"))

        attendance = []
        _attendance = d.pop("attendance")
        for attendance_item_data in _attendance:
            attendance_item = UUID(attendance_item_data)

            attendance.append(attendance_item)

        body_id = UUID(d.pop("body_id"))

        cancelled = d.pop("cancelled")

        decisions = []
        _decisions = d.pop("decisions")
        for decisions_item_data in _decisions:
            decisions_item = Decision.from_dict(decisions_item_data)

            decisions.append(decisions_item)

        def _parse_ends_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ends_at = _parse_ends_at(d.pop("ends_at"))

        id = UUID(d.pop("id"))

        invitations = []
        _invitations = d.pop("invitations")
        for invitations_item_data in _invitations:
            invitations_item = UUID(invitations_item_data)

            invitations.append(invitations_item)

        kind = MeetingKind(d.pop("kind"))

        local_starts_at = datetime.datetime.fromisoformat(d.pop("local_starts_at"))

        location = d.pop("location")

        def _parse_minutes(data: object) -> Minutes | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                minutes_type_0 = Minutes.from_dict(data)

                return minutes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Minutes | None, data)

        minutes = _parse_minutes(d.pop("minutes"))

        quorum = Quorum.from_dict(d.pop("quorum"))

        registrations = []
        _registrations = d.pop("registrations")
        for registrations_item_data in _registrations:
            registrations_item = UUID(registrations_item_data)

            registrations.append(registrations_item)

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        timezone = d.pop("timezone")

        title = d.pop("title")

        version = d.pop("version")

        meeting = cls(
            agenda=agenda,
            alliance_id=alliance_id,
            attendance=attendance,
            body_id=body_id,
            cancelled=cancelled,
            decisions=decisions,
            ends_at=ends_at,
            id=id,
            invitations=invitations,
            kind=kind,
            local_starts_at=local_starts_at,
            location=location,
            minutes=minutes,
            quorum=quorum,
            registrations=registrations,
            starts_at=starts_at,
            timezone=timezone,
            title=title,
            version=version,
        )

        meeting.additional_properties = d
        return meeting

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
