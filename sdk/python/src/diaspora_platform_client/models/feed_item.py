from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.feed_author import FeedAuthor
    from ..models.feed_item_diaspora import FeedItemDiaspora


T = TypeVar("T", bound="FeedItem")


@_attrs_define
class FeedItem:
    """
    Attributes:
        field_diaspora (FeedItemDiaspora): the platform's extension: the entry's type and details
        authors (list[FeedAuthor]):
        content_text (str):
        date_modified (datetime.datetime):
        id (str):
        language (None | str):
        tags (list[str]):
        title (str):
        url (str):
    """

    field_diaspora: FeedItemDiaspora
    authors: list[FeedAuthor]
    content_text: str
    date_modified: datetime.datetime
    id: str
    language: None | str
    tags: list[str]
    title: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_diaspora = self.field_diaspora.to_dict()

        authors = []
        for authors_item_data in self.authors:
            authors_item = authors_item_data.to_dict()
            authors.append(authors_item)

        content_text = self.content_text

        date_modified = self.date_modified.isoformat()

        id = self.id

        language: None | str
        language = self.language

        tags = self.tags

        title = self.title

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "_diaspora": field_diaspora,
                "authors": authors,
                "content_text": content_text,
                "date_modified": date_modified,
                "id": id,
                "language": language,
                "tags": tags,
                "title": title,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.feed_author import FeedAuthor  # noqa: PLC0415
        from ..models.feed_item_diaspora import FeedItemDiaspora  # noqa: PLC0415

        d = dict(src_dict)
        field_diaspora = FeedItemDiaspora.from_dict(d.pop("_diaspora"))

        authors = []
        _authors = d.pop("authors")
        for authors_item_data in _authors:
            authors_item = FeedAuthor.from_dict(authors_item_data)

            authors.append(authors_item)

        content_text = d.pop("content_text")

        date_modified = datetime.datetime.fromisoformat(d.pop("date_modified"))

        id = d.pop("id")

        def _parse_language(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        language = _parse_language(d.pop("language"))

        tags = cast(list[str], d.pop("tags"))

        title = d.pop("title")

        url = d.pop("url")

        feed_item = cls(
            field_diaspora=field_diaspora,
            authors=authors,
            content_text=content_text,
            date_modified=date_modified,
            id=id,
            language=language,
            tags=tags,
            title=title,
            url=url,
        )

        feed_item.additional_properties = d
        return feed_item

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
