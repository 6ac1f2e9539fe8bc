from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.nomination_status import NominationStatus

T = TypeVar("T", bound="Nomination")


@_attrs_define
class Nomination:
    """
    Attributes:
        at (datetime.datetime):
        decided_at (datetime.datetime | None):
        id (UUID):
        member_id (UUID):
        nominated_by (UUID):
        status (NominationStatus):
    """

    at: datetime.datetime
    decided_at: datetime.datetime | None
    id: UUID
    member_id: UUID
    nominated_by: UUID
    status: NominationStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        id = str(self.id)

        member_id = str(self.member_id)

        nominated_by = str(self.nominated_by)

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "decided_at": decided_at,
                "id": id,
                "member_id": member_id,
                "nominated_by": nominated_by,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        id = UUID(d.pop("id"))

        member_id = UUID(d.pop("member_id"))

        nominated_by = UUID(d.pop("nominated_by"))

        status = NominationStatus(d.pop("status"))

        nomination = cls(
            at=at,
            decided_at=decided_at,
            id=id,
            member_id=member_id,
            nominated_by=nominated_by,
            status=status,
        )

        nomination.additional_properties = d
        return nomination

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
