from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage import Stage
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReturnIn")


@_attrs_define
class ReturnIn:
    """
    Attributes:
        reason (str):
        body_id (None | Unset | UUID): the returning body (omit: secretariat)
        to_stage (None | Stage | Unset): default: the previous stage
    """

    reason: str
    body_id: None | Unset | UUID = UNSET
    to_stage: None | Stage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        body_id: None | str | Unset
        if isinstance(self.body_id, Unset):
            body_id = UNSET
        elif isinstance(self.body_id, UUID):
            body_id = str(self.body_id)
        else:
            body_id = self.body_id

        to_stage: None | str | Unset
        if isinstance(self.to_stage, Unset):
            to_stage = UNSET
        elif isinstance(self.to_stage, Stage):
            to_stage = self.to_stage.value
        else:
            to_stage = self.to_stage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
            }
        )
        if body_id is not UNSET:
            field_dict["body_id"] = body_id
        if to_stage is not UNSET:
            field_dict["to_stage"] = to_stage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

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

        def _parse_to_stage(data: object) -> None | Stage | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                to_stage_type_0 = Stage(data)

                return to_stage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Stage | Unset, data)

        to_stage = _parse_to_stage(d.pop("to_stage", UNSET))

        return_in = cls(
            reason=reason,
            body_id=body_id,
            to_stage=to_stage,
        )

        return_in.additional_properties = d
        return return_in

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
