from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.feed_item import FeedItem


T = TypeVar("T", bound="JsonFeed")


@_attrs_define
class JsonFeed:
    """The open data as a JSON Feed 1.1 (https://jsonfeed.org/version/1.1).

    Attributes:
        feed_url (str):
        home_page_url (str):
        items (list[FeedItem]):
        title (str):
        version (str):
    """

    feed_url: str
    home_page_url: str
    items: list[FeedItem]
    title: str
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        feed_url = self.feed_url

        home_page_url = self.home_page_url

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        title = self.title

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "feed_url": feed_url,
                "home_page_url": home_page_url,
                "items": items,
                "title": title,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.feed_item import FeedItem  # noqa: PLC0415

        d = dict(src_dict)
        feed_url = d.pop("feed_url")

        home_page_url = d.pop("home_page_url")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = FeedItem.from_dict(items_item_data)

            items.append(items_item)

        title = d.pop("title")

        version = d.pop("version")

        json_feed = cls(
            feed_url=feed_url,
            home_page_url=home_page_url,
            items=items,
            title=title,
            version=version,
        )

        json_feed.additional_properties = d
        return json_feed

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
