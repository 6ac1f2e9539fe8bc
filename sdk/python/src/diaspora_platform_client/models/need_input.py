from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NeedInput")


@_attrs_define
class NeedInput:
    """
    Attributes:
        origin_country (str):
        positions (int):
        sector (str):
        campaign_id (None | Unset | UUID):
        priority (int | Unset):  Default: 3.
        region (None | str | Unset):
        skill (None | str | Unset):
    """

    origin_country: str
    positions: int
    sector: str
    campaign_id: None | Unset | UUID = UNSET
    priority: int | Unset = 3
    region: None | str | Unset = UNSET
    skill: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        origin_country = self.origin_country

        positions = self.positions

        sector = self.sector

        campaign_id: None | str | Unset
        if isinstance(self.campaign_id, Unset):
            campaign_id = UNSET
        elif isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        priority = self.priority

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

        field_dict.update(
            {
                "origin_country": origin_country,
                "positions": positions,
                "sector": sector,
            }
        )
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if priority is not UNSET:
            field_dict["priority"] = priority
        if region is not UNSET:
            field_dict["region"] = region
        if skill is not UNSET:
            field_dict["skill"] = skill

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        origin_country = d.pop("origin_country")

        positions = d.pop("positions")

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

        priority = d.pop("priority", UNSET)

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

        need_input = cls(
            origin_country=origin_country,
            positions=positions,
            sector=sector,
            campaign_id=campaign_id,
            priority=priority,
            region=region,
            skill=skill,
        )

        return need_input
