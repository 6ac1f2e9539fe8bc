from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.history_entry_snapshot_type_0 import HistoryEntrySnapshotType0


T = TypeVar("T", bound="HistoryEntry")


@_attrs_define
class HistoryEntry:
    """One version or transition of a resource.

    Attributes:
        action (str):
        actor_id (None | UUID): null for a report, unless a moderator asks
        at (datetime.datetime):
        from_status (None | str):
        id (int):
        reason (None | str):
        resource_id (UUID):
        snapshot (HistoryEntrySnapshotType0 | None): the resource as it was, on edits
        to_status (None | str):
        version (int):
    """

    action: str
    actor_id: None | UUID
    at: datetime.datetime
    from_status: None | str
    id: int
    reason: None | str
    resource_id: UUID
    snapshot: HistoryEntrySnapshotType0 | None
    to_status: None | str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.history_entry_snapshot_type_0 import HistoryEntrySnapshotType0  # noqa: PLC0415

        action = self.action

        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        at = self.at.isoformat()

        from_status: None | str
        from_status = self.from_status

        id = self.id

        reason: None | str
        reason = self.reason

        resource_id = str(self.resource_id)

        snapshot: dict[str, Any] | None
        if isinstance(self.snapshot, HistoryEntrySnapshotType0):
            snapshot = self.snapshot.to_dict()
        else:
            snapshot = self.snapshot

        to_status: None | str
        to_status = self.to_status

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor_id": actor_id,
                "at": at,
                "from_status": from_status,
                "id": id,
                "reason": reason,
                "resource_id": resource_id,
                "snapshot": snapshot,
                "to_status": to_status,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.history_entry_snapshot_type_0 import HistoryEntrySnapshotType0  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        def _parse_actor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_from_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_status = _parse_from_status(d.pop("from_status"))

        id = d.pop("id")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        resource_id = UUID(d.pop("resource_id"))

        def _parse_snapshot(data: object) -> HistoryEntrySnapshotType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                snapshot_type_0 = HistoryEntrySnapshotType0.from_dict(data)

                return snapshot_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HistoryEntrySnapshotType0 | None, data)

        snapshot = _parse_snapshot(d.pop("snapshot"))

        def _parse_to_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to_status = _parse_to_status(d.pop("to_status"))

        version = d.pop("version")

        history_entry = cls(
            action=action,
            actor_id=actor_id,
            at=at,
            from_status=from_status,
            id=id,
            reason=reason,
            resource_id=resource_id,
            snapshot=snapshot,
            to_status=to_status,
            version=version,
        )

        history_entry.additional_properties = d
        return history_entry

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
