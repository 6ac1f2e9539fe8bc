from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rejected_submission_errors_type_0 import RejectedSubmissionErrorsType0


T = TypeVar("T", bound="RejectedSubmission")


@_attrs_define
class RejectedSubmission:
    """
    Attributes:
        reason (str):
        row (int | None): its place in the export
        errors (None | RejectedSubmissionErrorsType0 | Unset): question name -> why its answer was refused
        submission_id (None | str | Unset):
    """

    reason: str
    row: int | None
    errors: None | RejectedSubmissionErrorsType0 | Unset = UNSET
    submission_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.rejected_submission_errors_type_0 import (
            RejectedSubmissionErrorsType0,  # noqa: PLC0415
        )

        reason = self.reason

        row: int | None
        row = self.row

        errors: dict[str, Any] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, RejectedSubmissionErrorsType0):
            errors = self.errors.to_dict()
        else:
            errors = self.errors

        submission_id: None | str | Unset
        if isinstance(self.submission_id, Unset):
            submission_id = UNSET
        else:
            submission_id = self.submission_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
                "row": row,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if submission_id is not UNSET:
            field_dict["submission_id"] = submission_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rejected_submission_errors_type_0 import (
            RejectedSubmissionErrorsType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        reason = d.pop("reason")

        def _parse_row(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        row = _parse_row(d.pop("row"))

        def _parse_errors(data: object) -> None | RejectedSubmissionErrorsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                errors_type_0 = RejectedSubmissionErrorsType0.from_dict(data)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RejectedSubmissionErrorsType0 | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        def _parse_submission_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        submission_id = _parse_submission_id(d.pop("submission_id", UNSET))

        rejected_submission = cls(
            reason=reason,
            row=row,
            errors=errors,
            submission_id=submission_id,
        )

        rejected_submission.additional_properties = d
        return rejected_submission

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
