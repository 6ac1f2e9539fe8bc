from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.organisation_kind import OrganisationKind

T = TypeVar("T", bound="OrganisationCard")


@_attrs_define
class OrganisationCard:
    """An organisation in the public directory.

    Attributes:
        country (str):
        kind (OrganisationKind):
        name (str):
        organisation_id (UUID):
        verified (bool):
    """

    country: str
    kind: OrganisationKind
    name: str
    organisation_id: UUID
    verified: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country = self.country

        kind = self.kind.value

        name = self.name

        organisation_id = str(self.organisation_id)

        verified = self.verified

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "country": country,
                "kind": kind,
                "name": name,
                "organisation_id": organisation_id,
                "verified": verified,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        country = d.pop("country")

        kind = OrganisationKind(d.pop("kind"))

        name = d.pop("name")

        organisation_id = UUID(d.pop("organisation_id"))

        verified = d.pop("verified")

        organisation_card = cls(
            country=country,
            kind=kind,
            name=name,
            organisation_id=organisation_id,
            verified=verified,
        )

        organisation_card.additional_properties = d
        return organisation_card

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
