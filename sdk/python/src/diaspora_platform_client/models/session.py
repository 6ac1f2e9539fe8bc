from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.body_kind import BodyKind

T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """
    Attributes:
        body_id (UUID):
        body_kind (BodyKind | None):
        meeting_id (UUID):
        starts_at (datetime.datetime):
        title (str):
    """

    body_id: UUID
    body_kind: BodyKind | None
    meeting_id: UUID
    starts_at: datetime.datetime
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body_id = str(self.body_id)

        body_kind: None | str
        if isinstance(self.body_kind, BodyKind):
            body_kind = self.body_kind.value
        else:
            body_kind = self.body_kind

        meeting_id = str(self.meeting_id)

        starts_at = self.starts_at.isoformat()

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body_id": body_id,
                "body_kind": body_kind,
                "meeting_id": meeting_id,
                "starts_at": starts_at,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body_id = UUID(d.pop("body_id"))

        def _parse_body_kind(data: object) -> BodyKind | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                body_kind_type_0 = BodyKind(data)

                return body_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BodyKind | None, data)

        body_kind = _parse_body_kind(d.pop("body_kind"))

        meeting_id = UUID(d.pop("meeting_id"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        title = d.pop("title")

        session = cls(
            body_id=body_id,
            body_kind=body_kind,
            meeting_id=meeting_id,
            starts_at=starts_at,
            title=title,
        )

        session.additional_properties = d
        return session

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
