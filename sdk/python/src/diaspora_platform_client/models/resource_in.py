from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.resource_kind import ResourceKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.author_in import AuthorIn
    from ..models.project_record_in import ProjectRecordIn


T = TypeVar("T", bound="ResourceIn")


@_attrs_define
class ResourceIn:
    """
    Attributes:
        kind (ResourceKind):
        language (str): a code of the languages scheme (GET /v1/vocabulary/languages)
        title (str):
        authors (list[AuthorIn] | Unset):
        body (str | Unset):  Default: ''.
        countries (list[str] | Unset):
        project (None | ProjectRecordIn | Unset):
        regions (list[str] | Unset):
        sdgs (list[int] | Unset):
        summary (str | Unset):  Default: ''.
        themes (list[str] | Unset):
        url (None | str | Unset):
        year (int | None | Unset):
    """

    kind: ResourceKind
    language: str
    title: str
    authors: list[AuthorIn] | Unset = UNSET
    body: str | Unset = ""
    countries: list[str] | Unset = UNSET
    project: None | ProjectRecordIn | Unset = UNSET
    regions: list[str] | Unset = UNSET
    sdgs: list[int] | Unset = UNSET
    summary: str | Unset = ""
    themes: list[str] | Unset = UNSET
    url: None | str | Unset = UNSET
    year: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.project_record_in import ProjectRecordIn  # noqa: PLC0415

        kind = self.kind.value

        language = self.language

        title = self.title

        authors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.authors, Unset):
            authors = []
            for authors_item_data in self.authors:
                authors_item = authors_item_data.to_dict()
                authors.append(authors_item)

        body = self.body

        countries: list[str] | Unset = UNSET
        if not isinstance(self.countries, Unset):
            countries = self.countries

        project: dict[str, Any] | None | Unset
        if isinstance(self.project, Unset):
            project = UNSET
        elif isinstance(self.project, ProjectRecordIn):
            project = self.project.to_dict()
        else:
            project = self.project

        regions: list[str] | Unset = UNSET
        if not isinstance(self.regions, Unset):
            regions = self.regions

        sdgs: list[int] | Unset = UNSET
        if not isinstance(self.sdgs, Unset):
            sdgs = self.sdgs

        summary = self.summary

        themes: list[str] | Unset = UNSET
        if not isinstance(self.themes, Unset):
            themes = self.themes

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        year: int | None | Unset
        if isinstance(self.year, Unset):
            year = UNSET
        else:
            year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "language": language,
                "title": title,
            }
        )
        if authors is not UNSET:
            field_dict["authors"] = authors
        if body is not UNSET:
            field_dict["body"] = body
        if countries is not UNSET:
            field_dict["countries"] = countries
        if project is not UNSET:
            field_dict["project"] = project
        if regions is not UNSET:
            field_dict["regions"] = regions
        if sdgs is not UNSET:
            field_dict["sdgs"] = sdgs
        if summary is not UNSET:
            field_dict["summary"] = summary
        if themes is not UNSET:
            field_dict["themes"] = themes
        if url is not UNSET:
            field_dict["url"] = url
        if year is not UNSET:
            field_dict["year"] = year

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.author_in import AuthorIn  # noqa: PLC0415
        from ..models.project_record_in import ProjectRecordIn  # noqa: PLC0415

        d = dict(src_dict)
        kind = ResourceKind(d.pop("kind"))

        language = d.pop("language")

        title = d.pop("title")

        _authors = d.pop("authors", UNSET)
        authors: list[AuthorIn] | Unset = UNSET
        if _authors is not UNSET:
            authors = []
            for authors_item_data in _authors:
                authors_item = AuthorIn.from_dict(authors_item_data)

                authors.append(authors_item)

        body = d.pop("body", UNSET)

        countries = cast(list[str], d.pop("countries", UNSET))

        def _parse_project(data: object) -> None | ProjectRecordIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                project_type_0 = ProjectRecordIn.from_dict(data)

                return project_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProjectRecordIn | Unset, data)

        project = _parse_project(d.pop("project", UNSET))

        regions = cast(list[str], d.pop("regions", UNSET))

        sdgs = cast(list[int], d.pop("sdgs", UNSET))

        summary = d.pop("summary", UNSET)

        themes = cast(list[str], d.pop("themes", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        year = _parse_year(d.pop("year", UNSET))

        resource_in = cls(
            kind=kind,
            language=language,
            title=title,
            authors=authors,
            body=body,
            countries=countries,
            project=project,
            regions=regions,
            sdgs=sdgs,
            summary=summary,
            themes=themes,
            url=url,
            year=year,
        )

        resource_in.additional_properties = d
        return resource_in

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
