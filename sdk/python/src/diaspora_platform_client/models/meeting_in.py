from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_kind import MeetingKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agenda_item_in import AgendaItemIn


T = TypeVar("T", bound="MeetingIn")


@_attrs_define
class MeetingIn:
    """
    Attributes:
        body_id (UUID):
        starts_at (datetime.datetime):
        title (str):
        agenda (list[AgendaItemIn] | Unset):
        ends_at (datetime.datetime | None | Unset):
        invitees (list[UUID] | Unset):
        kind (MeetingKind | Unset):
        location (str | Unset):  Default: ''.
        timezone (str | Unset):  Default: 'UTC'.
    """

    body_id: UUID
    starts_at: datetime.datetime
    title: str
    agenda: list[AgendaItemIn] | Unset = UNSET
    ends_at: datetime.datetime | None | Unset = UNSET
    invitees: list[UUID] | Unset = UNSET
    kind: MeetingKind | Unset = UNSET
    location: str | Unset = ""
    timezone: str | Unset = "UTC"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body_id = str(self.body_id)

        starts_at = self.starts_at.isoformat()

        title = self.title

        agenda: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.agenda, Unset):
            agenda = []
            for agenda_item_data in self.agenda:
                agenda_item = agenda_item_data.to_dict()
                agenda.append(agenda_item)

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        invitees: list[str] | Unset = UNSET
        if not isinstance(self.invitees, Unset):
            invitees = []
            for invitees_item_data in self.invitees:
                invitees_item = str(invitees_item_data)
                invitees.append(invitees_item)

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        location = self.location

        timezone = self.timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body_id": body_id,
                "starts_at": starts_at,
                "title": title,
            }
        )
        if agenda is not UNSET:
            field_dict["agenda"] = agenda
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if invitees is not UNSET:
            field_dict["invitees"] = invitees
        if kind is not UNSET:
            field_dict["kind"] = kind
        if location is not UNSET:
            field_dict["location"] = location
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agenda_item_in import AgendaItemIn  # noqa: PLC0415

        d = dict(src_dict)
        body_id = UUID(d.pop("body_id"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        title = d.pop("title")

        _agenda = d.pop("agenda", UNSET)
        agenda: list[AgendaItemIn] | Unset = UNSET
        if _agenda is not UNSET:
            agenda = []
            for agenda_item_data in _agenda:
                agenda_item = AgendaItemIn.from_dict(agenda_item_data)

                agenda.append(agenda_item)

        def _parse_ends_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        _invitees = d.pop("invitees", UNSET)
        invitees: list[UUID] | Unset = UNSET
        if _invitees is not UNSET:
            invitees = []
            for invitees_item_data in _invitees:
                invitees_item = UUID(invitees_item_data)

                invitees.append(invitees_item)

        _kind = d.pop("kind", UNSET)
        kind: MeetingKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = MeetingKind(_kind)

        location = d.pop("location", UNSET)

        timezone = d.pop("timezone", UNSET)

        meeting_in = cls(
            body_id=body_id,
            starts_at=starts_at,
            title=title,
            agenda=agenda,
            ends_at=ends_at,
            invitees=invitees,
            kind=kind,
            location=location,
            timezone=timezone,
        )

        meeting_in.additional_properties = d
        return meeting_in

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
