from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.item_kind import ItemKind

T = TypeVar("T", bound="AgendaItem")


@_attrs_define
class AgendaItem:
    """
    Attributes:
        description (str):
        id (UUID):
        kind (ItemKind):
        position (int):
        title (str):
    """

    description: str
    id: UUID
    kind: ItemKind
    position: int
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        id = str(self.id)

        kind = self.kind.value

        position = self.position

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "id": id,
                "kind": kind,
                "position": position,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        id = UUID(d.pop("id"))

        kind = ItemKind(d.pop("kind"))

        position = d.pop("position")

        title = d.pop("title")

        agenda_item = cls(
            description=description,
            id=id,
            kind=kind,
            position=position,
            title=title,
        )

        agenda_item.additional_properties = d
        return agenda_item

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
