from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProgressReport")


@_attrs_define
class ProgressReport:
    """
    Attributes:
        evidence_links (list[str]):
        id (UUID):
        note (str):
        recorded_at (datetime.datetime):
        reported_by (UUID):
        reported_on (datetime.date):
        value (str):
    """

    evidence_links: list[str]
    id: UUID
    note: str
    recorded_at: datetime.datetime
    reported_by: UUID
    reported_on: datetime.date
    value: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        evidence_links = self.evidence_links

        id = str(self.id)

        note = self.note

        recorded_at = self.recorded_at.isoformat()

        reported_by = str(self.reported_by)

        reported_on = self.reported_on.isoformat()

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "evidence_links": evidence_links,
                "id": id,
                "note": note,
                "recorded_at": recorded_at,
                "reported_by": reported_by,
                "reported_on": reported_on,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        evidence_links = cast(list[str], d.pop("evidence_links"))

        id = UUID(d.pop("id"))

        note = d.pop("note")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        reported_by = UUID(d.pop("reported_by"))

        reported_on = datetime.date.fromisoformat(d.pop("reported_on"))

        value = d.pop("value")

        progress_report = cls(
            evidence_links=evidence_links,
            id=id,
            note=note,
            recorded_at=recorded_at,
            reported_by=reported_by,
            reported_on=reported_on,
            value=value,
        )

        progress_report.additional_properties = d
        return progress_report

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
