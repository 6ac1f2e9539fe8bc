from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AttendanceIn")


@_attrs_define
class AttendanceIn:
    """
    Attributes:
        absent (list[UUID] | Unset):
        present (list[UUID] | Unset):
    """

    absent: list[UUID] | Unset = UNSET
    present: list[UUID] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        absent: list[str] | Unset = UNSET
        if not isinstance(self.absent, Unset):
            absent = []
            for absent_item_data in self.absent:
                absent_item = str(absent_item_data)
                absent.append(absent_item)

        present: list[str] | Unset = UNSET
        if not isinstance(self.present, Unset):
            present = []
            for present_item_data in self.present:
                present_item = str(present_item_data)
                present.append(present_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if absent is not UNSET:
            field_dict["absent"] = absent
        if present is not UNSET:
            field_dict["present"] = present

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _absent = d.pop("absent", UNSET)
        absent: list[UUID] | Unset = UNSET
        if _absent is not UNSET:
            absent = []
            for absent_item_data in _absent:
                absent_item = UUID(absent_item_data)

                absent.append(absent_item)

        _present = d.pop("present", UNSET)
        present: list[UUID] | Unset = UNSET
        if _present is not UNSET:
            present = []
            for present_item_data in _present:
                present_item = UUID(present_item_data)

                present.append(present_item)

        attendance_in = cls(
            absent=absent,
            present=present,
        )

        attendance_in.additional_properties = d
        return attendance_in

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
