from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lesson_in import LessonIn


T = TypeVar("T", bound="ModuleIn")


@_attrs_define
class ModuleIn:
    """
    Attributes:
        lessons (list[LessonIn]):
        title (str):
    """

    lessons: list[LessonIn]
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        lessons = []
        for lessons_item_data in self.lessons:
            lessons_item = lessons_item_data.to_dict()
            lessons.append(lessons_item)

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "lessons": lessons,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lesson_in import LessonIn  # noqa: PLC0415

        d = dict(src_dict)
        lessons = []
        _lessons = d.pop("lessons")
        for lessons_item_data in _lessons:
            lessons_item = LessonIn.from_dict(lessons_item_data)

            lessons.append(lessons_item)

        title = d.pop("title")

        module_in = cls(
            lessons=lessons,
            title=title,
        )

        module_in.additional_properties = d
        return module_in

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
