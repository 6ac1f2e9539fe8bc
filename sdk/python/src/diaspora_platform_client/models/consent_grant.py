from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConsentGrant")


@_attrs_define
class ConsentGrant:
    """
    Attributes:
        purpose (str): one of directory_listing, government_contact, mapping_sharing, newsletters, partner_sharing
        channel (str | Unset): web, api, survey, import, email Default: 'web'.
        policy_version (None | str | Unset): default: the privacy notice in force
        recipient_id (None | Unset | UUID): null for the platform
        recipient_kind (str | Unset): one of platform, organisation, partner, account Default: 'platform'.
    """

    purpose: str
    channel: str | Unset = "web"
    policy_version: None | str | Unset = UNSET
    recipient_id: None | Unset | UUID = UNSET
    recipient_kind: str | Unset = "platform"

    def to_dict(self) -> dict[str, Any]:
        purpose = self.purpose

        channel = self.channel

        policy_version: None | str | Unset
        if isinstance(self.policy_version, Unset):
            policy_version = UNSET
        else:
            policy_version = self.policy_version

        recipient_id: None | str | Unset
        if isinstance(self.recipient_id, Unset):
            recipient_id = UNSET
        elif isinstance(self.recipient_id, UUID):
            recipient_id = str(self.recipient_id)
        else:
            recipient_id = self.recipient_id

        recipient_kind = self.recipient_kind

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "purpose": purpose,
            }
        )
        if channel is not UNSET:
            field_dict["channel"] = channel
        if policy_version is not UNSET:
            field_dict["policy_version"] = policy_version
        if recipient_id is not UNSET:
            field_dict["recipient_id"] = recipient_id
        if recipient_kind is not UNSET:
            field_dict["recipient_kind"] = recipient_kind

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        purpose = d.pop("purpose")

        channel = d.pop("channel", UNSET)

        def _parse_policy_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        policy_version = _parse_policy_version(d.pop("policy_version", UNSET))

        def _parse_recipient_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recipient_id_type_0 = UUID(data)

                return recipient_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        recipient_id = _parse_recipient_id(d.pop("recipient_id", UNSET))

        recipient_kind = d.pop("recipient_kind", UNSET)

        consent_grant = cls(
            purpose=purpose,
            channel=channel,
            policy_version=policy_version,
            recipient_id=recipient_id,
            recipient_kind=recipient_kind,
        )

        return consent_grant
