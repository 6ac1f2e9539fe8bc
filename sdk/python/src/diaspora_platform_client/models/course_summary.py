from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CourseSummary")


@_attrs_define
class CourseSummary:
    """
    Attributes:
        description (str):
        id (UUID):
        language (str):
        lessons (int):
        themes (list[str]):
        title (str):
    """

    description: str
    id: UUID
    language: str
    lessons: int
    themes: list[str]
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        id = str(self.id)

        language = self.language

        lessons = self.lessons

        themes = self.themes

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "id": id,
                "language": language,
                "lessons": lessons,
                "themes": themes,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        id = UUID(d.pop("id"))

        language = d.pop("language")

        lessons = d.pop("lessons")

        themes = cast(list[str], d.pop("themes"))

        title = d.pop("title")

        course_summary = cls(
            description=description,
            id=id,
            language=language,
            lessons=lessons,
            themes=themes,
            title=title,
        )

        course_summary.additional_properties = d
        return course_summary

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
