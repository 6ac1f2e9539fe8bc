from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MyInterestOut")


@_attrs_define
class MyInterestOut:
    """
    Attributes:
        created_at (datetime.datetime):
        deadline (datetime.datetime):
        id (UUID):
        opportunity_id (UUID):
        opportunity_title (str):
        status (str):
        updated_at (datetime.datetime):
    """

    created_at: datetime.datetime
    deadline: datetime.datetime
    id: UUID
    opportunity_id: UUID
    opportunity_title: str
    status: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        deadline = self.deadline.isoformat()

        id = str(self.id)

        opportunity_id = str(self.opportunity_id)

        opportunity_title = self.opportunity_title

        status = self.status

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "deadline": deadline,
                "id": id,
                "opportunity_id": opportunity_id,
                "opportunity_title": opportunity_title,
                "status": status,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        deadline = datetime.datetime.fromisoformat(d.pop("deadline"))

        id = UUID(d.pop("id"))

        opportunity_id = UUID(d.pop("opportunity_id"))

        opportunity_title = d.pop("opportunity_title")

        status = d.pop("status")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        my_interest_out = cls(
            created_at=created_at,
            deadline=deadline,
            id=id,
            opportunity_id=opportunity_id,
            opportunity_title=opportunity_title,
            status=status,
            updated_at=updated_at,
        )

        my_interest_out.additional_properties = d
        return my_interest_out

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
