from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NeedOut")


@_attrs_define
class NeedOut:
    """
    Attributes:
        campaign_id (None | UUID): None: a need of the whole origin country
        declared_at (datetime.datetime):
        id (UUID):
        origin_country (str):
        positions (int):
        priority (int):
        region (None | str):
        sector (str):
        skill (None | str):
        version (int): its ETag is W/"<version>": send it as If-Match to correct or withdraw it
    """

    campaign_id: None | UUID
    declared_at: datetime.datetime
    id: UUID
    origin_country: str
    positions: int
    priority: int
    region: None | str
    sector: str
    skill: None | str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id: None | str
        if isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        declared_at = self.declared_at.isoformat()

        id = str(self.id)

        origin_country = self.origin_country

        positions = self.positions

        priority = self.priority

        region: None | str
        region = self.region

        sector = self.sector

        skill: None | str
        skill = self.skill

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaign_id": campaign_id,
                "declared_at": declared_at,
                "id": id,
                "origin_country": origin_country,
                "positions": positions,
                "priority": priority,
                "region": region,
                "sector": sector,
                "skill": skill,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_campaign_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)

                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id"))

        declared_at = datetime.datetime.fromisoformat(d.pop("declared_at"))

        id = UUID(d.pop("id"))

        origin_country = d.pop("origin_country")

        positions = d.pop("positions")

        priority = d.pop("priority")

        def _parse_region(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        region = _parse_region(d.pop("region"))

        sector = d.pop("sector")

        def _parse_skill(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        skill = _parse_skill(d.pop("skill"))

        version = d.pop("version")

        need_out = cls(
            campaign_id=campaign_id,
            declared_at=declared_at,
            id=id,
            origin_country=origin_country,
            positions=positions,
            priority=priority,
            region=region,
            sector=sector,
            skill=skill,
            version=version,
        )

        need_out.additional_properties = d
        return need_out

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
