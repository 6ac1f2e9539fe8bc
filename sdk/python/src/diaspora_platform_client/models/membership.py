from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alliance_role import AllianceRole

if TYPE_CHECKING:
    from ..models.term import Term


T = TypeVar("T", bound="Membership")


@_attrs_define
class Membership:
    """
    Attributes:
        id (UUID):
        member_id (UUID):
        role (AllianceRole):
        term (Term):
    """

    id: UUID
    member_id: UUID
    role: AllianceRole
    term: Term
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        member_id = str(self.member_id)

        role = self.role.value

        term = self.term.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "member_id": member_id,
                "role": role,
                "term": term,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.term import Term  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        member_id = UUID(d.pop("member_id"))

        role = AllianceRole(d.pop("role"))

        term = Term.from_dict(d.pop("term"))

        membership = cls(
            id=id,
            member_id=member_id,
            role=role,
            term=term,
        )

        membership.additional_properties = d
        return membership

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
