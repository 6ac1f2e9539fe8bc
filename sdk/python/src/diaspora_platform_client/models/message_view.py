from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MessageView")


@_attrs_define
class MessageView:
    """
    Attributes:
        body (str):
        conversation_id (UUID):
        message_id (UUID):
        sender_id (UUID):
        sent_at (datetime.datetime):
    """

    body: str
    conversation_id: UUID
    message_id: UUID
    sender_id: UUID
    sent_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        conversation_id = str(self.conversation_id)

        message_id = str(self.message_id)

        sender_id = str(self.sender_id)

        sent_at = self.sent_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "conversation_id": conversation_id,
                "message_id": message_id,
                "sender_id": sender_id,
                "sent_at": sent_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        conversation_id = UUID(d.pop("conversation_id"))

        message_id = UUID(d.pop("message_id"))

        sender_id = UUID(d.pop("sender_id"))

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        message_view = cls(
            body=body,
            conversation_id=conversation_id,
            message_id=message_id,
            sender_id=sender_id,
            sent_at=sent_at,
        )

        message_view.additional_properties = d
        return message_view

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
