from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alliance_role import AllianceRole
from ..models.majority_rule import MajorityRule
from ..models.member_kind import MemberKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="RulesIn")


@_attrs_define
class RulesIn:
    """
    Attributes:
        majority (MajorityRule | Unset):
        quorum_percent (int | Unset):  Default: 50.
        voting_kinds (list[MemberKind] | Unset): default: member_state, organisation, expert, youth_leader
        voting_roles (list[AllianceRole] | Unset): default: chair, co_chair, member
    """

    majority: MajorityRule | Unset = UNSET
    quorum_percent: int | Unset = 50
    voting_kinds: list[MemberKind] | Unset = UNSET
    voting_roles: list[AllianceRole] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        majority: str | Unset = UNSET
        if not isinstance(self.majority, Unset):
            majority = self.majority.value

        quorum_percent = self.quorum_percent

        voting_kinds: list[str] | Unset = UNSET
        if not isinstance(self.voting_kinds, Unset):
            voting_kinds = []
            for voting_kinds_item_data in self.voting_kinds:
                voting_kinds_item = voting_kinds_item_data.value
                voting_kinds.append(voting_kinds_item)

        voting_roles: list[str] | Unset = UNSET
        if not isinstance(self.voting_roles, Unset):
            voting_roles = []
            for voting_roles_item_data in self.voting_roles:
                voting_roles_item = voting_roles_item_data.value
                voting_roles.append(voting_roles_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if majority is not UNSET:
            field_dict["majority"] = majority
        if quorum_percent is not UNSET:
            field_dict["quorum_percent"] = quorum_percent
        if voting_kinds is not UNSET:
            field_dict["voting_kinds"] = voting_kinds
        if voting_roles is not UNSET:
            field_dict["voting_roles"] = voting_roles

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _majority = d.pop("majority", UNSET)
        majority: MajorityRule | Unset
        if isinstance(_majority, Unset):
            majority = UNSET
        else:
            majority = MajorityRule(_majority)

        quorum_percent = d.pop("quorum_percent", UNSET)

        _voting_kinds = d.pop("voting_kinds", UNSET)
        voting_kinds: list[MemberKind] | Unset = UNSET
        if _voting_kinds is not UNSET:
            voting_kinds = []
            for voting_kinds_item_data in _voting_kinds:
                voting_kinds_item = MemberKind(voting_kinds_item_data)

                voting_kinds.append(voting_kinds_item)

        _voting_roles = d.pop("voting_roles", UNSET)
        voting_roles: list[AllianceRole] | Unset = UNSET
        if _voting_roles is not UNSET:
            voting_roles = []
            for voting_roles_item_data in _voting_roles:
                voting_roles_item = AllianceRole(voting_roles_item_data)

                voting_roles.append(voting_roles_item)

        rules_in = cls(
            majority=majority,
            quorum_percent=quorum_percent,
            voting_kinds=voting_kinds,
            voting_roles=voting_roles,
        )

        rules_in.additional_properties = d
        return rules_in

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
