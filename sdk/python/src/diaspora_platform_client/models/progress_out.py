from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProgressOut")


@_attrs_define
class ProgressOut:
    """
    Attributes:
        completed_at (datetime.datetime | None):
        completed_lessons (list[str]):
        completion_id (UUID):
        course_id (UUID):
        progress (float):
        verification_code (None | str | Unset):
    """

    completed_at: datetime.datetime | None
    completed_lessons: list[str]
    completion_id: UUID
    course_id: UUID
    progress: float
    verification_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        completed_lessons = self.completed_lessons

        completion_id = str(self.completion_id)

        course_id = str(self.course_id)

        progress = self.progress

        verification_code: None | str | Unset
        if isinstance(self.verification_code, Unset):
            verification_code = UNSET
        else:
            verification_code = self.verification_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completed_at": completed_at,
                "completed_lessons": completed_lessons,
                "completion_id": completion_id,
                "course_id": course_id,
                "progress": progress,
            }
        )
        if verification_code is not UNSET:
            field_dict["verification_code"] = verification_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        completed_lessons = cast(list[str], d.pop("completed_lessons"))

        completion_id = UUID(d.pop("completion_id"))

        course_id = UUID(d.pop("course_id"))

        progress = d.pop("progress")

        def _parse_verification_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verification_code = _parse_verification_code(d.pop("verification_code", UNSET))

        progress_out = cls(
            completed_at=completed_at,
            completed_lessons=completed_lessons,
            completion_id=completion_id,
            course_id=course_id,
            progress=progress,
            verification_code=verification_code,
        )

        progress_out.additional_properties = d
        return progress_out

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
