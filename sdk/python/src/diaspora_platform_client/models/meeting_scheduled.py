from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MeetingScheduled")


@_attrs_define
class MeetingScheduled:
    """A body will meet; the representatives of the members seated on it are told
    (an invitation in their language).

        Attributes:
            alliance_id (UUID):
            body_id (UUID):
            kind (str):
            meeting_id (UUID):
            starts_at (datetime.datetime):
            timezone (str): IANA time zone of the meeting venue
            title (str):
            ends_at (datetime.datetime | None | Unset):
    """

    alliance_id: UUID
    body_id: UUID
    kind: str
    meeting_id: UUID
    starts_at: datetime.datetime
    timezone: str
    title: str
    ends_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        body_id = str(self.body_id)

        kind = self.kind

        meeting_id = str(self.meeting_id)

        starts_at = self.starts_at.isoformat()

        timezone = self.timezone

        title = self.title

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "body_id": body_id,
                "kind": kind,
                "meeting_id": meeting_id,
                "starts_at": starts_at,
                "timezone": timezone,
                "title": title,
            }
        )
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        body_id = UUID(d.pop("body_id"))

        kind = d.pop("kind")

        meeting_id = UUID(d.pop("meeting_id"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        timezone = d.pop("timezone")

        title = d.pop("title")

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

        meeting_scheduled = cls(
            alliance_id=alliance_id,
            body_id=body_id,
            kind=kind,
            meeting_id=meeting_id,
            starts_at=starts_at,
            timezone=timezone,
            title=title,
            ends_at=ends_at,
        )

        meeting_scheduled.additional_properties = d
        return meeting_scheduled

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
