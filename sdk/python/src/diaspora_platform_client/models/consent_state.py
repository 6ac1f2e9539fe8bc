from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConsentState")


@_attrs_define
class ConsentState:
    """
    Attributes:
        by_default (bool): nothing recorded yet: the purpose's default applies
        channel (None | str):
        granted (bool):
        policy_version (None | str):
        purpose (str):
        recipient_id (None | UUID):
        recipient_kind (str):
        since (datetime.datetime | None):
    """

    by_default: bool
    channel: None | str
    granted: bool
    policy_version: None | str
    purpose: str
    recipient_id: None | UUID
    recipient_kind: str
    since: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_default = self.by_default

        channel: None | str
        channel = self.channel

        granted = self.granted

        policy_version: None | str
        policy_version = self.policy_version

        purpose = self.purpose

        recipient_id: None | str
        if isinstance(self.recipient_id, UUID):
            recipient_id = str(self.recipient_id)
        else:
            recipient_id = self.recipient_id

        recipient_kind = self.recipient_kind

        since: None | str
        if isinstance(self.since, datetime.datetime):
            since = self.since.isoformat()
        else:
            since = self.since

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_default": by_default,
                "channel": channel,
                "granted": granted,
                "policy_version": policy_version,
                "purpose": purpose,
                "recipient_id": recipient_id,
                "recipient_kind": recipient_kind,
                "since": since,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        by_default = d.pop("by_default")

        def _parse_channel(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        channel = _parse_channel(d.pop("channel"))

        granted = d.pop("granted")

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

        def _parse_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.datetime.fromisoformat(data)

                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        since = _parse_since(d.pop("since"))

        consent_state = cls(
            by_default=by_default,
            channel=channel,
            granted=granted,
            policy_version=policy_version,
            purpose=purpose,
            recipient_id=recipient_id,
            recipient_kind=recipient_kind,
            since=since,
        )

        consent_state.additional_properties = d
        return consent_state

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
