from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Photo")


@_attrs_define
class Photo:
    """
    Attributes:
        height (int):
        photo_url (str):
        thumbnail_url (str):
        width (int):
    """

    height: int
    photo_url: str
    thumbnail_url: str
    width: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        height = self.height

        photo_url = self.photo_url

        thumbnail_url = self.thumbnail_url

        width = self.width

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "height": height,
                "photo_url": photo_url,
                "thumbnail_url": thumbnail_url,
                "width": width,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        height = d.pop("height")

        photo_url = d.pop("photo_url")

        thumbnail_url = d.pop("thumbnail_url")

        width = d.pop("width")

        photo = cls(
            height=height,
            photo_url=photo_url,
            thumbnail_url=thumbnail_url,
            width=width,
        )

        photo.additional_properties = d
        return photo

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
