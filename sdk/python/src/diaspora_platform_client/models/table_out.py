from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.cell_out import CellOut
    from ..models.disclosure_out import DisclosureOut
    from ..models.table_out_categories import TableOutCategories


T = TypeVar("T", bound="TableOut")


@_attrs_define
class TableOut:
    """
    Attributes:
        categories (TableOutCategories):
        cells (list[CellOut]):
        dimensions (list[str]):
        disclosure (DisclosureOut): How a table's numbers were protected (docs/privacy.md).
    """

    categories: TableOutCategories
    cells: list[CellOut]
    dimensions: list[str]
    disclosure: DisclosureOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        categories = self.categories.to_dict()

        cells = []
        for cells_item_data in self.cells:
            cells_item = cells_item_data.to_dict()
            cells.append(cells_item)

        dimensions = self.dimensions

        disclosure = self.disclosure.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "categories": categories,
                "cells": cells,
                "dimensions": dimensions,
                "disclosure": disclosure,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cell_out import CellOut  # noqa: PLC0415
        from ..models.disclosure_out import DisclosureOut  # noqa: PLC0415
        from ..models.table_out_categories import TableOutCategories  # noqa: PLC0415

        d = dict(src_dict)
        categories = TableOutCategories.from_dict(d.pop("categories"))

        cells = []
        _cells = d.pop("cells")
        for cells_item_data in _cells:
            cells_item = CellOut.from_dict(cells_item_data)

            cells.append(cells_item)

        dimensions = cast(list[str], d.pop("dimensions"))

        disclosure = DisclosureOut.from_dict(d.pop("disclosure"))

        table_out = cls(
            categories=categories,
            cells=cells,
            dimensions=dimensions,
            disclosure=disclosure,
        )

        table_out.additional_properties = d
        return table_out

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
