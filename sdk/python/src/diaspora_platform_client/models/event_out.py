from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EventOut")


@_attrs_define
class EventOut:
    """
    Attributes:
        capacity (int | None):
        description (str):
        ends_at (datetime.datetime):
        id (UUID):
        kind (str):
        language (str):
        local_ends_at (datetime.datetime):
        local_starts_at (datetime.datetime): in the organiser's time zone
        location (None | str):
        online_url (None | str):
        organiser (str):
        revision (int): the organiser's revisions (the ETag, iCalendar SEQUENCE)
        seats_left (int | None):
        starts_at (datetime.datetime): UTC
        status (str): scheduled or cancelled
        time_zone (str):
        title (str):
        waitlist (bool):
        cancellation_reason (None | str | Unset):
        cancelled_at (datetime.datetime | None | Unset):
        viewer_starts_at (datetime.datetime | None | Unset): in ?tz=, if given
    """

    capacity: int | None
    description: str
    ends_at: datetime.datetime
    id: UUID
    kind: str
    language: str
    local_ends_at: datetime.datetime
    local_starts_at: datetime.datetime
    location: None | str
    online_url: None | str
    organiser: str
    revision: int
    seats_left: int | None
    starts_at: datetime.datetime
    status: str
    time_zone: str
    title: str
    waitlist: bool
    cancellation_reason: None | str | Unset = UNSET
    cancelled_at: datetime.datetime | None | Unset = UNSET
    viewer_starts_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capacity: int | None
        capacity = self.capacity

        description = self.description

        ends_at = self.ends_at.isoformat()

        id = str(self.id)

        kind = self.kind

        language = self.language

        local_ends_at = self.local_ends_at.isoformat()

        local_starts_at = self.local_starts_at.isoformat()

        location: None | str
        location = self.location

        online_url: None | str
        online_url = self.online_url

        organiser = self.organiser

        revision = self.revision

        seats_left: int | None
        seats_left = self.seats_left

        starts_at = self.starts_at.isoformat()

        status = self.status

        time_zone = self.time_zone

        title = self.title

        waitlist = self.waitlist

        cancellation_reason: None | str | Unset
        if isinstance(self.cancellation_reason, Unset):
            cancellation_reason = UNSET
        else:
            cancellation_reason = self.cancellation_reason

        cancelled_at: None | str | Unset
        if isinstance(self.cancelled_at, Unset):
            cancelled_at = UNSET
        elif isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        viewer_starts_at: None | str | Unset
        if isinstance(self.viewer_starts_at, Unset):
            viewer_starts_at = UNSET
        elif isinstance(self.viewer_starts_at, datetime.datetime):
            viewer_starts_at = self.viewer_starts_at.isoformat()
        else:
            viewer_starts_at = self.viewer_starts_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "capacity": capacity,
                "description": description,
                "ends_at": ends_at,
                "id": id,
                "kind": kind,
                "language": language,
                "local_ends_at": local_ends_at,
                "local_starts_at": local_starts_at,
                "location": location,
                "online_url": online_url,
                "organiser": organiser,
                "revision": revision,
                "seats_left": seats_left,
                "starts_at": starts_at,
                "status": status,
                "time_zone": time_zone,
                "title": title,
                "waitlist": waitlist,
            }
        )
        if cancellation_reason is not UNSET:
            field_dict["cancellation_reason"] = cancellation_reason
        if cancelled_at is not UNSET:
            field_dict["cancelled_at"] = cancelled_at
        if viewer_starts_at is not UNSET:
            field_dict["viewer_starts_at"] = viewer_starts_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_capacity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        capacity = _parse_capacity(d.pop("capacity"))

        description = d.pop("description")

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        language = d.pop("language")

        local_ends_at = datetime.datetime.fromisoformat(d.pop("local_ends_at"))

        local_starts_at = datetime.datetime.fromisoformat(d.pop("local_starts_at"))

        def _parse_location(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        location = _parse_location(d.pop("location"))

        def _parse_online_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        online_url = _parse_online_url(d.pop("online_url"))

        organiser = d.pop("organiser")

        revision = d.pop("revision")

        def _parse_seats_left(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        seats_left = _parse_seats_left(d.pop("seats_left"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        status = d.pop("status")

        time_zone = d.pop("time_zone")

        title = d.pop("title")

        waitlist = d.pop("waitlist")

        def _parse_cancellation_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cancellation_reason = _parse_cancellation_reason(
            d.pop("cancellation_reason", UNSET)
        )

        def _parse_cancelled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at", UNSET))

        def _parse_viewer_starts_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                viewer_starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return viewer_starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        viewer_starts_at = _parse_viewer_starts_at(d.pop("viewer_starts_at", UNSET))

        event_out = cls(
            capacity=capacity,
            description=description,
            ends_at=ends_at,
            id=id,
            kind=kind,
            language=language,
            local_ends_at=local_ends_at,
            local_starts_at=local_starts_at,
            location=location,
            online_url=online_url,
            organiser=organiser,
            revision=revision,
            seats_left=seats_left,
            starts_at=starts_at,
            status=status,
            time_zone=time_zone,
            title=title,
            waitlist=waitlist,
            cancellation_reason=cancellation_reason,
            cancelled_at=cancelled_at,
            viewer_starts_at=viewer_starts_at,
        )

        event_out.additional_properties = d
        return event_out

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
