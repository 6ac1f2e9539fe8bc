from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.quorum import Quorum


T = TypeVar("T", bound="Attendance")


@_attrs_define
class Attendance:
    """
    Attributes:
        attendance (list[UUID]):
        quorum (Quorum):
    """

    attendance: list[UUID]
    quorum: Quorum
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attendance = []
        for attendance_item_data in self.attendance:
            attendance_item = str(attendance_item_data)
            attendance.append(attendance_item)

        quorum = self.quorum.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attendance": attendance,
                "quorum": quorum,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quorum import Quorum  # noqa: PLC0415

        d = dict(src_dict)
        attendance = []
        _attendance = d.pop("attendance")
        for attendance_item_data in _attendance:
            attendance_item = UUID(attendance_item_data)

            attendance.append(attendance_item)

        quorum = Quorum.from_dict(d.pop("quorum"))

        attendance = cls(
            attendance=attendance,
            quorum=quorum,
        )

        attendance.additional_properties = d
        return attendance

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
