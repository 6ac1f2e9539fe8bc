from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RequestView")


@_attrs_define
class RequestView:
    """
    Attributes:
        created_at (datetime.datetime):
        kind (str):
        message (None | str):
        person_id (UUID):
        request_id (UUID):
        role (str):
        status (str):
    """

    created_at: datetime.datetime
    kind: str
    message: None | str
    person_id: UUID
    request_id: UUID
    role: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        kind = self.kind

        message: None | str
        message = self.message

        person_id = str(self.person_id)

        request_id = str(self.request_id)

        role = self.role

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "kind": kind,
                "message": message,
                "person_id": person_id,
                "request_id": request_id,
                "role": role,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        kind = d.pop("kind")

        def _parse_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        message = _parse_message(d.pop("message"))

        person_id = UUID(d.pop("person_id"))

        request_id = UUID(d.pop("request_id"))

        role = d.pop("role")

        status = d.pop("status")

        request_view = cls(
            created_at=created_at,
            kind=kind,
            message=message,
            person_id=person_id,
            request_id=request_id,
            role=role,
            status=status,
        )

        request_view.additional_properties = d
        return request_view

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
