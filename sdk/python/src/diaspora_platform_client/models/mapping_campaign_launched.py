from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MappingCampaignLaunched")


@_attrs_define
class MappingCampaignLaunched:
    """A government or organisation opened a mapping campaign for a country of origin.

    Attributes:
        campaign_id (UUID):
        closes_on (datetime.date):
        launched_at (datetime.datetime):
        name (str):
        opens_on (datetime.date):
        origin_country (str): ISO 3166-1 alpha-2
        owner_kind (str): government | organisation
        survey_key (str):
        survey_version (int):
        channels (list[str] | Unset):
        coordinating_organisations (list[UUID] | Unset):
        owner_organisation_id (None | Unset | UUID):
    """

    campaign_id: UUID
    closes_on: datetime.date
    launched_at: datetime.datetime
    name: str
    opens_on: datetime.date
    origin_country: str
    owner_kind: str
    survey_key: str
    survey_version: int
    channels: list[str] | Unset = UNSET
    coordinating_organisations: list[UUID] | Unset = UNSET
    owner_organisation_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id = str(self.campaign_id)

        closes_on = self.closes_on.isoformat()

        launched_at = self.launched_at.isoformat()

        name = self.name

        opens_on = self.opens_on.isoformat()

        origin_country = self.origin_country

        owner_kind = self.owner_kind

        survey_key = self.survey_key

        survey_version = self.survey_version

        channels: list[str] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = self.channels

        coordinating_organisations: list[str] | Unset = UNSET
        if not isinstance(self.coordinating_organisations, Unset):
            coordinating_organisations = []
            for coordinating_organisations_item_data in self.coordinating_organisations:
                coordinating_organisations_item = str(
                    coordinating_organisations_item_data
                )
                coordinating_organisations.append(coordinating_organisations_item)

        owner_organisation_id: None | str | Unset
        if isinstance(self.owner_organisation_id, Unset):
            owner_organisation_id = UNSET
        elif isinstance(self.owner_organisation_id, UUID):
            owner_organisation_id = str(self.owner_organisation_id)
        else:
            owner_organisation_id = self.owner_organisation_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaign_id": campaign_id,
                "closes_on": closes_on,
                "launched_at": launched_at,
                "name": name,
                "opens_on": opens_on,
                "origin_country": origin_country,
                "owner_kind": owner_kind,
                "survey_key": survey_key,
                "survey_version": survey_version,
            }
        )
        if channels is not UNSET:
            field_dict["channels"] = channels
        if coordinating_organisations is not UNSET:
            field_dict["coordinating_organisations"] = coordinating_organisations
        if owner_organisation_id is not UNSET:
            field_dict["owner_organisation_id"] = owner_organisation_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))

        closes_on = datetime.date.fromisoformat(d.pop("closes_on"))

        launched_at = datetime.datetime.fromisoformat(d.pop("launched_at"))

        name = d.pop("name")

        opens_on = datetime.date.fromisoformat(d.pop("opens_on"))

        origin_country = d.pop("origin_country")

        owner_kind = d.pop("owner_kind")

        survey_key = d.pop("survey_key")

        survey_version = d.pop("survey_version")

        channels = cast(list[str], d.pop("channels", UNSET))

        _coordinating_organisations = d.pop("coordinating_organisations", UNSET)
        coordinating_organisations: list[UUID] | Unset = UNSET
        if _coordinating_organisations is not UNSET:
            coordinating_organisations = []
            for coordinating_organisations_item_data in _coordinating_organisations:
                coordinating_organisations_item = UUID(
                    coordinating_organisations_item_data
                )

                coordinating_organisations.append(coordinating_organisations_item)

        def _parse_owner_organisation_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_organisation_id_type_0 = UUID(data)

                return owner_organisation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        owner_organisation_id = _parse_owner_organisation_id(
            d.pop("owner_organisation_id", UNSET)
        )

        mapping_campaign_launched = cls(
            campaign_id=campaign_id,
            closes_on=closes_on,
            launched_at=launched_at,
            name=name,
            opens_on=opens_on,
            origin_country=origin_country,
            owner_kind=owner_kind,
            survey_key=survey_key,
            survey_version=survey_version,
            channels=channels,
            coordinating_organisations=coordinating_organisations,
            owner_organisation_id=owner_organisation_id,
        )

        mapping_campaign_launched.additional_properties = d
        return mapping_campaign_launched

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
