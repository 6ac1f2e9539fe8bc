from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.choice import Choice
from ..types import UNSET, Unset

T = TypeVar("T", bound="Ballot")


@_attrs_define
class Ballot:
    """
    Attributes:
        choice (Choice):
        cast_at (datetime.datetime | None | Unset): shown to the secretariat only
        cast_by (None | Unset | UUID): shown to the secretariat only
    """

    choice: Choice
    cast_at: datetime.datetime | None | Unset = UNSET
    cast_by: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        choice = self.choice.value

        cast_at: None | str | Unset
        if isinstance(self.cast_at, Unset):
            cast_at = UNSET
        elif isinstance(self.cast_at, datetime.datetime):
            cast_at = self.cast_at.isoformat()
        else:
            cast_at = self.cast_at

        cast_by: None | str | Unset
        if isinstance(self.cast_by, Unset):
            cast_by = UNSET
        elif isinstance(self.cast_by, UUID):
            cast_by = str(self.cast_by)
        else:
            cast_by = self.cast_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "choice": choice,
            }
        )
        if cast_at is not UNSET:
            field_dict["cast_at"] = cast_at
        if cast_by is not UNSET:
            field_dict["cast_by"] = cast_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        choice = Choice(d.pop("choice"))

        def _parse_cast_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cast_at_type_0 = datetime.datetime.fromisoformat(data)

                return cast_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        cast_at = _parse_cast_at(d.pop("cast_at", UNSET))

        def _parse_cast_by(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cast_by_type_0 = UUID(data)

                return cast_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        cast_by = _parse_cast_by(d.pop("cast_by", UNSET))

        ballot = cls(
            choice=choice,
            cast_at=cast_at,
            cast_by=cast_by,
        )

        ballot.additional_properties = d
        return ballot

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
