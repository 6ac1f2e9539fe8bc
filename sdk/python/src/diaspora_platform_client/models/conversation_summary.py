from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConversationSummary")


@_attrs_define
class ConversationSummary:
    """
    Attributes:
        conversation_id (UUID):
        last_message_at (datetime.datetime):
        person_id (UUID): the other person
        unread (int):
    """

    conversation_id: UUID
    last_message_at: datetime.datetime
    person_id: UUID
    unread: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_id = str(self.conversation_id)

        last_message_at = self.last_message_at.isoformat()

        person_id = str(self.person_id)

        unread = self.unread

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversation_id": conversation_id,
                "last_message_at": last_message_at,
                "person_id": person_id,
                "unread": unread,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        conversation_id = UUID(d.pop("conversation_id"))

        last_message_at = datetime.datetime.fromisoformat(d.pop("last_message_at"))

        person_id = UUID(d.pop("person_id"))

        unread = d.pop("unread")

        conversation_summary = cls(
            conversation_id=conversation_id,
            last_message_at=last_message_at,
            person_id=person_id,
            unread=unread,
        )

        conversation_summary.additional_properties = d
        return conversation_summary

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
