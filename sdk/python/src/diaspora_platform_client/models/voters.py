from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.majority_rule import MajorityRule

T = TypeVar("T", bound="Voters")


@_attrs_define
class Voters:
    """Who may vote in a body today, by its rules.

    Attributes:
        as_of (datetime.date):
        body_id (UUID):
        majority (MajorityRule):
        quorum_percent (int):
        voters (list[UUID]):
    """

    as_of: datetime.date
    body_id: UUID
    majority: MajorityRule
    quorum_percent: int
    voters: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        body_id = str(self.body_id)

        majority = self.majority.value

        quorum_percent = self.quorum_percent

        voters = []
        for voters_item_data in self.voters:
            voters_item = str(voters_item_data)
            voters.append(voters_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "body_id": body_id,
                "majority": majority,
                "quorum_percent": quorum_percent,
                "voters": voters,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        body_id = UUID(d.pop("body_id"))

        majority = MajorityRule(d.pop("majority"))

        quorum_percent = d.pop("quorum_percent")

        voters = []
        _voters = d.pop("voters")
        for voters_item_data in _voters:
            voters_item = UUID(voters_item_data)

            voters.append(voters_item)

        voters = cls(
            as_of=as_of,
            body_id=body_id,
            majority=majority,
            quorum_percent=quorum_percent,
            voters=voters,
        )

        voters.additional_properties = d
        return voters

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
