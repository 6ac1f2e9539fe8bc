from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SectorNeedWithdrawn")


@_attrs_define
class SectorNeedWithdrawn:
    """A declared need was withdrawn: it no longer counts anywhere.

    Attributes:
        need_id (UUID):
        withdrawn_at (datetime.datetime):
    """

    need_id: UUID
    withdrawn_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        need_id = str(self.need_id)

        withdrawn_at = self.withdrawn_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "need_id": need_id,
                "withdrawn_at": withdrawn_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        need_id = UUID(d.pop("need_id"))

        withdrawn_at = datetime.datetime.fromisoformat(d.pop("withdrawn_at"))

        sector_need_withdrawn = cls(
            need_id=need_id,
            withdrawn_at=withdrawn_at,
        )

        sector_need_withdrawn.additional_properties = d
        return sector_need_withdrawn

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
