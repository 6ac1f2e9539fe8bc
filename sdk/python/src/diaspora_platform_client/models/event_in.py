from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_kind import EventKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="EventIn")


@_attrs_define
class EventIn:
    """
    Attributes:
        ends_at (datetime.datetime):
        kind (EventKind):
        organiser (str):
        starts_at (datetime.datetime): wall-clock time in time_zone, or with an offset
        time_zone (str):
        title (str):
        capacity (int | None | Unset):
        description (str | Unset):  Default: ''.
        language (str | Unset): a code of the languages scheme (GET /v1/vocabulary/languages) Default: 'en'.
        location (None | str | Unset):
        online_url (None | str | Unset):
        waitlist (bool | Unset):  Default: True.
    """

    ends_at: datetime.datetime
    kind: EventKind
    organiser: str
    starts_at: datetime.datetime
    time_zone: str
    title: str
    capacity: int | None | Unset = UNSET
    description: str | Unset = ""
    language: str | Unset = "en"
    location: None | str | Unset = UNSET
    online_url: None | str | Unset = UNSET
    waitlist: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ends_at = self.ends_at.isoformat()

        kind = self.kind.value

        organiser = self.organiser

        starts_at = self.starts_at.isoformat()

        time_zone = self.time_zone

        title = self.title

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        description = self.description

        language = self.language

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        online_url: None | str | Unset
        if isinstance(self.online_url, Unset):
            online_url = UNSET
        else:
            online_url = self.online_url

        waitlist = self.waitlist

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ends_at": ends_at,
                "kind": kind,
                "organiser": organiser,
                "starts_at": starts_at,
                "time_zone": time_zone,
                "title": title,
            }
        )
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if description is not UNSET:
            field_dict["description"] = description
        if language is not UNSET:
            field_dict["language"] = language
        if location is not UNSET:
            field_dict["location"] = location
        if online_url is not UNSET:
            field_dict["online_url"] = online_url
        if waitlist is not UNSET:
            field_dict["waitlist"] = waitlist

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        kind = EventKind(d.pop("kind"))

        organiser = d.pop("organiser")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        time_zone = d.pop("time_zone")

        title = d.pop("title")

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        description = d.pop("description", UNSET)

        language = d.pop("language", UNSET)

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        def _parse_online_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        online_url = _parse_online_url(d.pop("online_url", UNSET))

        waitlist = d.pop("waitlist", UNSET)

        event_in = cls(
            ends_at=ends_at,
            kind=kind,
            organiser=organiser,
            starts_at=starts_at,
            time_zone=time_zone,
            title=title,
            capacity=capacity,
            description=description,
            language=language,
            location=location,
            online_url=online_url,
            waitlist=waitlist,
        )

        event_in.additional_properties = d
        return event_in

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
