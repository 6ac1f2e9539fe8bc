from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SecondFactorView")


@_attrs_define
class SecondFactorView:
    """
    Attributes:
        confirmed_at (datetime.datetime | None):
        enrolled (bool): an authenticator app is turned on
        recovery_codes_left (int):
        required (bool): a role of the account needs a second factor
    """

    confirmed_at: datetime.datetime | None
    enrolled: bool
    recovery_codes_left: int
    required: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confirmed_at: None | str
        if isinstance(self.confirmed_at, datetime.datetime):
            confirmed_at = self.confirmed_at.isoformat()
        else:
            confirmed_at = self.confirmed_at

        enrolled = self.enrolled

        recovery_codes_left = self.recovery_codes_left

        required = self.required

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "confirmed_at": confirmed_at,
                "enrolled": enrolled,
                "recovery_codes_left": recovery_codes_left,
                "required": required,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_confirmed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        confirmed_at = _parse_confirmed_at(d.pop("confirmed_at"))

        enrolled = d.pop("enrolled")

        recovery_codes_left = d.pop("recovery_codes_left")

        required = d.pop("required")

        second_factor_view = cls(
            confirmed_at=confirmed_at,
            enrolled=enrolled,
            recovery_codes_left=recovery_codes_left,
            required=required,
        )

        second_factor_view.additional_properties = d
        return second_factor_view

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
