from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NotificationsProgressReported")


@_attrs_define
class NotificationsProgressReported:
    """
    Attributes:
        alliance_id (UUID):
        commitment_id (UUID):
        evidence_links (int): number of evidence links attached
        indicator_id (UUID):
        member_id (UUID):
        recorded_at (datetime.datetime):
        reported_on (datetime.date):
        value (str):
    """

    alliance_id: UUID
    commitment_id: UUID
    evidence_links: int
    indicator_id: UUID
    member_id: UUID
    recorded_at: datetime.datetime
    reported_on: datetime.date
    value: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        commitment_id = str(self.commitment_id)

        evidence_links = self.evidence_links

        indicator_id = str(self.indicator_id)

        member_id = str(self.member_id)

        recorded_at = self.recorded_at.isoformat()

        reported_on = self.reported_on.isoformat()

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "commitment_id": commitment_id,
                "evidence_links": evidence_links,
                "indicator_id": indicator_id,
                "member_id": member_id,
                "recorded_at": recorded_at,
                "reported_on": reported_on,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        commitment_id = UUID(d.pop("commitment_id"))

        evidence_links = d.pop("evidence_links")

        indicator_id = UUID(d.pop("indicator_id"))

        member_id = UUID(d.pop("member_id"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        reported_on = datetime.date.fromisoformat(d.pop("reported_on"))

        value = d.pop("value")

        notifications_progress_reported = cls(
            alliance_id=alliance_id,
            commitment_id=commitment_id,
            evidence_links=evidence_links,
            indicator_id=indicator_id,
            member_id=member_id,
            recorded_at=recorded_at,
            reported_on=reported_on,
            value=value,
        )

        notifications_progress_reported.additional_properties = d
        return notifications_progress_reported

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
