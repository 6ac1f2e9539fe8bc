from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CampaignWithResponses")


@_attrs_define
class CampaignWithResponses:
    """
    Attributes:
        channels (list[str]):
        closes_on (datetime.date):
        coordinating_organisations (list[UUID]):
        id (UUID):
        k (int): the smallest count published (never below the platform floor)
        name (str):
        opens_on (datetime.date):
        origin_country (str):
        owner_kind (str):
        owner_organisation_id (None | UUID):
        responses (int | None): published number of responses: perturbed, null while below k
        status (str):
        survey_id (UUID):
    """

    channels: list[str]
    closes_on: datetime.date
    coordinating_organisations: list[UUID]
    id: UUID
    k: int
    name: str
    opens_on: datetime.date
    origin_country: str
    owner_kind: str
    owner_organisation_id: None | UUID
    responses: int | None
    status: str
    survey_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channels = self.channels

        closes_on = self.closes_on.isoformat()

        coordinating_organisations = []
        for coordinating_organisations_item_data in self.coordinating_organisations:
            coordinating_organisations_item = str(coordinating_organisations_item_data)
            coordinating_organisations.append(coordinating_organisations_item)

        id = str(self.id)

        k = self.k

        name = self.name

        opens_on = self.opens_on.isoformat()

        origin_country = self.origin_country

        owner_kind = self.owner_kind

        owner_organisation_id: None | str
        if isinstance(self.owner_organisation_id, UUID):
            owner_organisation_id = str(self.owner_organisation_id)
        else:
            owner_organisation_id = self.owner_organisation_id

        responses: int | None
        responses = self.responses

        status = self.status

        survey_id = str(self.survey_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channels": channels,
                "closes_on": closes_on,
                "coordinating_organisations": coordinating_organisations,
                "id": id,
                "k": k,
                "name": name,
                "opens_on": opens_on,
                "origin_country": origin_country,
                "owner_kind": owner_kind,
                "owner_organisation_id": owner_organisation_id,
                "responses": responses,
                "status": status,
                "survey_id": survey_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channels = cast(list[str], d.pop("channels"))

        closes_on = datetime.date.fromisoformat(d.pop("closes_on"))

        coordinating_organisations = []
        _coordinating_organisations = d.pop("coordinating_organisations")
        for coordinating_organisations_item_data in _coordinating_organisations:
            coordinating_organisations_item = UUID(coordinating_organisations_item_data)

            coordinating_organisations.append(coordinating_organisations_item)

        id = UUID(d.pop("id"))

        k = d.pop("k")

        name = d.pop("name")

        opens_on = datetime.date.fromisoformat(d.pop("opens_on"))

        origin_country = d.pop("origin_country")

        owner_kind = d.pop("owner_kind")

        def _parse_owner_organisation_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_organisation_id_type_0 = UUID(data)

                return owner_organisation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        owner_organisation_id = _parse_owner_organisation_id(
            d.pop("owner_organisation_id")
        )

        def _parse_responses(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        responses = _parse_responses(d.pop("responses"))

        status = d.pop("status")

        survey_id = UUID(d.pop("survey_id"))

        campaign_with_responses = cls(
            channels=channels,
            closes_on=closes_on,
            coordinating_organisations=coordinating_organisations,
            id=id,
            k=k,
            name=name,
            opens_on=opens_on,
            origin_country=origin_country,
            owner_kind=owner_kind,
            owner_organisation_id=owner_organisation_id,
            responses=responses,
            status=status,
            survey_id=survey_id,
        )

        campaign_with_responses.additional_properties = d
        return campaign_with_responses

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
