from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CellOut")


@_attrs_define
class CellOut:
    """One cell: its category in each of the table's dimensions (named by the dimension;
    ``total`` for a margin), then its protected count.

        Attributes:
            approximately (int | None):
            basis (str): perturbed, kept or same_as_coarser
            below_k (bool):
            count (int | None): null below k, or when told as same_as
            same_as (None | str):
            share (float | None):
            share_within (float | None):
    """

    approximately: int | None
    basis: str
    below_k: bool
    count: int | None
    same_as: None | str
    share: float | None
    share_within: float | None
    additional_properties: dict[str, str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approximately: int | None
        approximately = self.approximately

        basis = self.basis

        below_k = self.below_k

        count: int | None
        count = self.count

        same_as: None | str
        same_as = self.same_as

        share: float | None
        share = self.share

        share_within: float | None
        share_within = self.share_within

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approximately": approximately,
                "basis": basis,
                "below_k": below_k,
                "count": count,
                "same_as": same_as,
                "share": share,
                "share_within": share_within,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_approximately(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        approximately = _parse_approximately(d.pop("approximately"))

        basis = d.pop("basis")

        below_k = d.pop("below_k")

        def _parse_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        count = _parse_count(d.pop("count"))

        def _parse_same_as(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        same_as = _parse_same_as(d.pop("same_as"))

        def _parse_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        share = _parse_share(d.pop("share"))

        def _parse_share_within(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        share_within = _parse_share_within(d.pop("share_within"))

        cell_out = cls(
            approximately=approximately,
            basis=basis,
            below_k=below_k,
            count=count,
            same_as=same_as,
            share=share,
            share_within=share_within,
        )

        cell_out.additional_properties = d
        return cell_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
