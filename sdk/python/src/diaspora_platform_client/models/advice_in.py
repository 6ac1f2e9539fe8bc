from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.advice_position import AdvicePosition

T = TypeVar("T", bound="AdviceIn")


@_attrs_define
class AdviceIn:
    """
    Attributes:
        advisory_group_id (UUID):
        position (AdvicePosition):
        text (str):
    """

    advisory_group_id: UUID
    position: AdvicePosition
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        advisory_group_id = str(self.advisory_group_id)

        position = self.position.value

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "advisory_group_id": advisory_group_id,
                "position": position,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        advisory_group_id = UUID(d.pop("advisory_group_id"))

        position = AdvicePosition(d.pop("position"))

        text = d.pop("text")

        advice_in = cls(
            advisory_group_id=advisory_group_id,
            position=position,
            text=text,
        )

        advice_in.additional_properties = d
        return advice_in

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
