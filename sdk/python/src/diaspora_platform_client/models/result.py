from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.outcome import Outcome

T = TypeVar("T", bound="Result")


@_attrs_define
class Result:
    """
    Attributes:
        abstain (int):
        eligible (int):
        no (int):
        outcome (Outcome):
        present (int):
        quorum_met (bool):
        quorum_required (int):
        yes (int):
    """

    abstain: int
    eligible: int
    no: int
    outcome: Outcome
    present: int
    quorum_met: bool
    quorum_required: int
    yes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        abstain = self.abstain

        eligible = self.eligible

        no = self.no

        outcome = self.outcome.value

        present = self.present

        quorum_met = self.quorum_met

        quorum_required = self.quorum_required

        yes = self.yes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "abstain": abstain,
                "eligible": eligible,
                "no": no,
                "outcome": outcome,
                "present": present,
                "quorum_met": quorum_met,
                "quorum_required": quorum_required,
                "yes": yes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        abstain = d.pop("abstain")

        eligible = d.pop("eligible")

        no = d.pop("no")

        outcome = Outcome(d.pop("outcome"))

        present = d.pop("present")

        quorum_met = d.pop("quorum_met")

        quorum_required = d.pop("quorum_required")

        yes = d.pop("yes")

        result = cls(
            abstain=abstain,
            eligible=eligible,
            no=no,
            outcome=outcome,
            present=present,
            quorum_met=quorum_met,
            quorum_required=quorum_required,
            yes=yes,
        )

        result.additional_properties = d
        return result

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
