from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DecisionIn")


@_attrs_define
class DecisionIn:
    """
    Attributes:
        text (str):
        agenda_item_id (None | Unset | UUID):
        motion_id (None | Unset | UUID):
    """

    text: str
    agenda_item_id: None | Unset | UUID = UNSET
    motion_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        agenda_item_id: None | str | Unset
        if isinstance(self.agenda_item_id, Unset):
            agenda_item_id = UNSET
        elif isinstance(self.agenda_item_id, UUID):
            agenda_item_id = str(self.agenda_item_id)
        else:
            agenda_item_id = self.agenda_item_id

        motion_id: None | str | Unset
        if isinstance(self.motion_id, Unset):
            motion_id = UNSET
        elif isinstance(self.motion_id, UUID):
            motion_id = str(self.motion_id)
        else:
            motion_id = self.motion_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
            }
        )
        if agenda_item_id is not UNSET:
            field_dict["agenda_item_id"] = agenda_item_id
        if motion_id is not UNSET:
            field_dict["motion_id"] = motion_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        def _parse_agenda_item_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agenda_item_id_type_0 = UUID(data)

                return agenda_item_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        agenda_item_id = _parse_agenda_item_id(d.pop("agenda_item_id", UNSET))

        def _parse_motion_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                motion_id_type_0 = UUID(data)

                return motion_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        motion_id = _parse_motion_id(d.pop("motion_id", UNSET))

        decision_in = cls(
            text=text,
            agenda_item_id=agenda_item_id,
            motion_id=motion_id,
        )

        decision_in.additional_properties = d
        return decision_in

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
