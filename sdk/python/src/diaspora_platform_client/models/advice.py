from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.advice_position import AdvicePosition
from ..types import UNSET, Unset

T = TypeVar("T", bound="Advice")


@_attrs_define
class Advice:
    """
    Attributes:
        body_id (UUID):
        given_at (datetime.datetime):
        position (AdvicePosition):
        text (str):
        given_by (None | Unset | UUID): shown to the secretariat only
    """

    body_id: UUID
    given_at: datetime.datetime
    position: AdvicePosition
    text: str
    given_by: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body_id = str(self.body_id)

        given_at = self.given_at.isoformat()

        position = self.position.value

        text = self.text

        given_by: None | str | Unset
        if isinstance(self.given_by, Unset):
            given_by = UNSET
        elif isinstance(self.given_by, UUID):
            given_by = str(self.given_by)
        else:
            given_by = self.given_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body_id": body_id,
                "given_at": given_at,
                "position": position,
                "text": text,
            }
        )
        if given_by is not UNSET:
            field_dict["given_by"] = given_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body_id = UUID(d.pop("body_id"))

        given_at = datetime.datetime.fromisoformat(d.pop("given_at"))

        position = AdvicePosition(d.pop("position"))

        text = d.pop("text")

        def _parse_given_by(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                given_by_type_0 = UUID(data)

                return given_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        given_by = _parse_given_by(d.pop("given_by", UNSET))

        advice = cls(
            body_id=body_id,
            given_at=given_at,
            position=position,
            text=text,
            given_by=given_by,
        )

        advice.additional_properties = d
        return advice

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
