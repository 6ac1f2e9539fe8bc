from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FeedItemView")


@_attrs_define
class FeedItemView:
    """
    Attributes:
        body (str):
        category (str):
        created_at (datetime.datetime):
        id (UUID):
        link (None | str):
        locale (str):
        position (int):
        read (bool):
        title (str):
        type_ (str):
    """

    body: str
    category: str
    created_at: datetime.datetime
    id: UUID
    link: None | str
    locale: str
    position: int
    read: bool
    title: str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        category = self.category

        created_at = self.created_at.isoformat()

        id = str(self.id)

        link: None | str
        link = self.link

        locale = self.locale

        position = self.position

        read = self.read

        title = self.title

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "category": category,
                "created_at": created_at,
                "id": id,
                "link": link,
                "locale": locale,
                "position": position,
                "read": read,
                "title": title,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        category = d.pop("category")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        def _parse_link(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        link = _parse_link(d.pop("link"))

        locale = d.pop("locale")

        position = d.pop("position")

        read = d.pop("read")

        title = d.pop("title")

        type_ = d.pop("type")

        feed_item_view = cls(
            body=body,
            category=category,
            created_at=created_at,
            id=id,
            link=link,
            locale=locale,
            position=position,
            read=read,
            title=title,
            type_=type_,
        )

        feed_item_view.additional_properties = d
        return feed_item_view

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
