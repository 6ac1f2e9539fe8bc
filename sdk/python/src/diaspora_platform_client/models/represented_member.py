from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_kind import MemberKind
from ..models.member_status import MemberStatus

T = TypeVar("T", bound="RepresentedMember")


@_attrs_define
class RepresentedMember:
    """
    Attributes:
        alliance_id (UUID):
        country (None | str):
        id (UUID):
        kind (MemberKind):
        name (str):
        status (MemberStatus):
    """

    alliance_id: UUID
    country: None | str
    id: UUID
    kind: MemberKind
    name: str
    status: MemberStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        country: None | str
        country = self.country

        id = str(self.id)

        kind = self.kind.value

        name = self.name

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "country": country,
                "id": id,
                "kind": kind,
                "name": name,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        def _parse_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country = _parse_country(d.pop("country"))

        id = UUID(d.pop("id"))

        kind = MemberKind(d.pop("kind"))

        name = d.pop("name")

        status = MemberStatus(d.pop("status"))

        represented_member = cls(
            alliance_id=alliance_id,
            country=country,
            id=id,
            kind=kind,
            name=name,
            status=status,
        )

        represented_member.additional_properties = d
        return represented_member

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
