from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.nomination import Nomination


T = TypeVar("T", bound="Cohort")


@_attrs_define
class Cohort:
    """
    Attributes:
        alliance_id (UUID):
        id (UUID):
        name (str):
        nominations (list[Nomination]):
        version (int): incremented on every change
        year (int):
    """

    alliance_id: UUID
    id: UUID
    name: str
    nominations: list[Nomination]
    version: int
    year: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        id = str(self.id)

        name = self.name

        nominations = []
        for nominations_item_data in self.nominations:
            nominations_item = nominations_item_data.to_dict()
            nominations.append(nominations_item)

        version = self.version

        year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "id": id,
                "name": name,
                "nominations": nominations,
                "version": version,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nomination import Nomination  # noqa: PLC0415

        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        id = UUID(d.pop("id"))

        name = d.pop("name")

        nominations = []
        _nominations = d.pop("nominations")
        for nominations_item_data in _nominations:
            nominations_item = Nomination.from_dict(nominations_item_data)

            nominations.append(nominations_item)

        version = d.pop("version")

        year = d.pop("year")

        cohort = cls(
            alliance_id=alliance_id,
            id=id,
            name=name,
            nominations=nominations,
            version=version,
            year=year,
        )

        cohort.additional_properties = d
        return cohort

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
