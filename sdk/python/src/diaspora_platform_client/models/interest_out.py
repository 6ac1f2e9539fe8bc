from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InterestOut")


@_attrs_define
class InterestOut:
    """
    Attributes:
        created_at (datetime.datetime):
        id (UUID):
        message (str):
        opportunity_id (UUID):
        person_id (UUID):
        status (str):
        updated_at (datetime.datetime):
    """

    created_at: datetime.datetime
    id: UUID
    message: str
    opportunity_id: UUID
    person_id: UUID
    status: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = str(self.id)

        message = self.message

        opportunity_id = str(self.opportunity_id)

        person_id = str(self.person_id)

        status = self.status

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "message": message,
                "opportunity_id": opportunity_id,
                "person_id": person_id,
                "status": status,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        message = d.pop("message")

        opportunity_id = UUID(d.pop("opportunity_id"))

        person_id = UUID(d.pop("person_id"))

        status = d.pop("status")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        interest_out = cls(
            created_at=created_at,
            id=id,
            message=message,
            opportunity_id=opportunity_id,
            person_id=person_id,
            status=status,
            updated_at=updated_at,
        )

        interest_out.additional_properties = d
        return interest_out

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
