from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alliance_role import AllianceRole
from ..models.body_kind import BodyKind

T = TypeVar("T", bound="SeatOut")


@_attrs_define
class SeatOut:
    """
    Attributes:
        body_id (UUID):
        body_kind (BodyKind):
        body_name (str):
        member_id (UUID):
        role (AllianceRole):
    """

    body_id: UUID
    body_kind: BodyKind
    body_name: str
    member_id: UUID
    role: AllianceRole
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body_id = str(self.body_id)

        body_kind = self.body_kind.value

        body_name = self.body_name

        member_id = str(self.member_id)

        role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body_id": body_id,
                "body_kind": body_kind,
                "body_name": body_name,
                "member_id": member_id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body_id = UUID(d.pop("body_id"))

        body_kind = BodyKind(d.pop("body_kind"))

        body_name = d.pop("body_name")

        member_id = UUID(d.pop("member_id"))

        role = AllianceRole(d.pop("role"))

        seat_out = cls(
            body_id=body_id,
            body_kind=body_kind,
            body_name=body_name,
            member_id=member_id,
            role=role,
        )

        seat_out.additional_properties = d
        return seat_out

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
