from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.dimensions_input_dimensions import DimensionsInputDimensions


T = TypeVar("T", bound="DimensionsInput")


@_attrs_define
class DimensionsInput:
    """
    Attributes:
        dimensions (DimensionsInputDimensions):
    """

    dimensions: DimensionsInputDimensions

    def to_dict(self) -> dict[str, Any]:
        dimensions = self.dimensions.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "dimensions": dimensions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dimensions_input_dimensions import DimensionsInputDimensions  # noqa: PLC0415

        d = dict(src_dict)
        dimensions = DimensionsInputDimensions.from_dict(d.pop("dimensions"))

        dimensions_input = cls(
            dimensions=dimensions,
        )

        return dimensions_input
