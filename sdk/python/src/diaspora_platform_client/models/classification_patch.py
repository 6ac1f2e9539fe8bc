from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.author_in import AuthorIn
    from ..models.project_record_in import ProjectRecordIn


T = TypeVar("T", bound="ClassificationPatch")


@_attrs_define
class ClassificationPatch:
    """Only the fields sent change.

    Attributes:
        authors (list[AuthorIn] | None | Unset):
        countries (list[str] | None | Unset):
        project (None | ProjectRecordIn | Unset):
        regions (list[str] | None | Unset):
        sdgs (list[int] | None | Unset):
        themes (list[str] | None | Unset):
        url (None | str | Unset):
        year (int | None | Unset):
    """

    authors: list[AuthorIn] | None | Unset = UNSET
    countries: list[str] | None | Unset = UNSET
    project: None | ProjectRecordIn | Unset = UNSET
    regions: list[str] | None | Unset = UNSET
    sdgs: list[int] | None | Unset = UNSET
    themes: list[str] | None | Unset = UNSET
    url: None | str | Unset = UNSET
    year: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.project_record_in import ProjectRecordIn  # noqa: PLC0415

        authors: list[dict[str, Any]] | None | Unset
        if isinstance(self.authors, Unset):
            authors = UNSET
        elif isinstance(self.authors, list):
            authors = []
            for authors_type_0_item_data in self.authors:
                authors_type_0_item = authors_type_0_item_data.to_dict()
                authors.append(authors_type_0_item)

        else:
            authors = self.authors

        countries: list[str] | None | Unset
        if isinstance(self.countries, Unset):
            countries = UNSET
        elif isinstance(self.countries, list):
            countries = self.countries

        else:
            countries = self.countries

        project: dict[str, Any] | None | Unset
        if isinstance(self.project, Unset):
            project = UNSET
        elif isinstance(self.project, ProjectRecordIn):
            project = self.project.to_dict()
        else:
            project = self.project

        regions: list[str] | None | Unset
        if isinstance(self.regions, Unset):
            regions = UNSET
        elif isinstance(self.regions, list):
            regions = self.regions

        else:
            regions = self.regions

        sdgs: list[int] | None | Unset
        if isinstance(self.sdgs, Unset):
            sdgs = UNSET
        elif isinstance(self.sdgs, list):
            sdgs = self.sdgs

        else:
            sdgs = self.sdgs

        themes: list[str] | None | Unset
        if isinstance(self.themes, Unset):
            themes = UNSET
        elif isinstance(self.themes, list):
            themes = self.themes

        else:
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
        field_dict.update({})
        if authors is not UNSET:
            field_dict["authors"] = authors
        if countries is not UNSET:
            field_dict["countries"] = countries
        if project is not UNSET:
            field_dict["project"] = project
        if regions is not UNSET:
            field_dict["regions"] = regions
        if sdgs is not UNSET:
            field_dict["sdgs"] = sdgs
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

        def _parse_authors(data: object) -> list[AuthorIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                authors_type_0 = []
                _authors_type_0 = data
                for authors_type_0_item_data in _authors_type_0:
                    authors_type_0_item = AuthorIn.from_dict(authors_type_0_item_data)

                    authors_type_0.append(authors_type_0_item)

                return authors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AuthorIn] | None | Unset, data)

        authors = _parse_authors(d.pop("authors", UNSET))

        def _parse_countries(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                countries_type_0 = cast(list[str], data)

                return countries_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        countries = _parse_countries(d.pop("countries", UNSET))

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

        def _parse_regions(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                regions_type_0 = cast(list[str], data)

                return regions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        regions = _parse_regions(d.pop("regions", UNSET))

        def _parse_sdgs(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                sdgs_type_0 = cast(list[int], data)

                return sdgs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        sdgs = _parse_sdgs(d.pop("sdgs", UNSET))

        def _parse_themes(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                themes_type_0 = cast(list[str], data)

                return themes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        themes = _parse_themes(d.pop("themes", UNSET))

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

        classification_patch = cls(
            authors=authors,
            countries=countries,
            project=project,
            regions=regions,
            sdgs=sdgs,
            themes=themes,
            url=url,
            year=year,
        )

        classification_patch.additional_properties = d
        return classification_patch

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
