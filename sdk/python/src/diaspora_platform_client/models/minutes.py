from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.minutes_status import MinutesStatus

T = TypeVar("T", bound="Minutes")


@_attrs_define
class Minutes:
    """
    Attributes:
        approved_at (datetime.datetime | None):
        approved_by (None | UUID):
        drafted_at (datetime.datetime):
        drafted_by (UUID):
        status (MinutesStatus):
        text (str):
    """

    approved_at: datetime.datetime | None
    approved_by: None | UUID
    drafted_at: datetime.datetime
    drafted_by: UUID
    status: MinutesStatus
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        approved_by: None | str
        if isinstance(self.approved_by, UUID):
            approved_by = str(self.approved_by)
        else:
            approved_by = self.approved_by

        drafted_at = self.drafted_at.isoformat()

        drafted_by = str(self.drafted_by)

        status = self.status.value

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approved_at": approved_at,
                "approved_by": approved_by,
                "drafted_at": drafted_at,
                "drafted_by": drafted_by,
                "status": status,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)

                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))

        def _parse_approved_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_by_type_0 = UUID(data)

                return approved_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        approved_by = _parse_approved_by(d.pop("approved_by"))

        drafted_at = datetime.datetime.fromisoformat(d.pop("drafted_at"))

        drafted_by = UUID(d.pop("drafted_by"))

        status = MinutesStatus(d.pop("status"))

        text = d.pop("text")

        minutes = cls(
            approved_at=approved_at,
            approved_by=approved_by,
            drafted_at=drafted_at,
            drafted_by=drafted_by,
            status=status,
            text=text,
        )

        minutes.additional_properties = d
        return minutes

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
