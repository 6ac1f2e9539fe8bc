from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VoteOpened")


@_attrs_define
class VoteOpened:
    """Ballots are taken; the representatives of the members seated on the body are told.

    Attributes:
        alliance_id (UUID):
        body_id (UUID):
        eligible (int):
        meeting_id (UUID):
        motion_id (UUID):
        opened_at (datetime.datetime):
        title (str):
        recommendation_id (None | Unset | UUID):
    """

    alliance_id: UUID
    body_id: UUID
    eligible: int
    meeting_id: UUID
    motion_id: UUID
    opened_at: datetime.datetime
    title: str
    recommendation_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_id = str(self.alliance_id)

        body_id = str(self.body_id)

        eligible = self.eligible

        meeting_id = str(self.meeting_id)

        motion_id = str(self.motion_id)

        opened_at = self.opened_at.isoformat()

        title = self.title

        recommendation_id: None | str | Unset
        if isinstance(self.recommendation_id, Unset):
            recommendation_id = UNSET
        elif isinstance(self.recommendation_id, UUID):
            recommendation_id = str(self.recommendation_id)
        else:
            recommendation_id = self.recommendation_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "body_id": body_id,
                "eligible": eligible,
                "meeting_id": meeting_id,
                "motion_id": motion_id,
                "opened_at": opened_at,
                "title": title,
            }
        )
        if recommendation_id is not UNSET:
            field_dict["recommendation_id"] = recommendation_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        body_id = UUID(d.pop("body_id"))

        eligible = d.pop("eligible")

        meeting_id = UUID(d.pop("meeting_id"))

        motion_id = UUID(d.pop("motion_id"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        title = d.pop("title")

        def _parse_recommendation_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recommendation_id_type_0 = UUID(data)

                return recommendation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        recommendation_id = _parse_recommendation_id(d.pop("recommendation_id", UNSET))

        vote_opened = cls(
            alliance_id=alliance_id,
            body_id=body_id,
            eligible=eligible,
            meeting_id=meeting_id,
            motion_id=motion_id,
            opened_at=opened_at,
            title=title,
            recommendation_id=recommendation_id,
        )

        vote_opened.additional_properties = d
        return vote_opened

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
