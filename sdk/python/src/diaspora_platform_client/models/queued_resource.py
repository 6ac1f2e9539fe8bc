from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="QueuedResource")


@_attrs_define
class QueuedResource:
    """One resource in the moderation queue.

    Attributes:
        hidden (bool):
        id (UUID):
        kind (str):
        original_language (str):
        reports (int): how many people reported it
        status (str):
        title (str): in the asked language when translated, else the original's
        updated_at (datetime.datetime):
    """

    hidden: bool
    id: UUID
    kind: str
    original_language: str
    reports: int
    status: str
    title: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hidden = self.hidden

        id = str(self.id)

        kind = self.kind

        original_language = self.original_language

        reports = self.reports

        status = self.status

        title = self.title

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hidden": hidden,
                "id": id,
                "kind": kind,
                "original_language": original_language,
                "reports": reports,
                "status": status,
                "title": title,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hidden = d.pop("hidden")

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        original_language = d.pop("original_language")

        reports = d.pop("reports")

        status = d.pop("status")

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        queued_resource = cls(
            hidden=hidden,
            id=id,
            kind=kind,
            original_language=original_language,
            reports=reports,
            status=status,
            title=title,
            updated_at=updated_at,
        )

        queued_resource.additional_properties = d
        return queued_resource

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
