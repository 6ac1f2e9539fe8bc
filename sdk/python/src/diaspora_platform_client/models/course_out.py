from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.module_in import ModuleIn


T = TypeVar("T", bound="CourseOut")


@_attrs_define
class CourseOut:
    """
    Attributes:
        description (str):
        id (UUID):
        language (str):
        modules (list[ModuleIn]):
        title (str):
        themes (list[str] | Unset):
    """

    description: str
    id: UUID
    language: str
    modules: list[ModuleIn]
    title: str
    themes: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        id = str(self.id)

        language = self.language

        modules = []
        for modules_item_data in self.modules:
            modules_item = modules_item_data.to_dict()
            modules.append(modules_item)

        title = self.title

        themes: list[str] | Unset = UNSET
        if not isinstance(self.themes, Unset):
            themes = self.themes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "id": id,
                "language": language,
                "modules": modules,
                "title": title,
            }
        )
        if themes is not UNSET:
            field_dict["themes"] = themes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.module_in import ModuleIn  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description")

        id = UUID(d.pop("id"))

        language = d.pop("language")

        modules = []
        _modules = d.pop("modules")
        for modules_item_data in _modules:
            modules_item = ModuleIn.from_dict(modules_item_data)

            modules.append(modules_item)

        title = d.pop("title")

        themes = cast(list[str], d.pop("themes", UNSET))

        course_out = cls(
            description=description,
            id=id,
            language=language,
            modules=modules,
            title=title,
            themes=themes,
        )

        course_out.additional_properties = d
        return course_out

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
