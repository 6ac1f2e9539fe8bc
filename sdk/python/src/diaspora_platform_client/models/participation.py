from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.leader_participation import LeaderParticipation


T = TypeVar("T", bound="Participation")


@_attrs_define
class Participation:
    """For each accepted youth leader, the sessions they attended.

    Attributes:
        cohort_id (UUID):
        leaders (list[LeaderParticipation]):
    """

    cohort_id: UUID
    leaders: list[LeaderParticipation]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cohort_id = str(self.cohort_id)

        leaders = []
        for leaders_item_data in self.leaders:
            leaders_item = leaders_item_data.to_dict()
            leaders.append(leaders_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cohort_id": cohort_id,
                "leaders": leaders,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.leader_participation import LeaderParticipation  # noqa: PLC0415

        d = dict(src_dict)
        cohort_id = UUID(d.pop("cohort_id"))

        leaders = []
        _leaders = d.pop("leaders")
        for leaders_item_data in _leaders:
            leaders_item = LeaderParticipation.from_dict(leaders_item_data)

            leaders.append(leaders_item)

        participation = cls(
            cohort_id=cohort_id,
            leaders=leaders,
        )

        participation.additional_properties = d
        return participation

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
