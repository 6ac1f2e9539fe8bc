from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.commitment_dashboard_by import CommitmentDashboardBy

if TYPE_CHECKING:
    from ..models.dashboard_row import DashboardRow


T = TypeVar("T", bound="CommitmentDashboard")


@_attrs_define
class CommitmentDashboard:
    """
    Attributes:
        as_of (datetime.date):
        by (CommitmentDashboardBy):
        rows (list[DashboardRow]):
    """

    as_of: datetime.date
    by: CommitmentDashboardBy
    rows: list[DashboardRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        by = self.by.value

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "by": by,
                "rows": rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dashboard_row import DashboardRow  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        by = CommitmentDashboardBy(d.pop("by"))

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = DashboardRow.from_dict(rows_item_data)

            rows.append(rows_item)

        commitment_dashboard = cls(
            as_of=as_of,
            by=by,
            rows=rows,
        )

        commitment_dashboard.additional_properties = d
        return commitment_dashboard

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
