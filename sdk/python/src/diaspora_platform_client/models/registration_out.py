from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegistrationOut")


@_attrs_define
class RegistrationOut:
    """
    Attributes:
        event_id (UUID):
        id (UUID):
        person_id (UUID):
        status (str):
        waitlist_position (int | None | Unset):
    """

    event_id: UUID
    id: UUID
    person_id: UUID
    status: str
    waitlist_position: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = str(self.event_id)

        id = str(self.id)

        person_id = str(self.person_id)

        status = self.status

        waitlist_position: int | None | Unset
        if isinstance(self.waitlist_position, Unset):
            waitlist_position = UNSET
        else:
            waitlist_position = self.waitlist_position

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "id": id,
                "person_id": person_id,
                "status": status,
            }
        )
        if waitlist_position is not UNSET:
            field_dict["waitlist_position"] = waitlist_position

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_id = UUID(d.pop("event_id"))

        id = UUID(d.pop("id"))

        person_id = UUID(d.pop("person_id"))

        status = d.pop("status")

        def _parse_waitlist_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        waitlist_position = _parse_waitlist_position(d.pop("waitlist_position", UNSET))

        registration_out = cls(
            event_id=event_id,
            id=id,
            person_id=person_id,
            status=status,
            waitlist_position=waitlist_position,
        )

        registration_out.additional_properties = d
        return registration_out

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
