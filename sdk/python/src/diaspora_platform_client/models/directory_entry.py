from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DirectoryEntry")


@_attrs_define
class DirectoryEntry:
    """A person in the members' directory.

    Attributes:
        country_of_origin (None | str):
        country_of_residence (None | str):
        display_name (str):
        headline (None | str): in the person's own language
        occupations (list[str]):
        person_id (UUID):
    """

    country_of_origin: None | str
    country_of_residence: None | str
    display_name: str
    headline: None | str
    occupations: list[str]
    person_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country_of_origin: None | str
        country_of_origin = self.country_of_origin

        country_of_residence: None | str
        country_of_residence = self.country_of_residence

        display_name = self.display_name

        headline: None | str
        headline = self.headline

        occupations = self.occupations

        person_id = str(self.person_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "country_of_origin": country_of_origin,
                "country_of_residence": country_of_residence,
                "display_name": display_name,
                "headline": headline,
                "occupations": occupations,
                "person_id": person_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_country_of_origin(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country_of_origin = _parse_country_of_origin(d.pop("country_of_origin"))

        def _parse_country_of_residence(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country_of_residence = _parse_country_of_residence(
            d.pop("country_of_residence")
        )

        display_name = d.pop("display_name")

        def _parse_headline(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        headline = _parse_headline(d.pop("headline"))

        occupations = cast(list[str], d.pop("occupations"))

        person_id = UUID(d.pop("person_id"))

        directory_entry = cls(
            country_of_origin=country_of_origin,
            country_of_residence=country_of_residence,
            display_name=display_name,
            headline=headline,
            occupations=occupations,
            person_id=person_id,
        )

        directory_entry.additional_properties = d
        return directory_entry

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
