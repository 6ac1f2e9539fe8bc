from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alliance_role import AllianceRole
from ..models.majority_rule import MajorityRule
from ..models.member_kind import MemberKind

T = TypeVar("T", bound="BodyRules")


@_attrs_define
class BodyRules:
    """
    Attributes:
        majority (MajorityRule):
        quorum_percent (int):
        voting_kinds (list[MemberKind]):
        voting_roles (list[AllianceRole]):
    """

    majority: MajorityRule
    quorum_percent: int
    voting_kinds: list[MemberKind]
    voting_roles: list[AllianceRole]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        majority = self.majority.value

        quorum_percent = self.quorum_percent

        voting_kinds = []
        for voting_kinds_item_data in self.voting_kinds:
            voting_kinds_item = voting_kinds_item_data.value
            voting_kinds.append(voting_kinds_item)

        voting_roles = []
        for voting_roles_item_data in self.voting_roles:
            voting_roles_item = voting_roles_item_data.value
            voting_roles.append(voting_roles_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "majority": majority,
                "quorum_percent": quorum_percent,
                "voting_kinds": voting_kinds,
                "voting_roles": voting_roles,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        majority = MajorityRule(d.pop("majority"))

        quorum_percent = d.pop("quorum_percent")

        voting_kinds = []
        _voting_kinds = d.pop("voting_kinds")
        for voting_kinds_item_data in _voting_kinds:
            voting_kinds_item = MemberKind(voting_kinds_item_data)

            voting_kinds.append(voting_kinds_item)

        voting_roles = []
        _voting_roles = d.pop("voting_roles")
        for voting_roles_item_data in _voting_roles:
            voting_roles_item = AllianceRole(voting_roles_item_data)

            voting_roles.append(voting_roles_item)

        body_rules = cls(
            majority=majority,
            quorum_percent=quorum_percent,
            voting_kinds=voting_kinds,
            voting_roles=voting_roles,
        )

        body_rules.additional_properties = d
        return body_rules

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
