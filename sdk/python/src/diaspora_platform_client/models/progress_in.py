from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProgressIn")


@_attrs_define
class ProgressIn:
    """
    Attributes:
        indicator_id (UUID):
        value (float | str):
        evidence_links (list[str] | Unset):
        note (str | Unset):  Default: ''.
        reported_on (datetime.date | None | Unset):
    """

    indicator_id: UUID
    value: float | str
    evidence_links: list[str] | Unset = UNSET
    note: str | Unset = ""
    reported_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        indicator_id = str(self.indicator_id)

        value: float | str
        value = self.value

        evidence_links: list[str] | Unset = UNSET
        if not isinstance(self.evidence_links, Unset):
            evidence_links = self.evidence_links

        note = self.note

        reported_on: None | str | Unset
        if isinstance(self.reported_on, Unset):
            reported_on = UNSET
        elif isinstance(self.reported_on, datetime.date):
            reported_on = self.reported_on.isoformat()
        else:
            reported_on = self.reported_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "indicator_id": indicator_id,
                "value": value,
            }
        )
        if evidence_links is not UNSET:
            field_dict["evidence_links"] = evidence_links
        if note is not UNSET:
            field_dict["note"] = note
        if reported_on is not UNSET:
            field_dict["reported_on"] = reported_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        indicator_id = UUID(d.pop("indicator_id"))

        def _parse_value(data: object) -> float | str:
            return cast(float | str, data)

        value = _parse_value(d.pop("value"))

        evidence_links = cast(list[str], d.pop("evidence_links", UNSET))

        note = d.pop("note", UNSET)

        def _parse_reported_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reported_on_type_0 = datetime.date.fromisoformat(data)

                return reported_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        reported_on = _parse_reported_on(d.pop("reported_on", UNSET))

        progress_in = cls(
            indicator_id=indicator_id,
            value=value,
            evidence_links=evidence_links,
            note=note,
            reported_on=reported_on,
        )

        progress_in.additional_properties = d
        return progress_in

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
