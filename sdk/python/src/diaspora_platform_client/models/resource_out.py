from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attachment_out import AttachmentOut
    from ..models.resource_out_authors_item import ResourceOutAuthorsItem
    from ..models.resource_out_project_type_0 import ResourceOutProjectType0


T = TypeVar("T", bound="ResourceOut")


@_attrs_define
class ResourceOut:
    """
    Attributes:
        attachments (list[AttachmentOut]):
        authors (list[ResourceOutAuthorsItem]):
        available_languages (list[str]):
        body (str):
        countries (list[str]):
        hidden (bool):
        id (UUID):
        kind (str):
        language (str): language of title/summary/body served
        moderation_note (None | str):
        original_language (str):
        project (None | ResourceOutProjectType0):
        published_at (datetime.datetime | None):
        regions (list[str]):
        sdgs (list[int]):
        status (str):
        summary (str):
        themes (list[str]):
        title (str):
        url (None | str):
        version (int):
        year (int | None):
    """

    attachments: list[AttachmentOut]
    authors: list[ResourceOutAuthorsItem]
    available_languages: list[str]
    body: str
    countries: list[str]
    hidden: bool
    id: UUID
    kind: str
    language: str
    moderation_note: None | str
    original_language: str
    project: None | ResourceOutProjectType0
    published_at: datetime.datetime | None
    regions: list[str]
    sdgs: list[int]
    status: str
    summary: str
    themes: list[str]
    title: str
    url: None | str
    version: int
    year: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.resource_out_project_type_0 import ResourceOutProjectType0  # noqa: PLC0415

        attachments = []
        for attachments_item_data in self.attachments:
            attachments_item = attachments_item_data.to_dict()
            attachments.append(attachments_item)

        authors = []
        for authors_item_data in self.authors:
            authors_item = authors_item_data.to_dict()
            authors.append(authors_item)

        available_languages = self.available_languages

        body = self.body

        countries = self.countries

        hidden = self.hidden

        id = str(self.id)

        kind = self.kind

        language = self.language

        moderation_note: None | str
        moderation_note = self.moderation_note

        original_language = self.original_language

        project: dict[str, Any] | None
        if isinstance(self.project, ResourceOutProjectType0):
            project = self.project.to_dict()
        else:
            project = self.project

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        regions = self.regions

        sdgs = self.sdgs

        status = self.status

        summary = self.summary

        themes = self.themes

        title = self.title

        url: None | str
        url = self.url

        version = self.version

        year: int | None
        year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attachments": attachments,
                "authors": authors,
                "available_languages": available_languages,
                "body": body,
                "countries": countries,
                "hidden": hidden,
                "id": id,
                "kind": kind,
                "language": language,
                "moderation_note": moderation_note,
                "original_language": original_language,
                "project": project,
                "published_at": published_at,
                "regions": regions,
                "sdgs": sdgs,
                "status": status,
                "summary": summary,
                "themes": themes,
                "title": title,
                "url": url,
                "version": version,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attachment_out import AttachmentOut  # noqa: PLC0415
        from ..models.resource_out_authors_item import ResourceOutAuthorsItem  # noqa: PLC0415
        from ..models.resource_out_project_type_0 import ResourceOutProjectType0  # noqa: PLC0415

        d = dict(src_dict)
        attachments = []
        _attachments = d.pop("attachments")
        for attachments_item_data in _attachments:
            attachments_item = AttachmentOut.from_dict(attachments_item_data)

            attachments.append(attachments_item)

        authors = []
        _authors = d.pop("authors")
        for authors_item_data in _authors:
            authors_item = ResourceOutAuthorsItem.from_dict(authors_item_data)

            authors.append(authors_item)

        available_languages = cast(list[str], d.pop("available_languages"))

        body = d.pop("body")

        countries = cast(list[str], d.pop("countries"))

        hidden = d.pop("hidden")

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        language = d.pop("language")

        def _parse_moderation_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        moderation_note = _parse_moderation_note(d.pop("moderation_note"))

        original_language = d.pop("original_language")

        def _parse_project(data: object) -> None | ResourceOutProjectType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                project_type_0 = ResourceOutProjectType0.from_dict(data)

                return project_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceOutProjectType0, data)

        project = _parse_project(d.pop("project"))

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

        regions = cast(list[str], d.pop("regions"))

        sdgs = cast(list[int], d.pop("sdgs"))

        status = d.pop("status")

        summary = d.pop("summary")

        themes = cast(list[str], d.pop("themes"))

        title = d.pop("title")

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        version = d.pop("version")

        def _parse_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        year = _parse_year(d.pop("year"))

        resource_out = cls(
            attachments=attachments,
            authors=authors,
            available_languages=available_languages,
            body=body,
            countries=countries,
            hidden=hidden,
            id=id,
            kind=kind,
            language=language,
            moderation_note=moderation_note,
            original_language=original_language,
            project=project,
            published_at=published_at,
            regions=regions,
            sdgs=sdgs,
            status=status,
            summary=summary,
            themes=themes,
            title=title,
            url=url,
            version=version,
            year=year,
        )

        resource_out.additional_properties = d
        return resource_out

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
