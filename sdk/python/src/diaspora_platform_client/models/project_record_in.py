from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectRecordIn")


@_attrs_define
class ProjectRecordIn:
    """
    Attributes:
        beneficiary_member_states (list[str] | Unset):
        budget_amount (float | None | str | Unset):
        budget_currency (None | str | Unset):
        coverage (None | str | Unset):
        end_year (int | None | Unset):
        programme_id (None | str | Unset):
        project_id (None | str | Unset):
        project_type (None | str | Unset):
        region (None | str | Unset):
        start_year (int | None | Unset):
        status (None | str | Unset):
        year (int | None | Unset):
    """

    beneficiary_member_states: list[str] | Unset = UNSET
    budget_amount: float | None | str | Unset = UNSET
    budget_currency: None | str | Unset = UNSET
    coverage: None | str | Unset = UNSET
    end_year: int | None | Unset = UNSET
    programme_id: None | str | Unset = UNSET
    project_id: None | str | Unset = UNSET
    project_type: None | str | Unset = UNSET
    region: None | str | Unset = UNSET
    start_year: int | None | Unset = UNSET
    status: None | str | Unset = UNSET
    year: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        beneficiary_member_states: list[str] | Unset = UNSET
        if not isinstance(self.beneficiary_member_states, Unset):
            beneficiary_member_states = self.beneficiary_member_states

        budget_amount: float | None | str | Unset
        if isinstance(self.budget_amount, Unset):
            budget_amount = UNSET
        else:
            budget_amount = self.budget_amount

        budget_currency: None | str | Unset
        if isinstance(self.budget_currency, Unset):
            budget_currency = UNSET
        else:
            budget_currency = self.budget_currency

        coverage: None | str | Unset
        if isinstance(self.coverage, Unset):
            coverage = UNSET
        else:
            coverage = self.coverage

        end_year: int | None | Unset
        if isinstance(self.end_year, Unset):
            end_year = UNSET
        else:
            end_year = self.end_year

        programme_id: None | str | Unset
        if isinstance(self.programme_id, Unset):
            programme_id = UNSET
        else:
            programme_id = self.programme_id

        project_id: None | str | Unset
        if isinstance(self.project_id, Unset):
            project_id = UNSET
        else:
            project_id = self.project_id

        project_type: None | str | Unset
        if isinstance(self.project_type, Unset):
            project_type = UNSET
        else:
            project_type = self.project_type

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        start_year: int | None | Unset
        if isinstance(self.start_year, Unset):
            start_year = UNSET
        else:
            start_year = self.start_year

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        year: int | None | Unset
        if isinstance(self.year, Unset):
            year = UNSET
        else:
            year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if beneficiary_member_states is not UNSET:
            field_dict["beneficiary_member_states"] = beneficiary_member_states
        if budget_amount is not UNSET:
            field_dict["budget_amount"] = budget_amount
        if budget_currency is not UNSET:
            field_dict["budget_currency"] = budget_currency
        if coverage is not UNSET:
            field_dict["coverage"] = coverage
        if end_year is not UNSET:
            field_dict["end_year"] = end_year
        if programme_id is not UNSET:
            field_dict["programme_id"] = programme_id
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if project_type is not UNSET:
            field_dict["project_type"] = project_type
        if region is not UNSET:
            field_dict["region"] = region
        if start_year is not UNSET:
            field_dict["start_year"] = start_year
        if status is not UNSET:
            field_dict["status"] = status
        if year is not UNSET:
            field_dict["year"] = year

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        beneficiary_member_states = cast(
            list[str], d.pop("beneficiary_member_states", UNSET)
        )

        def _parse_budget_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        budget_amount = _parse_budget_amount(d.pop("budget_amount", UNSET))

        def _parse_budget_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        budget_currency = _parse_budget_currency(d.pop("budget_currency", UNSET))

        def _parse_coverage(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        coverage = _parse_coverage(d.pop("coverage", UNSET))

        def _parse_end_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        end_year = _parse_end_year(d.pop("end_year", UNSET))

        def _parse_programme_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        programme_id = _parse_programme_id(d.pop("programme_id", UNSET))

        def _parse_project_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        project_id = _parse_project_id(d.pop("project_id", UNSET))

        def _parse_project_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        project_type = _parse_project_type(d.pop("project_type", UNSET))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        def _parse_start_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        start_year = _parse_start_year(d.pop("start_year", UNSET))

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        year = _parse_year(d.pop("year", UNSET))

        project_record_in = cls(
            beneficiary_member_states=beneficiary_member_states,
            budget_amount=budget_amount,
            budget_currency=budget_currency,
            coverage=coverage,
            end_year=end_year,
            programme_id=programme_id,
            project_id=project_id,
            project_type=project_type,
            region=region,
            start_year=start_year,
            status=status,
            year=year,
        )

        project_record_in.additional_properties = d
        return project_record_in

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
