from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status

if TYPE_CHECKING:
    from ..models.indicator import Indicator


T = TypeVar("T", bound="Commitment")


@_attrs_define
class Commitment:
    """
    Attributes:
        alliance_id (UUID):
        description (str):
        id (UUID):
        indicators (list[Indicator]):
        member_id (UUID):
        pillar (str):
        pledged_on (datetime.date):
        recommendation_ids (list[UUID]):
        status (Status):
        theme (None | str):
        title (str):
        version (int): incremented on every change
    """

    alliance_id: UUID
    description: str
    id: UUID
    indicators: list[Indicator]
    member_id: UUID
    pillar: str
    pledged_on: datetime.date
    recommendation_ids: list[UUID]
    status: Status
    theme: None | str
    title: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        description = self.description

        id = str(self.id)

        indicators = []
        for indicators_item_data in self.indicators:
            indicators_item = indicators_item_data.to_dict()
            indicators.append(indicators_item)

        member_id = str(self.member_id)

        pillar = self.pillar

        pledged_on = self.pledged_on.isoformat()

        recommendation_ids = []
        for recommendation_ids_item_data in self.recommendation_ids:
            recommendation_ids_item = str(recommendation_ids_item_data)
            recommendation_ids.append(recommendation_ids_item)

        status = self.status.value

        theme: None | str
        theme = self.theme

        title = self.title

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "description": description,
                "id": id,
                "indicators": indicators,
                "member_id": member_id,
                "pillar": pillar,
                "pledged_on": pledged_on,
                "recommendation_ids": recommendation_ids,
                "status": status,
                "theme": theme,
                "title": title,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.indicator import Indicator  # noqa: PLC0415

        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        description = d.pop("description")

        id = UUID(d.pop("id"))

        indicators = []
        _indicators = d.pop("indicators")
        for indicators_item_data in _indicators:
            indicators_item = Indicator.from_dict(indicators_item_data)

            indicators.append(indicators_item)

        member_id = UUID(d.pop("member_id"))

        pillar = d.pop("pillar")

        pledged_on = datetime.date.fromisoformat(d.pop("pledged_on"))

        recommendation_ids = []
        _recommendation_ids = d.pop("recommendation_ids")
        for recommendation_ids_item_data in _recommendation_ids:
            recommendation_ids_item = UUID(recommendation_ids_item_data)

            recommendation_ids.append(recommendation_ids_item)

        status = Status(d.pop("status"))

        def _parse_theme(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        theme = _parse_theme(d.pop("theme"))

        title = d.pop("title")

        version = d.pop("version")

        commitment = cls(
            alliance_id=alliance_id,
            description=description,
            id=id,
            indicators=indicators,
            member_id=member_id,
            pillar=pillar,
            pledged_on=pledged_on,
            recommendation_ids=recommendation_ids,
            status=status,
            theme=theme,
            title=title,
            version=version,
        )

        commitment.additional_properties = d
        return commitment

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
