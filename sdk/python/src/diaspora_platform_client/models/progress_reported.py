from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.commitment import Commitment
    from ..models.progress_report import ProgressReport


T = TypeVar("T", bound="ProgressReported")


@_attrs_define
class ProgressReported:
    """
    Attributes:
        commitment (Commitment):
        report (ProgressReport):
    """

    commitment: Commitment
    report: ProgressReport
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commitment = self.commitment.to_dict()

        report = self.report.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitment": commitment,
                "report": report,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.commitment import Commitment  # noqa: PLC0415
        from ..models.progress_report import ProgressReport  # noqa: PLC0415

        d = dict(src_dict)
        commitment = Commitment.from_dict(d.pop("commitment"))

        report = ProgressReport.from_dict(d.pop("report"))

        progress_reported = cls(
            commitment=commitment,
            report=report,
        )

        progress_reported.additional_properties = d
        return progress_reported

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
