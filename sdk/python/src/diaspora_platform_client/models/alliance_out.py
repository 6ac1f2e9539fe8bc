from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.code_title import CodeTitle


T = TypeVar("T", bound="AllianceOut")


@_attrs_define
class AllianceOut:
    """
    Attributes:
        declaration (str):
        founded_at (datetime.datetime):
        id (UUID):
        name (str):
        pillars (list[CodeTitle]):
        slug (str):
        themes (list[CodeTitle]):
        version (int): incremented on every change
    """

    declaration: str
    founded_at: datetime.datetime
    id: UUID
    name: str
    pillars: list[CodeTitle]
    slug: str
    themes: list[CodeTitle]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        declaration = self.declaration

        founded_at = self.founded_at.isoformat()

        id = str(self.id)

        name = self.name

        pillars = []
        for pillars_item_data in self.pillars:
            pillars_item = pillars_item_data.to_dict()
            pillars.append(pillars_item)

        slug = self.slug

        themes = []
        for themes_item_data in self.themes:
            themes_item = themes_item_data.to_dict()
            themes.append(themes_item)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "declaration": declaration,
                "founded_at": founded_at,
                "id": id,
                "name": name,
                "pillars": pillars,
                "slug": slug,
                "themes": themes,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_title import CodeTitle  # noqa: PLC0415

        d = dict(src_dict)
        declaration = d.pop("declaration")

        founded_at = datetime.datetime.fromisoformat(d.pop("founded_at"))

        id = UUID(d.pop("id"))

        name = d.pop("name")

        pillars = []
        _pillars = d.pop("pillars")
        for pillars_item_data in _pillars:
            pillars_item = CodeTitle.from_dict(pillars_item_data)

            pillars.append(pillars_item)

        slug = d.pop("slug")

        themes = []
        _themes = d.pop("themes")
        for themes_item_data in _themes:
            themes_item = CodeTitle.from_dict(themes_item_data)

            themes.append(themes_item)

        version = d.pop("version")

        alliance_out = cls(
            declaration=declaration,
            founded_at=founded_at,
            id=id,
            name=name,
            pillars=pillars,
            slug=slug,
            themes=themes,
            version=version,
        )

        alliance_out.additional_properties = d
        return alliance_out

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
