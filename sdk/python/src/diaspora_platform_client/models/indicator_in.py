from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="IndicatorIn")


@_attrs_define
class IndicatorIn:
    """
    Attributes:
        baseline (float | str):
        due_on (datetime.date):
        name (str):
        target (float | str):
        unit (str):
    """

    baseline: float | str
    due_on: datetime.date
    name: str
    target: float | str
    unit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        baseline: float | str
        baseline = self.baseline

        due_on = self.due_on.isoformat()

        name = self.name

        target: float | str
        target = self.target

        unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "baseline": baseline,
                "due_on": due_on,
                "name": name,
                "target": target,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_baseline(data: object) -> float | str:
            return cast(float | str, data)

        baseline = _parse_baseline(d.pop("baseline"))

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        name = d.pop("name")

        def _parse_target(data: object) -> float | str:
            return cast(float | str, data)

        target = _parse_target(d.pop("target"))

        unit = d.pop("unit")

        indicator_in = cls(
            baseline=baseline,
            due_on=due_on,
            name=name,
            target=target,
            unit=unit,
        )

        indicator_in.additional_properties = d
        return indicator_in

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
