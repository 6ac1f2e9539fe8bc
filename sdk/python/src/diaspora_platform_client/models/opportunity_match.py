from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.opportunity_out import OpportunityOut
    from ..models.reason_out import ReasonOut


T = TypeVar("T", bound="OpportunityMatch")


@_attrs_define
class OpportunityMatch:
    """
    Attributes:
        opportunity (OpportunityOut):
        reasons (list[ReasonOut]):
        score (float):
    """

    opportunity: OpportunityOut
    reasons: list[ReasonOut]
    score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        opportunity = self.opportunity.to_dict()

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "opportunity": opportunity,
                "reasons": reasons,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.opportunity_out import OpportunityOut  # noqa: PLC0415
        from ..models.reason_out import ReasonOut  # noqa: PLC0415

        d = dict(src_dict)
        opportunity = OpportunityOut.from_dict(d.pop("opportunity"))

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = ReasonOut.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        score = d.pop("score")

        opportunity_match = cls(
            opportunity=opportunity,
            reasons=reasons,
            score=score,
        )

        opportunity_match.additional_properties = d
        return opportunity_match

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
