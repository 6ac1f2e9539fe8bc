from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status

if TYPE_CHECKING:
    from ..models.progress_report import ProgressReport


T = TypeVar("T", bound="Indicator")


@_attrs_define
class Indicator:
    """
    Attributes:
        baseline (str):
        current (str): the latest reported value (the baseline before any)
        due_on (datetime.date):
        id (UUID):
        name (str):
        reports (list[ProgressReport]):
        status (Status):
        target (str):
        unit (str):
    """

    baseline: str
    current: str
    due_on: datetime.date
    id: UUID
    name: str
    reports: list[ProgressReport]
    status: Status
    target: str
    unit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        baseline = self.baseline

        current = self.current

        due_on = self.due_on.isoformat()

        id = str(self.id)

        name = self.name

        reports = []
        for reports_item_data in self.reports:
            reports_item = reports_item_data.to_dict()
            reports.append(reports_item)

        status = self.status.value

        target = self.target

        unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "baseline": baseline,
                "current": current,
                "due_on": due_on,
                "id": id,
                "name": name,
                "reports": reports,
                "status": status,
                "target": target,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.progress_report import ProgressReport  # noqa: PLC0415

        d = dict(src_dict)
        baseline = d.pop("baseline")

        current = d.pop("current")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        id = UUID(d.pop("id"))

        name = d.pop("name")

        reports = []
        _reports = d.pop("reports")
        for reports_item_data in _reports:
            reports_item = ProgressReport.from_dict(reports_item_data)

            reports.append(reports_item)

        status = Status(d.pop("status"))

        target = d.pop("target")

        unit = d.pop("unit")

        indicator = cls(
            baseline=baseline,
            current=current,
            due_on=due_on,
            id=id,
            name=name,
            reports=reports,
            status=status,
            target=target,
            unit=unit,
        )

        indicator.additional_properties = d
        return indicator

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
