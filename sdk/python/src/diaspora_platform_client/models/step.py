from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage import Stage
from ..types import UNSET, Unset

T = TypeVar("T", bound="Step")


@_attrs_define
class Step:
    """One line of the audit trail: what was done, when, and why.

    Attributes:
        action (str):
        at (datetime.datetime):
        body_id (None | UUID):
        from_stage (None | Stage):
        motion_id (None | UUID):
        note (None | str):
        to_stage (Stage):
        by (None | Unset | UUID): shown to the secretariat only
    """

    action: str
    at: datetime.datetime
    body_id: None | UUID
    from_stage: None | Stage
    motion_id: None | UUID
    note: None | str
    to_stage: Stage
    by: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        at = self.at.isoformat()

        body_id: None | str
        if isinstance(self.body_id, UUID):
            body_id = str(self.body_id)
        else:
            body_id = self.body_id

        from_stage: None | str
        if isinstance(self.from_stage, Stage):
            from_stage = self.from_stage.value
        else:
            from_stage = self.from_stage

        motion_id: None | str
        if isinstance(self.motion_id, UUID):
            motion_id = str(self.motion_id)
        else:
            motion_id = self.motion_id

        note: None | str
        note = self.note

        to_stage = self.to_stage.value

        by: None | str | Unset
        if isinstance(self.by, Unset):
            by = UNSET
        elif isinstance(self.by, UUID):
            by = str(self.by)
        else:
            by = self.by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "at": at,
                "body_id": body_id,
                "from_stage": from_stage,
                "motion_id": motion_id,
                "note": note,
                "to_stage": to_stage,
            }
        )
        if by is not UNSET:
            field_dict["by"] = by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_body_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                body_id_type_0 = UUID(data)

                return body_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        body_id = _parse_body_id(d.pop("body_id"))

        def _parse_from_stage(data: object) -> None | Stage:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_stage_type_0 = Stage(data)

                return from_stage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Stage, data)

        from_stage = _parse_from_stage(d.pop("from_stage"))

        def _parse_motion_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                motion_id_type_0 = UUID(data)

                return motion_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        motion_id = _parse_motion_id(d.pop("motion_id"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        to_stage = Stage(d.pop("to_stage"))

        def _parse_by(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                by_type_0 = UUID(data)

                return by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        by = _parse_by(d.pop("by", UNSET))

        step = cls(
            action=action,
            at=at,
            body_id=body_id,
            from_stage=from_stage,
            motion_id=motion_id,
            note=note,
            to_stage=to_stage,
            by=by,
        )

        step.additional_properties = d
        return step

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
