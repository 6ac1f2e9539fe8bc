from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.search_item import SearchItem
    from ..models.search_results_facets import SearchResultsFacets


T = TypeVar("T", bound="SearchResults")


@_attrs_define
class SearchResults:
    """
    Attributes:
        facets (SearchResultsFacets):
        items (list[SearchItem]):
        next_cursor (None | str):
        facets_approximate (bool | Unset): always false: facet counts cover every hit (kept for clients that read it)
            Default: False.
    """

    facets: SearchResultsFacets
    items: list[SearchItem]
    next_cursor: None | str
    facets_approximate: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        facets = self.facets.to_dict()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        facets_approximate = self.facets_approximate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "facets": facets,
                "items": items,
                "next_cursor": next_cursor,
            }
        )
        if facets_approximate is not UNSET:
            field_dict["facets_approximate"] = facets_approximate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.search_item import SearchItem  # noqa: PLC0415
        from ..models.search_results_facets import SearchResultsFacets  # noqa: PLC0415

        d = dict(src_dict)
        facets = SearchResultsFacets.from_dict(d.pop("facets"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = SearchItem.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        facets_approximate = d.pop("facets_approximate", UNSET)

        search_results = cls(
            facets=facets,
            items=items,
            next_cursor=next_cursor,
            facets_approximate=facets_approximate,
        )

        search_results.additional_properties = d
        return search_results

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
