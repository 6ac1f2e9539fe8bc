from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.membership_review_in_decision import MembershipReviewInDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="MembershipReviewIn")


@_attrs_define
class MembershipReviewIn:
    """
    Attributes:
        decision (MembershipReviewInDecision):
        reason (str | Unset):  Default: ''.
        term_ends_on (datetime.date | None | Unset):
        term_starts_on (datetime.date | None | Unset):
    """

    decision: MembershipReviewInDecision
    reason: str | Unset = ""
    term_ends_on: datetime.date | None | Unset = UNSET
    term_starts_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        reason = self.reason

        term_ends_on: None | str | Unset
        if isinstance(self.term_ends_on, Unset):
            term_ends_on = UNSET
        elif isinstance(self.term_ends_on, datetime.date):
            term_ends_on = self.term_ends_on.isoformat()
        else:
            term_ends_on = self.term_ends_on

        term_starts_on: None | str | Unset
        if isinstance(self.term_starts_on, Unset):
            term_starts_on = UNSET
        elif isinstance(self.term_starts_on, datetime.date):
            term_starts_on = self.term_starts_on.isoformat()
        else:
            term_starts_on = self.term_starts_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decision": decision,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if term_ends_on is not UNSET:
            field_dict["term_ends_on"] = term_ends_on
        if term_starts_on is not UNSET:
            field_dict["term_starts_on"] = term_starts_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = MembershipReviewInDecision(d.pop("decision"))

        reason = d.pop("reason", UNSET)

        def _parse_term_ends_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                term_ends_on_type_0 = datetime.date.fromisoformat(data)

                return term_ends_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        term_ends_on = _parse_term_ends_on(d.pop("term_ends_on", UNSET))

        def _parse_term_starts_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                term_starts_on_type_0 = datetime.date.fromisoformat(data)

                return term_starts_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        term_starts_on = _parse_term_starts_on(d.pop("term_starts_on", UNSET))

        membership_review_in = cls(
            decision=decision,
            reason=reason,
            term_ends_on=term_ends_on,
            term_starts_on=term_starts_on,
        )

        membership_review_in.additional_properties = d
        return membership_review_in

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
