from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NeedCorrection")


@_attrs_define
class NeedCorrection:
    """What a declared need asks for, corrected (the fields given replace the declared ones).

    Attributes:
        positions (int | None | Unset):
        priority (int | None | Unset):
        region (None | str | Unset):
        sector (None | str | Unset):
        skill (None | str | Unset):
    """

    positions: int | None | Unset = UNSET
    priority: int | None | Unset = UNSET
    region: None | str | Unset = UNSET
    sector: None | str | Unset = UNSET
    skill: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        positions: int | None | Unset
        if isinstance(self.positions, Unset):
            positions = UNSET
        else:
            positions = self.positions

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        sector: None | str | Unset
        if isinstance(self.sector, Unset):
            sector = UNSET
        else:
            sector = self.sector

        skill: None | str | Unset
        if isinstance(self.skill, Unset):
            skill = UNSET
        else:
            skill = self.skill

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if positions is not UNSET:
            field_dict["positions"] = positions
        if priority is not UNSET:
            field_dict["priority"] = priority
        if region is not UNSET:
            field_dict["region"] = region
        if sector is not UNSET:
            field_dict["sector"] = sector
        if skill is not UNSET:
            field_dict["skill"] = skill

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_positions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        positions = _parse_positions(d.pop("positions", UNSET))

        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        def _parse_sector(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sector = _parse_sector(d.pop("sector", UNSET))

        def _parse_skill(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        skill = _parse_skill(d.pop("skill", UNSET))

        need_correction = cls(
            positions=positions,
            priority=priority,
            region=region,
            sector=sector,
            skill=skill,
        )

        return need_correction
