from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RecommendationMoved")


@_attrs_define
class RecommendationMoved:
    """A step of the pipeline: drafted, adopted, reviewed, endorsed, published, returned.
    When it is published, the representatives of the alliance's active members are told.

        Attributes:
            action (str):
            alliance_id (UUID):
            occurred_at (datetime.datetime):
            recommendation_id (UUID):
            theme (str):
            title (str):
            to_stage (str):
            working_group_id (UUID):
            body_id (None | Unset | UUID):
            from_stage (None | str | Unset):
            motion_id (None | Unset | UUID):
            reason (None | str | Unset): why it was returned
            sector (None | str | Unset):
    """

    action: str
    alliance_id: UUID
    occurred_at: datetime.datetime
    recommendation_id: UUID
    theme: str
    title: str
    to_stage: str
    working_group_id: UUID
    body_id: None | Unset | UUID = UNSET
    from_stage: None | str | Unset = UNSET
    motion_id: None | Unset | UUID = UNSET
    reason: None | str | Unset = UNSET
    sector: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        alliance_id = str(self.alliance_id)

        occurred_at = self.occurred_at.isoformat()

        recommendation_id = str(self.recommendation_id)

        theme = self.theme

        title = self.title

        to_stage = self.to_stage

        working_group_id = str(self.working_group_id)

        body_id: None | str | Unset
        if isinstance(self.body_id, Unset):
            body_id = UNSET
        elif isinstance(self.body_id, UUID):
            body_id = str(self.body_id)
        else:
            body_id = self.body_id

        from_stage: None | str | Unset
        if isinstance(self.from_stage, Unset):
            from_stage = UNSET
        else:
            from_stage = self.from_stage

        motion_id: None | str | Unset
        if isinstance(self.motion_id, Unset):
            motion_id = UNSET
        elif isinstance(self.motion_id, UUID):
            motion_id = str(self.motion_id)
        else:
            motion_id = self.motion_id

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        sector: None | str | Unset
        if isinstance(self.sector, Unset):
            sector = UNSET
        else:
            sector = self.sector

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "alliance_id": alliance_id,
                "occurred_at": occurred_at,
                "recommendation_id": recommendation_id,
                "theme": theme,
                "title": title,
                "to_stage": to_stage,
                "working_group_id": working_group_id,
            }
        )
        if body_id is not UNSET:
            field_dict["body_id"] = body_id
        if from_stage is not UNSET:
            field_dict["from_stage"] = from_stage
        if motion_id is not UNSET:
            field_dict["motion_id"] = motion_id
        if reason is not UNSET:
            field_dict["reason"] = reason
        if sector is not UNSET:
            field_dict["sector"] = sector

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        alliance_id = UUID(d.pop("alliance_id"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        recommendation_id = UUID(d.pop("recommendation_id"))

        theme = d.pop("theme")

        title = d.pop("title")

        to_stage = d.pop("to_stage")

        working_group_id = UUID(d.pop("working_group_id"))

        def _parse_body_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                body_id_type_0 = UUID(data)

                return body_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        body_id = _parse_body_id(d.pop("body_id", UNSET))

        def _parse_from_stage(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_stage = _parse_from_stage(d.pop("from_stage", UNSET))

        def _parse_motion_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                motion_id_type_0 = UUID(data)

                return motion_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        motion_id = _parse_motion_id(d.pop("motion_id", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_sector(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sector = _parse_sector(d.pop("sector", UNSET))

        recommendation_moved = cls(
            action=action,
            alliance_id=alliance_id,
            occurred_at=occurred_at,
            recommendation_id=recommendation_id,
            theme=theme,
            title=title,
            to_stage=to_stage,
            working_group_id=working_group_id,
            body_id=body_id,
            from_stage=from_stage,
            motion_id=motion_id,
            reason=reason,
            sector=sector,
        )

        recommendation_moved.additional_properties = d
        return recommendation_moved

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
