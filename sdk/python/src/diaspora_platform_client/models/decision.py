from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Decision")


@_attrs_define
class Decision:
    """
    Attributes:
        agenda_item_id (None | UUID):
        id (UUID):
        motion_id (None | UUID):
        recorded_at (datetime.datetime):
        text (str):
    """

    agenda_item_id: None | UUID
    id: UUID
    motion_id: None | UUID
    recorded_at: datetime.datetime
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agenda_item_id: None | str
        if isinstance(self.agenda_item_id, UUID):
            agenda_item_id = str(self.agenda_item_id)
        else:
            agenda_item_id = self.agenda_item_id

        id = str(self.id)

        motion_id: None | str
        if isinstance(self.motion_id, UUID):
            motion_id = str(self.motion_id)
        else:
            motion_id = self.motion_id

        recorded_at = self.recorded_at.isoformat()

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agenda_item_id": agenda_item_id,
                "id": id,
                "motion_id": motion_id,
                "recorded_at": recorded_at,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_agenda_item_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agenda_item_id_type_0 = UUID(data)

                return agenda_item_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        agenda_item_id = _parse_agenda_item_id(d.pop("agenda_item_id"))

        id = UUID(d.pop("id"))

        def _parse_motion_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                motion_id_type_0 = UUID(data)

                return motion_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        motion_id = _parse_motion_id(d.pop("motion_id"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        text = d.pop("text")

        decision = cls(
            agenda_item_id=agenda_item_id,
            id=id,
            motion_id=motion_id,
            recorded_at=recorded_at,
            text=text,
        )

        decision.additional_properties = d
        return decision

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
