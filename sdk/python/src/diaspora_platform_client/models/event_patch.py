from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EventPatch")


@_attrs_define
class EventPatch:
    """Only the fields sent change (a field sent as null is cleared where that is allowed).

    Attributes:
        capacity (int | None | Unset):
        description (None | str | Unset):
        ends_at (datetime.datetime | None | Unset):
        language (None | str | Unset):
        location (None | str | Unset):
        online_url (None | str | Unset):
        organiser (None | str | Unset):
        starts_at (datetime.datetime | None | Unset): wall-clock time in time_zone (new or current), or with offset
        time_zone (None | str | Unset):
        title (None | str | Unset):
        waitlist (bool | None | Unset):
    """

    capacity: int | None | Unset = UNSET
    description: None | str | Unset = UNSET
    ends_at: datetime.datetime | None | Unset = UNSET
    language: None | str | Unset = UNSET
    location: None | str | Unset = UNSET
    online_url: None | str | Unset = UNSET
    organiser: None | str | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET
    time_zone: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    waitlist: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
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

        organiser: None | str | Unset
        if isinstance(self.organiser, Unset):
            organiser = UNSET
        else:
            organiser = self.organiser

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        elif isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        waitlist: bool | None | Unset
        if isinstance(self.waitlist, Unset):
            waitlist = UNSET
        else:
            waitlist = self.waitlist

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if description is not UNSET:
            field_dict["description"] = description
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if language is not UNSET:
            field_dict["language"] = language
        if location is not UNSET:
            field_dict["location"] = location
        if online_url is not UNSET:
            field_dict["online_url"] = online_url
        if organiser is not UNSET:
            field_dict["organiser"] = organiser
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone
        if title is not UNSET:
            field_dict["title"] = title
        if waitlist is not UNSET:
            field_dict["waitlist"] = waitlist

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

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

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

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

        def _parse_organiser(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organiser = _parse_organiser(d.pop("organiser", UNSET))

        def _parse_starts_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        starts_at = _parse_starts_at(d.pop("starts_at", UNSET))

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_waitlist(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        waitlist = _parse_waitlist(d.pop("waitlist", UNSET))

        event_patch = cls(
            capacity=capacity,
            description=description,
            ends_at=ends_at,
            language=language,
            location=location,
            online_url=online_url,
            organiser=organiser,
            starts_at=starts_at,
            time_zone=time_zone,
            title=title,
            waitlist=waitlist,
        )

        return event_patch
