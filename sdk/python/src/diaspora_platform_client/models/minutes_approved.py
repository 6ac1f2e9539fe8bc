from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MinutesApproved")


@_attrs_define
class MinutesApproved:
    """
    Attributes:
        alliance_id (UUID):
        approved_at (datetime.datetime):
        body_id (UUID):
        decisions (int):
        meeting_id (UUID):
        present (int): members present
    """

    alliance_id: UUID
    approved_at: datetime.datetime
    body_id: UUID
    decisions: int
    meeting_id: UUID
    present: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        approved_at = self.approved_at.isoformat()

        body_id = str(self.body_id)

        decisions = self.decisions

        meeting_id = str(self.meeting_id)

        present = self.present

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "approved_at": approved_at,
                "body_id": body_id,
                "decisions": decisions,
                "meeting_id": meeting_id,
                "present": present,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        approved_at = datetime.datetime.fromisoformat(d.pop("approved_at"))

        body_id = UUID(d.pop("body_id"))

        decisions = d.pop("decisions")

        meeting_id = UUID(d.pop("meeting_id"))

        present = d.pop("present")

        minutes_approved = cls(
            alliance_id=alliance_id,
            approved_at=approved_at,
            body_id=body_id,
            decisions=decisions,
            meeting_id=meeting_id,
            present=present,
        )

        minutes_approved.additional_properties = d
        return minutes_approved

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
