from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConsentEntry")


@_attrs_define
class ConsentEntry:
    """
    Attributes:
        action (str):
        at (datetime.datetime):
        channel (str):
        id (UUID):
        policy_version (None | str):
        purpose (str):
        recipient_id (None | UUID):
        recipient_kind (str):
    """

    action: str
    at: datetime.datetime
    channel: str
    id: UUID
    policy_version: None | str
    purpose: str
    recipient_id: None | UUID
    recipient_kind: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        at = self.at.isoformat()

        channel = self.channel

        id = str(self.id)

        policy_version: None | str
        policy_version = self.policy_version

        purpose = self.purpose

        recipient_id: None | str
        if isinstance(self.recipient_id, UUID):
            recipient_id = str(self.recipient_id)
        else:
            recipient_id = self.recipient_id

        recipient_kind = self.recipient_kind

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "at": at,
                "channel": channel,
                "id": id,
                "policy_version": policy_version,
                "purpose": purpose,
                "recipient_id": recipient_id,
                "recipient_kind": recipient_kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        channel = d.pop("channel")

        id = UUID(d.pop("id"))

        def _parse_policy_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        policy_version = _parse_policy_version(d.pop("policy_version"))

        purpose = d.pop("purpose")

        def _parse_recipient_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recipient_id_type_0 = UUID(data)

                return recipient_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        recipient_id = _parse_recipient_id(d.pop("recipient_id"))

        recipient_kind = d.pop("recipient_kind")

        consent_entry = cls(
            action=action,
            at=at,
            channel=channel,
            id=id,
            policy_version=policy_version,
            purpose=purpose,
            recipient_id=recipient_id,
            recipient_kind=recipient_kind,
        )

        consent_entry.additional_properties = d
        return consent_entry

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
