from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SectorNeedCorrected")


@_attrs_define
class SectorNeedCorrected:
    """A declared need was corrected: what it asks for now (it replaces the declared one).

    Attributes:
        corrected_at (datetime.datetime):
        declared_at (datetime.datetime):
        need_id (UUID):
        origin_country (str):
        positions (int):
        priority (int):
        sector (str): ISIC Rev.4 section
        campaign_id (None | Unset | UUID):
        region (None | str | Unset):
        skill (None | str | Unset): ESCO skill group
    """

    corrected_at: datetime.datetime
    declared_at: datetime.datetime
    need_id: UUID
    origin_country: str
    positions: int
    priority: int
    sector: str
    campaign_id: None | Unset | UUID = UNSET
    region: None | str | Unset = UNSET
    skill: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        corrected_at = self.corrected_at.isoformat()

        declared_at = self.declared_at.isoformat()

        need_id = str(self.need_id)

        origin_country = self.origin_country

        positions = self.positions

        priority = self.priority

        sector = self.sector

        campaign_id: None | str | Unset
        if isinstance(self.campaign_id, Unset):
            campaign_id = UNSET
        elif isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        skill: None | str | Unset
        if isinstance(self.skill, Unset):
            skill = UNSET
        else:
            skill = self.skill

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "corrected_at": corrected_at,
                "declared_at": declared_at,
                "need_id": need_id,
                "origin_country": origin_country,
                "positions": positions,
                "priority": priority,
                "sector": sector,
            }
        )
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if region is not UNSET:
            field_dict["region"] = region
        if skill is not UNSET:
            field_dict["skill"] = skill

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        corrected_at = datetime.datetime.fromisoformat(d.pop("corrected_at"))

        declared_at = datetime.datetime.fromisoformat(d.pop("declared_at"))

        need_id = UUID(d.pop("need_id"))

        origin_country = d.pop("origin_country")

        positions = d.pop("positions")

        priority = d.pop("priority")

        sector = d.pop("sector")

        def _parse_campaign_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)

                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id", UNSET))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        def _parse_skill(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        skill = _parse_skill(d.pop("skill", UNSET))

        sector_need_corrected = cls(
            corrected_at=corrected_at,
            declared_at=declared_at,
            need_id=need_id,
            origin_country=origin_country,
            positions=positions,
            priority=priority,
            sector=sector,
            campaign_id=campaign_id,
            region=region,
            skill=skill,
        )

        sector_need_corrected.additional_properties = d
        return sector_need_corrected

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
