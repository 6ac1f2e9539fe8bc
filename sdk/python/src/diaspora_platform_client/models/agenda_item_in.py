from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.item_kind import ItemKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgendaItemIn")


@_attrs_define
class AgendaItemIn:
    """
    Attributes:
        title (str):
        description (str | Unset):  Default: ''.
        kind (ItemKind | Unset):
    """

    title: str
    description: str | Unset = ""
    kind: ItemKind | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description = self.description

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        description = d.pop("description", UNSET)

        _kind = d.pop("kind", UNSET)
        kind: ItemKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = ItemKind(_kind)

        agenda_item_in = cls(
            title=title,
            description=description,
            kind=kind,
        )

        agenda_item_in.additional_properties = d
        return agenda_item_in

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
