from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MeetingCancelled")


@_attrs_define
class MeetingCancelled:
    """The meeting will not take place; the representatives of the members seated on the
    body are told.

        Attributes:
            alliance_id (UUID):
            body_id (UUID):
            cancelled_at (datetime.datetime):
            meeting_id (UUID):
            starts_at (datetime.datetime | None | Unset):
            title (None | str | Unset):
    """

    alliance_id: UUID
    body_id: UUID
    cancelled_at: datetime.datetime
    meeting_id: UUID
    starts_at: datetime.datetime | None | Unset = UNSET
    title: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        body_id = str(self.body_id)

        cancelled_at = self.cancelled_at.isoformat()

        meeting_id = str(self.meeting_id)

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        elif isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "body_id": body_id,
                "cancelled_at": cancelled_at,
                "meeting_id": meeting_id,
            }
        )
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        body_id = UUID(d.pop("body_id"))

        cancelled_at = datetime.datetime.fromisoformat(d.pop("cancelled_at"))

        meeting_id = UUID(d.pop("meeting_id"))

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

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        meeting_cancelled = cls(
            alliance_id=alliance_id,
            body_id=body_id,
            cancelled_at=cancelled_at,
            meeting_id=meeting_id,
            starts_at=starts_at,
            title=title,
        )

        meeting_cancelled.additional_properties = d
        return meeting_cancelled

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
