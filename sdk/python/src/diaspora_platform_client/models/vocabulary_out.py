from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.scheme_out import SchemeOut


T = TypeVar("T", bound="VocabularyOut")


@_attrs_define
class VocabularyOut:
    """
    Attributes:
        locales (list[str]):
        schemes (list[SchemeOut]):
    """

    locales: list[str]
    schemes: list[SchemeOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        locales = self.locales

        schemes = []
        for schemes_item_data in self.schemes:
            schemes_item = schemes_item_data.to_dict()
            schemes.append(schemes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "locales": locales,
                "schemes": schemes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scheme_out import SchemeOut  # noqa: PLC0415

        d = dict(src_dict)
        locales = cast(list[str], d.pop("locales"))

        schemes = []
        _schemes = d.pop("schemes")
        for schemes_item_data in _schemes:
            schemes_item = SchemeOut.from_dict(schemes_item_data)

            schemes.append(schemes_item)

        vocabulary_out = cls(
            locales=locales,
            schemes=schemes,
        )

        vocabulary_out.additional_properties = d
        return vocabulary_out

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
