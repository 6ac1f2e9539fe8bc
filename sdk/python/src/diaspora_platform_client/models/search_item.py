from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SearchItem")


@_attrs_define
class SearchItem:
    """
    Attributes:
        countries (list[str]):
        id (UUID):
        kind (str):
        language (str):
        published_at (datetime.datetime | None):
        sdgs (list[int]):
        summary (str):
        themes (list[str]):
        title (str):
        year (int | None):
    """

    countries: list[str]
    id: UUID
    kind: str
    language: str
    published_at: datetime.datetime | None
    sdgs: list[int]
    summary: str
    themes: list[str]
    title: str
    year: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        countries = self.countries

        id = str(self.id)

        kind = self.kind

        language = self.language

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        sdgs = self.sdgs

        summary = self.summary

        themes = self.themes

        title = self.title

        year: int | None
        year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "countries": countries,
                "id": id,
                "kind": kind,
                "language": language,
                "published_at": published_at,
                "sdgs": sdgs,
                "summary": summary,
                "themes": themes,
                "title": title,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        countries = cast(list[str], d.pop("countries"))

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        language = d.pop("language")

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        sdgs = cast(list[int], d.pop("sdgs"))

        summary = d.pop("summary")

        themes = cast(list[str], d.pop("themes"))

        title = d.pop("title")

        def _parse_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        year = _parse_year(d.pop("year"))

        search_item = cls(
            countries=countries,
            id=id,
            kind=kind,
            language=language,
            published_at=published_at,
            sdgs=sdgs,
            summary=summary,
            themes=themes,
            title=title,
            year=year,
        )

        search_item.additional_properties = d
        return search_item

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
