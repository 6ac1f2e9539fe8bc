from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.campaign_input_owner_kind import CampaignInputOwnerKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="CampaignInput")


@_attrs_define
class CampaignInput:
    """
    Attributes:
        closes_on (datetime.date):
        name (str):
        opens_on (datetime.date):
        origin_country (str):
        owner_kind (CampaignInputOwnerKind):
        survey_id (UUID):
        channels (list[str] | Unset):
        coordinating_organisations (list[UUID] | Unset):
        k (int | None | Unset): the smallest count published; at least the platform's floor (MAPPING_MIN_K, 10 by
            default), which is also the default. Perturbation cannot be switched off.
        owner_organisation_id (None | Unset | UUID):
    """

    closes_on: datetime.date
    name: str
    opens_on: datetime.date
    origin_country: str
    owner_kind: CampaignInputOwnerKind
    survey_id: UUID
    channels: list[str] | Unset = UNSET
    coordinating_organisations: list[UUID] | Unset = UNSET
    k: int | None | Unset = UNSET
    owner_organisation_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        closes_on = self.closes_on.isoformat()

        name = self.name

        opens_on = self.opens_on.isoformat()

        origin_country = self.origin_country

        owner_kind = self.owner_kind.value

        survey_id = str(self.survey_id)

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

        k: int | None | Unset
        if isinstance(self.k, Unset):
            k = UNSET
        else:
            k = self.k

        owner_organisation_id: None | str | Unset
        if isinstance(self.owner_organisation_id, Unset):
            owner_organisation_id = UNSET
        elif isinstance(self.owner_organisation_id, UUID):
            owner_organisation_id = str(self.owner_organisation_id)
        else:
            owner_organisation_id = self.owner_organisation_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "closes_on": closes_on,
                "name": name,
                "opens_on": opens_on,
                "origin_country": origin_country,
                "owner_kind": owner_kind,
                "survey_id": survey_id,
            }
        )
        if channels is not UNSET:
            field_dict["channels"] = channels
        if coordinating_organisations is not UNSET:
            field_dict["coordinating_organisations"] = coordinating_organisations
        if k is not UNSET:
            field_dict["k"] = k
        if owner_organisation_id is not UNSET:
            field_dict["owner_organisation_id"] = owner_organisation_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        closes_on = datetime.date.fromisoformat(d.pop("closes_on"))

        name = d.pop("name")

        opens_on = datetime.date.fromisoformat(d.pop("opens_on"))

        origin_country = d.pop("origin_country")

        owner_kind = CampaignInputOwnerKind(d.pop("owner_kind"))

        survey_id = UUID(d.pop("survey_id"))

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

        def _parse_k(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        k = _parse_k(d.pop("k", UNSET))

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

        campaign_input = cls(
            closes_on=closes_on,
            name=name,
            opens_on=opens_on,
            origin_country=origin_country,
            owner_kind=owner_kind,
            survey_id=survey_id,
            channels=channels,
            coordinating_organisations=coordinating_organisations,
            k=k,
            owner_organisation_id=owner_organisation_id,
        )

        return campaign_input
