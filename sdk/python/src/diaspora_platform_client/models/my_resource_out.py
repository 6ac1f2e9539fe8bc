from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MyResourceOut")


@_attrs_define
class MyResourceOut:
    """
    Attributes:
        hidden (bool):
        id (UUID):
        kind (str):
        moderation_note (None | str):
        status (str):
        title (str): in the asked language when translated, else the original
        updated_at (datetime.datetime):
    """

    hidden: bool
    id: UUID
    kind: str
    moderation_note: None | str
    status: str
    title: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hidden = self.hidden

        id = str(self.id)

        kind = self.kind

        moderation_note: None | str
        moderation_note = self.moderation_note

        status = self.status

        title = self.title

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hidden": hidden,
                "id": id,
                "kind": kind,
                "moderation_note": moderation_note,
                "status": status,
                "title": title,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hidden = d.pop("hidden")

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        def _parse_moderation_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        moderation_note = _parse_moderation_note(d.pop("moderation_note"))

        status = d.pop("status")

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        my_resource_out = cls(
            hidden=hidden,
            id=id,
            kind=kind,
            moderation_note=moderation_note,
            status=status,
            title=title,
            updated_at=updated_at,
        )

        my_resource_out.additional_properties = d
        return my_resource_out

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
