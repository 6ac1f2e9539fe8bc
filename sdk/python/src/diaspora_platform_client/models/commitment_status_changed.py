from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CommitmentStatusChanged")


@_attrs_define
class CommitmentStatusChanged:
    """The computed status moved; when it turns late or at risk, the pledging member's
    representatives are told.

        Attributes:
            alliance_id (UUID):
            as_of (datetime.date):
            commitment_id (UUID):
            member_id (UUID):
            pillar (str):
            to_status (str): on_track | at_risk | late | achieved
            from_status (None | str | Unset):
            title (None | str | Unset):
    """

    alliance_id: UUID
    as_of: datetime.date
    commitment_id: UUID
    member_id: UUID
    pillar: str
    to_status: str
    from_status: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        as_of = self.as_of.isoformat()

        commitment_id = str(self.commitment_id)

        member_id = str(self.member_id)

        pillar = self.pillar

        to_status = self.to_status

        from_status: None | str | Unset
        if isinstance(self.from_status, Unset):
            from_status = UNSET
        else:
            from_status = self.from_status

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "as_of": as_of,
                "commitment_id": commitment_id,
                "member_id": member_id,
                "pillar": pillar,
                "to_status": to_status,
            }
        )
        if from_status is not UNSET:
            field_dict["from_status"] = from_status
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        commitment_id = UUID(d.pop("commitment_id"))

        member_id = UUID(d.pop("member_id"))

        pillar = d.pop("pillar")

        to_status = d.pop("to_status")

        def _parse_from_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_status = _parse_from_status(d.pop("from_status", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        commitment_status_changed = cls(
            alliance_id=alliance_id,
            as_of=as_of,
            commitment_id=commitment_id,
            member_id=member_id,
            pillar=pillar,
            to_status=to_status,
            from_status=from_status,
            title=title,
        )

        commitment_status_changed.additional_properties = d
        return commitment_status_changed

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
