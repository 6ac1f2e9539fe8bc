from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InvitationsIn")


@_attrs_define
class InvitationsIn:
    """
    Attributes:
        member_ids (list[UUID]):
    """

    member_ids: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        member_ids = []
        for member_ids_item_data in self.member_ids:
            member_ids_item = str(member_ids_item_data)
            member_ids.append(member_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "member_ids": member_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_ids = []
        _member_ids = d.pop("member_ids")
        for member_ids_item_data in _member_ids:
            member_ids_item = UUID(member_ids_item_data)

            member_ids.append(member_ids_item)

        invitations_in = cls(
            member_ids=member_ids,
        )

        invitations_in.additional_properties = d
        return invitations_in

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
