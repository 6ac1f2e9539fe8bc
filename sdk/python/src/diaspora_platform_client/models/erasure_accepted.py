from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ErasureAccepted")


@_attrs_define
class ErasureAccepted:
    """
    Attributes:
        erasure_id (UUID):
        receipt (str): shown once: your sessions end with the account, this secret lets you follow the erasure at
            status_url
        status_url (str):
    """

    erasure_id: UUID
    receipt: str
    status_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        erasure_id = str(self.erasure_id)

        receipt = self.receipt

        status_url = self.status_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "erasure_id": erasure_id,
                "receipt": receipt,
                "status_url": status_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        erasure_id = UUID(d.pop("erasure_id"))

        receipt = d.pop("receipt")

        status_url = d.pop("status_url")

        erasure_accepted = cls(
            erasure_id=erasure_id,
            receipt=receipt,
            status_url=status_url,
        )

        erasure_accepted.additional_properties = d
        return erasure_accepted

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
