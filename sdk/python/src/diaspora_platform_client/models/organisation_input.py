from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.organisation_kind import OrganisationKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organisation_input_description import OrganisationInputDescription


T = TypeVar("T", bound="OrganisationInput")


@_attrs_define
class OrganisationInput:
    """
    Attributes:
        country (str): ISO 3166-1 alpha-2
        kind (OrganisationKind):
        name (str):
        city (None | str | Unset):
        description (OrganisationInputDescription | Unset): language code -> text
        website (None | str | Unset):
    """

    country: str
    kind: OrganisationKind
    name: str
    city: None | str | Unset = UNSET
    description: OrganisationInputDescription | Unset = UNSET
    website: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        country = self.country

        kind = self.kind.value

        name = self.name

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        description: dict[str, Any] | Unset = UNSET
        if not isinstance(self.description, Unset):
            description = self.description.to_dict()

        website: None | str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "country": country,
                "kind": kind,
                "name": name,
            }
        )
        if city is not UNSET:
            field_dict["city"] = city
        if description is not UNSET:
            field_dict["description"] = description
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organisation_input_description import OrganisationInputDescription  # noqa: PLC0415

        d = dict(src_dict)
        country = d.pop("country")

        kind = OrganisationKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

        _description = d.pop("description", UNSET)
        description: OrganisationInputDescription | Unset
        if isinstance(_description, Unset):
            description = UNSET
        else:
            description = OrganisationInputDescription.from_dict(_description)

        def _parse_website(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website = _parse_website(d.pop("website", UNSET))

        organisation_input = cls(
            country=country,
            kind=kind,
            name=name,
            city=city,
            description=description,
            website=website,
        )

        return organisation_input
