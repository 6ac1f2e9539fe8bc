from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.module_in import ModuleIn


T = TypeVar("T", bound="CourseIn")


@_attrs_define
class CourseIn:
    """
    Attributes:
        modules (list[ModuleIn]):
        title (str):
        description (str | Unset):  Default: ''.
        language (str | Unset): a code of the languages scheme (GET /v1/vocabulary/languages) Default: 'en'.
        themes (list[str] | Unset):
    """

    modules: list[ModuleIn]
    title: str
    description: str | Unset = ""
    language: str | Unset = "en"
    themes: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        modules = []
        for modules_item_data in self.modules:
            modules_item = modules_item_data.to_dict()
            modules.append(modules_item)

        title = self.title

        description = self.description

        language = self.language

        themes: list[str] | Unset = UNSET
        if not isinstance(self.themes, Unset):
            themes = self.themes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "modules": modules,
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if language is not UNSET:
            field_dict["language"] = language
        if themes is not UNSET:
            field_dict["themes"] = themes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.module_in import ModuleIn  # noqa: PLC0415

        d = dict(src_dict)
        modules = []
        _modules = d.pop("modules")
        for modules_item_data in _modules:
            modules_item = ModuleIn.from_dict(modules_item_data)

            modules.append(modules_item)

        title = d.pop("title")

        description = d.pop("description", UNSET)

        language = d.pop("language", UNSET)

        themes = cast(list[str], d.pop("themes", UNSET))

        course_in = cls(
            modules=modules,
            title=title,
            description=description,
            language=language,
            themes=themes,
        )

        course_in.additional_properties = d
        return course_in

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
