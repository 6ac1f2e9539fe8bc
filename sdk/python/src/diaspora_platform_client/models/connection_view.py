from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.connection_status import ConnectionStatus
from ..models.connection_view_direction import ConnectionViewDirection

T = TypeVar("T", bound="ConnectionView")


@_attrs_define
class ConnectionView:
    """
    Attributes:
        connection_id (UUID):
        direction (ConnectionViewDirection):
        note (None | str):
        person_id (UUID): the other person
        requested_at (datetime.datetime):
        responded_at (datetime.datetime | None):
        status (ConnectionStatus):
    """

    connection_id: UUID
    direction: ConnectionViewDirection
    note: None | str
    person_id: UUID
    requested_at: datetime.datetime
    responded_at: datetime.datetime | None
    status: ConnectionStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        connection_id = str(self.connection_id)

        direction = self.direction.value

        note: None | str
        note = self.note

        person_id = str(self.person_id)

        requested_at = self.requested_at.isoformat()

        responded_at: None | str
        if isinstance(self.responded_at, datetime.datetime):
            responded_at = self.responded_at.isoformat()
        else:
            responded_at = self.responded_at

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "connection_id": connection_id,
                "direction": direction,
                "note": note,
                "person_id": person_id,
                "requested_at": requested_at,
                "responded_at": responded_at,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connection_id = UUID(d.pop("connection_id"))

        direction = ConnectionViewDirection(d.pop("direction"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        person_id = UUID(d.pop("person_id"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        def _parse_responded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                responded_at_type_0 = datetime.datetime.fromisoformat(data)

                return responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        responded_at = _parse_responded_at(d.pop("responded_at"))

        status = ConnectionStatus(d.pop("status"))

        connection_view = cls(
            connection_id=connection_id,
            direction=direction,
            note=note,
            person_id=person_id,
            requested_at=requested_at,
            responded_at=responded_at,
            status=status,
        )

        connection_view.additional_properties = d
        return connection_view

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
