from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_kind import MeetingKind

T = TypeVar("T", bound="MyMeeting")


@_attrs_define
class MyMeeting:
    """
    Attributes:
        alliance_id (UUID):
        body_id (UUID):
        cancelled (bool):
        ends_at (datetime.datetime | None):
        id (UUID):
        invited (list[UUID]): my members invited to it
        kind (MeetingKind):
        location (str):
        present (list[UUID]): my members marked present
        registered (list[UUID]): my members registered for it
        starts_at (datetime.datetime):
        timezone (str):
        title (str):
    """

    alliance_id: UUID
    body_id: UUID
    cancelled: bool
    ends_at: datetime.datetime | None
    id: UUID
    invited: list[UUID]
    kind: MeetingKind
    location: str
    present: list[UUID]
    registered: list[UUID]
    starts_at: datetime.datetime
    timezone: str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        body_id = str(self.body_id)

        cancelled = self.cancelled

        ends_at: None | str
        if isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        id = str(self.id)

        invited = []
        for invited_item_data in self.invited:
            invited_item = str(invited_item_data)
            invited.append(invited_item)

        kind = self.kind.value

        location = self.location

        present = []
        for present_item_data in self.present:
            present_item = str(present_item_data)
            present.append(present_item)

        registered = []
        for registered_item_data in self.registered:
            registered_item = str(registered_item_data)
            registered.append(registered_item)

        starts_at = self.starts_at.isoformat()

        timezone = self.timezone

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "body_id": body_id,
                "cancelled": cancelled,
                "ends_at": ends_at,
                "id": id,
                "invited": invited,
                "kind": kind,
                "location": location,
                "present": present,
                "registered": registered,
                "starts_at": starts_at,
                "timezone": timezone,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        body_id = UUID(d.pop("body_id"))

        cancelled = d.pop("cancelled")

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

        invited = []
        _invited = d.pop("invited")
        for invited_item_data in _invited:
            invited_item = UUID(invited_item_data)

            invited.append(invited_item)

        kind = MeetingKind(d.pop("kind"))

        location = d.pop("location")

        present = []
        _present = d.pop("present")
        for present_item_data in _present:
            present_item = UUID(present_item_data)

            present.append(present_item)

        registered = []
        _registered = d.pop("registered")
        for registered_item_data in _registered:
            registered_item = UUID(registered_item_data)

            registered.append(registered_item)

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        timezone = d.pop("timezone")

        title = d.pop("title")

        my_meeting = cls(
            alliance_id=alliance_id,
            body_id=body_id,
            cancelled=cancelled,
            ends_at=ends_at,
            id=id,
            invited=invited,
            kind=kind,
            location=location,
            present=present,
            registered=registered,
            starts_at=starts_at,
            timezone=timezone,
            title=title,
        )

        my_meeting.additional_properties = d
        return my_meeting

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
