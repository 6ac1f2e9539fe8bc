from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DraftIn")


@_attrs_define
class DraftIn:
    """
    Attributes:
        author_ids (list[UUID]):
        text (str):
        title (str):
        working_group_id (UUID):
        sector (None | str | Unset):
        theme (None | str | Unset):
    """

    author_ids: list[UUID]
    text: str
    title: str
    working_group_id: UUID
    sector: None | str | Unset = UNSET
    theme: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author_ids = []
        for author_ids_item_data in self.author_ids:
            author_ids_item = str(author_ids_item_data)
            author_ids.append(author_ids_item)

        text = self.text

        title = self.title

        working_group_id = str(self.working_group_id)

        sector: None | str | Unset
        if isinstance(self.sector, Unset):
            sector = UNSET
        else:
            sector = self.sector

        theme: None | str | Unset
        if isinstance(self.theme, Unset):
            theme = UNSET
        else:
            theme = self.theme

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "author_ids": author_ids,
                "text": text,
                "title": title,
                "working_group_id": working_group_id,
            }
        )
        if sector is not UNSET:
            field_dict["sector"] = sector
        if theme is not UNSET:
            field_dict["theme"] = theme

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        author_ids = []
        _author_ids = d.pop("author_ids")
        for author_ids_item_data in _author_ids:
            author_ids_item = UUID(author_ids_item_data)

            author_ids.append(author_ids_item)

        text = d.pop("text")

        title = d.pop("title")

        working_group_id = UUID(d.pop("working_group_id"))

        def _parse_sector(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sector = _parse_sector(d.pop("sector", UNSET))

        def _parse_theme(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        theme = _parse_theme(d.pop("theme", UNSET))

        draft_in = cls(
            author_ids=author_ids,
            text=text,
            title=title,
            working_group_id=working_group_id,
            sector=sector,
            theme=theme,
        )

        draft_in.additional_properties = d
        return draft_in

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
