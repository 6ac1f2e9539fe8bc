from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MotionIn")


@_attrs_define
class MotionIn:
    """
    Attributes:
        title (str):
        recommendation_id (None | Unset | UUID):
        text (str | Unset):  Default: ''.
    """

    title: str
    recommendation_id: None | Unset | UUID = UNSET
    text: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        recommendation_id: None | str | Unset
        if isinstance(self.recommendation_id, Unset):
            recommendation_id = UNSET
        elif isinstance(self.recommendation_id, UUID):
            recommendation_id = str(self.recommendation_id)
        else:
            recommendation_id = self.recommendation_id

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
            }
        )
        if recommendation_id is not UNSET:
            field_dict["recommendation_id"] = recommendation_id
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        def _parse_recommendation_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recommendation_id_type_0 = UUID(data)

                return recommendation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        recommendation_id = _parse_recommendation_id(d.pop("recommendation_id", UNSET))

        text = d.pop("text", UNSET)

        motion_in = cls(
            title=title,
            recommendation_id=recommendation_id,
            text=text,
        )

        motion_in.additional_properties = d
        return motion_in

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
