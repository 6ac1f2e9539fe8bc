from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.statistics_out_feeds import StatisticsOutFeeds
    from ..models.statistics_out_suggestions import StatisticsOutSuggestions


T = TypeVar("T", bound="StatisticsOut")


@_attrs_define
class StatisticsOut:
    """Which answers feed which statistic (``domain.mapping.statistics_map``).

    Attributes:
        dimensions_not_fed (list[str]):
        feeds (StatisticsOutFeeds):
        feeds_no_statistic (list[str]):
        suggestions (StatisticsOutSuggestions):
    """

    dimensions_not_fed: list[str]
    feeds: StatisticsOutFeeds
    feeds_no_statistic: list[str]
    suggestions: StatisticsOutSuggestions
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dimensions_not_fed = self.dimensions_not_fed

        feeds = self.feeds.to_dict()

        feeds_no_statistic = self.feeds_no_statistic

        suggestions = self.suggestions.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dimensions_not_fed": dimensions_not_fed,
                "feeds": feeds,
                "feeds_no_statistic": feeds_no_statistic,
                "suggestions": suggestions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.statistics_out_feeds import StatisticsOutFeeds  # noqa: PLC0415
        from ..models.statistics_out_suggestions import StatisticsOutSuggestions  # noqa: PLC0415

        d = dict(src_dict)
        dimensions_not_fed = cast(list[str], d.pop("dimensions_not_fed"))

        feeds = StatisticsOutFeeds.from_dict(d.pop("feeds"))

        feeds_no_statistic = cast(list[str], d.pop("feeds_no_statistic"))

        suggestions = StatisticsOutSuggestions.from_dict(d.pop("suggestions"))

        statistics_out = cls(
            dimensions_not_fed=dimensions_not_fed,
            feeds=feeds,
            feeds_no_statistic=feeds_no_statistic,
            suggestions=suggestions,
        )

        statistics_out.additional_properties = d
        return statistics_out

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
