from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_kind import MemberKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApplicationIn")


@_attrs_define
class ApplicationIn:
    """
    Attributes:
        alliance_id (UUID):
        kind (MemberKind):
        name (str):
        country (None | str | Unset):
        motivation (str | Unset):  Default: ''.
    """

    alliance_id: UUID
    kind: MemberKind
    name: str
    country: None | str | Unset = UNSET
    motivation: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        kind = self.kind.value

        name = self.name

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        motivation = self.motivation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "kind": kind,
                "name": name,
            }
        )
        if country is not UNSET:
            field_dict["country"] = country
        if motivation is not UNSET:
            field_dict["motivation"] = motivation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        kind = MemberKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        motivation = d.pop("motivation", UNSET)

        application_in = cls(
            alliance_id=alliance_id,
            kind=kind,
            name=name,
            country=country,
            motivation=motivation,
        )

        application_in.additional_properties = d
        return application_in

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
