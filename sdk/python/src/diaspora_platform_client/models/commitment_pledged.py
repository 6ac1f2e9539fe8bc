from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CommitmentPledged")


@_attrs_define
class CommitmentPledged:
    """
    Attributes:
        alliance_id (UUID):
        commitment_id (UUID):
        indicators (int):
        member_id (UUID):
        pillar (str):
        pledged_at (datetime.datetime):
        title (str):
        recommendation_ids (list[UUID] | Unset):
        theme (None | str | Unset):
    """

    alliance_id: UUID
    commitment_id: UUID
    indicators: int
    member_id: UUID
    pillar: str
    pledged_at: datetime.datetime
    title: str
    recommendation_ids: list[UUID] | Unset = UNSET
    theme: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        commitment_id = str(self.commitment_id)

        indicators = self.indicators

        member_id = str(self.member_id)

        pillar = self.pillar

        pledged_at = self.pledged_at.isoformat()

        title = self.title

        recommendation_ids: list[str] | Unset = UNSET
        if not isinstance(self.recommendation_ids, Unset):
            recommendation_ids = []
            for recommendation_ids_item_data in self.recommendation_ids:
                recommendation_ids_item = str(recommendation_ids_item_data)
                recommendation_ids.append(recommendation_ids_item)

        theme: None | str | Unset
        if isinstance(self.theme, Unset):
            theme = UNSET
        else:
            theme = self.theme

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "commitment_id": commitment_id,
                "indicators": indicators,
                "member_id": member_id,
                "pillar": pillar,
                "pledged_at": pledged_at,
                "title": title,
            }
        )
        if recommendation_ids is not UNSET:
            field_dict["recommendation_ids"] = recommendation_ids
        if theme is not UNSET:
            field_dict["theme"] = theme

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        commitment_id = UUID(d.pop("commitment_id"))

        indicators = d.pop("indicators")

        member_id = UUID(d.pop("member_id"))

        pillar = d.pop("pillar")

        pledged_at = datetime.datetime.fromisoformat(d.pop("pledged_at"))

        title = d.pop("title")

        _recommendation_ids = d.pop("recommendation_ids", UNSET)
        recommendation_ids: list[UUID] | Unset = UNSET
        if _recommendation_ids is not UNSET:
            recommendation_ids = []
            for recommendation_ids_item_data in _recommendation_ids:
                recommendation_ids_item = UUID(recommendation_ids_item_data)

                recommendation_ids.append(recommendation_ids_item)

        def _parse_theme(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        theme = _parse_theme(d.pop("theme", UNSET))

        commitment_pledged = cls(
            alliance_id=alliance_id,
            commitment_id=commitment_id,
            indicators=indicators,
            member_id=member_id,
            pillar=pillar,
            pledged_at=pledged_at,
            title=title,
            recommendation_ids=recommendation_ids,
            theme=theme,
        )

        commitment_pledged.additional_properties = d
        return commitment_pledged

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
