from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LanguageInput")


@_attrs_define
class LanguageInput:
    """
    Attributes:
        code (str): ISO 639-1 or 639-3
        level (str | Unset): native, fluent, C2..A1 or basic Default: 'fluent'.
    """

    code: str
    level: str | Unset = "fluent"

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        level = self.level

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
            }
        )
        if level is not UNSET:
            field_dict["level"] = level

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        level = d.pop("level", UNSET)

        language_input = cls(
            code=code,
            level=level,
        )

        return language_input
