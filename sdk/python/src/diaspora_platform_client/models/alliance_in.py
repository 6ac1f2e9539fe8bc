from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_title import CodeTitle


T = TypeVar("T", bound="AllianceIn")


@_attrs_define
class AllianceIn:
    """
    Attributes:
        name (str):
        slug (str):
        declaration (str | Unset):  Default: ''.
        pillars (list[CodeTitle] | Unset):
        themes (list[CodeTitle] | Unset):
    """

    name: str
    slug: str
    declaration: str | Unset = ""
    pillars: list[CodeTitle] | Unset = UNSET
    themes: list[CodeTitle] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        slug = self.slug

        declaration = self.declaration

        pillars: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pillars, Unset):
            pillars = []
            for pillars_item_data in self.pillars:
                pillars_item = pillars_item_data.to_dict()
                pillars.append(pillars_item)

        themes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.themes, Unset):
            themes = []
            for themes_item_data in self.themes:
                themes_item = themes_item_data.to_dict()
                themes.append(themes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "slug": slug,
            }
        )
        if declaration is not UNSET:
            field_dict["declaration"] = declaration
        if pillars is not UNSET:
            field_dict["pillars"] = pillars
        if themes is not UNSET:
            field_dict["themes"] = themes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_title import CodeTitle  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        slug = d.pop("slug")

        declaration = d.pop("declaration", UNSET)

        _pillars = d.pop("pillars", UNSET)
        pillars: list[CodeTitle] | Unset = UNSET
        if _pillars is not UNSET:
            pillars = []
            for pillars_item_data in _pillars:
                pillars_item = CodeTitle.from_dict(pillars_item_data)

                pillars.append(pillars_item)

        _themes = d.pop("themes", UNSET)
        themes: list[CodeTitle] | Unset = UNSET
        if _themes is not UNSET:
            themes = []
            for themes_item_data in _themes:
                themes_item = CodeTitle.from_dict(themes_item_data)

                themes.append(themes_item)

        alliance_in = cls(
            name=name,
            slug=slug,
            declaration=declaration,
            pillars=pillars,
            themes=themes,
        )

        alliance_in.additional_properties = d
        return alliance_in

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
