from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GapRowOut")


@_attrs_define
class GapRowOut:
    """
    Attributes:
        gap (int | None): supply - needed, when supply is shown
        needed (int): positions declared as needed (public figures)
        priority (int):
        sector (str):
        skill (str):
        supply (int | None): respondents declaring the skill; null below k
    """

    gap: int | None
    needed: int
    priority: int
    sector: str
    skill: str
    supply: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        gap: int | None
        gap = self.gap

        needed = self.needed

        priority = self.priority

        sector = self.sector

        skill = self.skill

        supply: int | None
        supply = self.supply

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "gap": gap,
                "needed": needed,
                "priority": priority,
                "sector": sector,
                "skill": skill,
                "supply": supply,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_gap(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        gap = _parse_gap(d.pop("gap"))

        needed = d.pop("needed")

        priority = d.pop("priority")

        sector = d.pop("sector")

        skill = d.pop("skill")

        def _parse_supply(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        supply = _parse_supply(d.pop("supply"))

        gap_row_out = cls(
            gap=gap,
            needed=needed,
            priority=priority,
            sector=sector,
            skill=skill,
            supply=supply,
        )

        gap_row_out.additional_properties = d
        return gap_row_out

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
