from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DisclosureOut")


@_attrs_define
class DisclosureOut:
    """How a table's numbers were protected (docs/privacy.md).

    Attributes:
        k (int):
        max_noise (int):
        method (Literal['cell_key']):
        note (str):
        step (int):
    """

    k: int
    max_noise: int
    method: Literal["cell_key"]
    note: str
    step: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        k = self.k

        max_noise = self.max_noise

        method = self.method

        note = self.note

        step = self.step

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "k": k,
                "max_noise": max_noise,
                "method": method,
                "note": note,
                "step": step,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        k = d.pop("k")

        max_noise = d.pop("max_noise")

        method = cast(Literal["cell_key"], d.pop("method"))
        if method != "cell_key":
            raise ValueError(f"method must match const 'cell_key', got '{method}'")

        note = d.pop("note")

        step = d.pop("step")

        disclosure_out = cls(
            k=k,
            max_noise=max_noise,
            method=method,
            note=note,
            step=step,
        )

        disclosure_out.additional_properties = d
        return disclosure_out

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
