from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordedResponse")


@_attrs_define
class RecordedResponse:
    """
    Attributes:
        linked_to_profile (bool):
        referral_code (None | str): share it: who answers with it is counted
        response_id (UUID):
    """

    linked_to_profile: bool
    referral_code: None | str
    response_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        linked_to_profile = self.linked_to_profile

        referral_code: None | str
        referral_code = self.referral_code

        response_id = str(self.response_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "linked_to_profile": linked_to_profile,
                "referral_code": referral_code,
                "response_id": response_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        linked_to_profile = d.pop("linked_to_profile")

        def _parse_referral_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        referral_code = _parse_referral_code(d.pop("referral_code"))

        response_id = UUID(d.pop("response_id"))

        recorded_response = cls(
            linked_to_profile=linked_to_profile,
            referral_code=referral_code,
            response_id=response_id,
        )

        recorded_response.additional_properties = d
        return recorded_response

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
