from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.disclosure_out import DisclosureOut
    from ..models.gap_row_out import GapRowOut


T = TypeVar("T", bound="GapsOut")


@_attrs_define
class GapsOut:
    """
    Attributes:
        disclosure (DisclosureOut): How a table's numbers were protected (docs/privacy.md).
        rows (list[GapRowOut]):
    """

    disclosure: DisclosureOut
    rows: list[GapRowOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        disclosure = self.disclosure.to_dict()

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "disclosure": disclosure,
                "rows": rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.disclosure_out import DisclosureOut  # noqa: PLC0415
        from ..models.gap_row_out import GapRowOut  # noqa: PLC0415

        d = dict(src_dict)
        disclosure = DisclosureOut.from_dict(d.pop("disclosure"))

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = GapRowOut.from_dict(rows_item_data)

            rows.append(rows_item)

        gaps_out = cls(
            disclosure=disclosure,
            rows=rows,
        )

        gaps_out.additional_properties = d
        return gaps_out

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
