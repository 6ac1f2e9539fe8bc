from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.label_out import LabelOut
    from ..models.role_out_permits import RoleOutPermits


T = TypeVar("T", bound="RoleOut")


@_attrs_define
class RoleOut:
    """
    Attributes:
        granted_by (list[str]):
        meaning (LabelOut):
        name (LabelOut):
        permits (RoleOutPermits): service -> permissions
        role (str):
    """

    granted_by: list[str]
    meaning: LabelOut
    name: LabelOut
    permits: RoleOutPermits
    role: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        granted_by = self.granted_by

        meaning = self.meaning.to_dict()

        name = self.name.to_dict()

        permits = self.permits.to_dict()

        role = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "granted_by": granted_by,
                "meaning": meaning,
                "name": name,
                "permits": permits,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.label_out import LabelOut  # noqa: PLC0415
        from ..models.role_out_permits import RoleOutPermits  # noqa: PLC0415

        d = dict(src_dict)
        granted_by = cast(list[str], d.pop("granted_by"))

        meaning = LabelOut.from_dict(d.pop("meaning"))

        name = LabelOut.from_dict(d.pop("name"))

        permits = RoleOutPermits.from_dict(d.pop("permits"))

        role = d.pop("role")

        role_out = cls(
            granted_by=granted_by,
            meaning=meaning,
            name=name,
            permits=permits,
            role=role,
        )

        role_out.additional_properties = d
        return role_out

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
