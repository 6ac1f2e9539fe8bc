from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OfficialRead")


@_attrs_define
class OfficialRead:
    """An official's read of the person's data, as the audit log keeps it.

    Attributes:
        accessed_at (datetime.datetime):
        accessor_id (UUID):
        accessor_role (str):
        id (UUID):
        record_id (None | str):
        record_type (str):
        service (str):
    """

    accessed_at: datetime.datetime
    accessor_id: UUID
    accessor_role: str
    id: UUID
    record_id: None | str
    record_type: str
    service: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accessed_at = self.accessed_at.isoformat()

        accessor_id = str(self.accessor_id)

        accessor_role = self.accessor_role

        id = str(self.id)

        record_id: None | str
        record_id = self.record_id

        record_type = self.record_type

        service = self.service

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accessed_at": accessed_at,
                "accessor_id": accessor_id,
                "accessor_role": accessor_role,
                "id": id,
                "record_id": record_id,
                "record_type": record_type,
                "service": service,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accessed_at = datetime.datetime.fromisoformat(d.pop("accessed_at"))

        accessor_id = UUID(d.pop("accessor_id"))

        accessor_role = d.pop("accessor_role")

        id = UUID(d.pop("id"))

        def _parse_record_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        record_id = _parse_record_id(d.pop("record_id"))

        record_type = d.pop("record_type")

        service = d.pop("service")

        official_read = cls(
            accessed_at=accessed_at,
            accessor_id=accessor_id,
            accessor_role=accessor_role,
            id=id,
            record_id=record_id,
            record_type=record_type,
            service=service,
        )

        official_read.additional_properties = d
        return official_read

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
