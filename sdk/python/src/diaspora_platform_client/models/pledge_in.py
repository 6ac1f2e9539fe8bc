from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.indicator_in import IndicatorIn


T = TypeVar("T", bound="PledgeIn")


@_attrs_define
class PledgeIn:
    """
    Attributes:
        indicators (list[IndicatorIn]):
        member_id (UUID):
        pillar (str):
        title (str):
        description (str | Unset):  Default: ''.
        recommendation_ids (list[UUID] | Unset):
        theme (None | str | Unset):
    """

    indicators: list[IndicatorIn]
    member_id: UUID
    pillar: str
    title: str
    description: str | Unset = ""
    recommendation_ids: list[UUID] | Unset = UNSET
    theme: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        indicators = []
        for indicators_item_data in self.indicators:
            indicators_item = indicators_item_data.to_dict()
            indicators.append(indicators_item)

        member_id = str(self.member_id)

        pillar = self.pillar

        title = self.title

        description = self.description

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
                "indicators": indicators,
                "member_id": member_id,
                "pillar": pillar,
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if recommendation_ids is not UNSET:
            field_dict["recommendation_ids"] = recommendation_ids
        if theme is not UNSET:
            field_dict["theme"] = theme

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.indicator_in import IndicatorIn  # noqa: PLC0415

        d = dict(src_dict)
        indicators = []
        _indicators = d.pop("indicators")
        for indicators_item_data in _indicators:
            indicators_item = IndicatorIn.from_dict(indicators_item_data)

            indicators.append(indicators_item)

        member_id = UUID(d.pop("member_id"))

        pillar = d.pop("pillar")

        title = d.pop("title")

        description = d.pop("description", UNSET)

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

        pledge_in = cls(
            indicators=indicators,
            member_id=member_id,
            pillar=pillar,
            title=title,
            description=description,
            recommendation_ids=recommendation_ids,
            theme=theme,
        )

        pledge_in.additional_properties = d
        return pledge_in

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
