from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MeetingCancelled")


@_attrs_define
class MeetingCancelled:
    """
    Attributes:
        alliance_id (UUID):
        body_id (UUID):
        cancelled_at (datetime.datetime):
        meeting_id (UUID):
    """

    alliance_id: UUID
    body_id: UUID
    cancelled_at: datetime.datetime
    meeting_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        body_id = str(self.body_id)

        cancelled_at = self.cancelled_at.isoformat()

        meeting_id = str(self.meeting_id)

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        body_id = UUID(d.pop("body_id"))

        cancelled_at = datetime.datetime.fromisoformat(d.pop("cancelled_at"))

        meeting_id = UUID(d.pop("meeting_id"))

        meeting_cancelled = cls(
            alliance_id=alliance_id,
            body_id=body_id,
            cancelled_at=cancelled_at,
            meeting_id=meeting_id,
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
