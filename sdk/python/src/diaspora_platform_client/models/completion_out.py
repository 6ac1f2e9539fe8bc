from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CompletionOut")


@_attrs_define
class CompletionOut:
    """
    Attributes:
        completed_at (datetime.datetime):
        completion_id (UUID):
        course_id (UUID):
        course_title (str):
        valid (bool | Unset):  Default: True.
    """

    completed_at: datetime.datetime
    completion_id: UUID
    course_id: UUID
    course_title: str
    valid: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed_at = self.completed_at.isoformat()

        completion_id = str(self.completion_id)

        course_id = str(self.course_id)

        course_title = self.course_title

        valid = self.valid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completed_at": completed_at,
                "completion_id": completion_id,
                "course_id": course_id,
                "course_title": course_title,
            }
        )
        if valid is not UNSET:
            field_dict["valid"] = valid

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completed_at = datetime.datetime.fromisoformat(d.pop("completed_at"))

        completion_id = UUID(d.pop("completion_id"))

        course_id = UUID(d.pop("course_id"))

        course_title = d.pop("course_title")

        valid = d.pop("valid", UNSET)

        completion_out = cls(
            completed_at=completed_at,
            completion_id=completion_id,
            course_id=course_id,
            course_title=course_title,
            valid=valid,
        )

        completion_out.additional_properties = d
        return completion_out

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
