from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ServiceProgress")


@_attrs_define
class ServiceProgress:
    """
    Attributes:
        parts_expected (int | None):
        parts_received (int):
        status (str): received | pending
    """

    parts_expected: int | None
    parts_received: int
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        parts_expected: int | None
        parts_expected = self.parts_expected

        parts_received = self.parts_received

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "parts_expected": parts_expected,
                "parts_received": parts_received,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_parts_expected(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        parts_expected = _parse_parts_expected(d.pop("parts_expected"))

        parts_received = d.pop("parts_received")

        status = d.pop("status")

        service_progress = cls(
            parts_expected=parts_expected,
            parts_received=parts_received,
            status=status,
        )

        service_progress.additional_properties = d
        return service_progress

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
