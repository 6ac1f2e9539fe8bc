from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SocialSignIn")


@_attrs_define
class SocialSignIn:
    """
    Attributes:
        access_token (str):
        account_id (UUID):
        created (bool): a new account was opened
        expires_in (int):
        linked (bool): the identity was linked to the account now
        refresh_expires_in (int):
        refresh_token (str):
        token_type (str):
    """

    access_token: str
    account_id: UUID
    created: bool
    expires_in: int
    linked: bool
    refresh_expires_in: int
    refresh_token: str
    token_type: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        account_id = str(self.account_id)

        created = self.created

        expires_in = self.expires_in

        linked = self.linked

        refresh_expires_in = self.refresh_expires_in

        refresh_token = self.refresh_token

        token_type = self.token_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
                "account_id": account_id,
                "created": created,
                "expires_in": expires_in,
                "linked": linked,
                "refresh_expires_in": refresh_expires_in,
                "refresh_token": refresh_token,
                "token_type": token_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_token = d.pop("access_token")

        account_id = UUID(d.pop("account_id"))

        created = d.pop("created")

        expires_in = d.pop("expires_in")

        linked = d.pop("linked")

        refresh_expires_in = d.pop("refresh_expires_in")

        refresh_token = d.pop("refresh_token")

        token_type = d.pop("token_type")

        social_sign_in = cls(
            access_token=access_token,
            account_id=account_id,
            created=created,
            expires_in=expires_in,
            linked=linked,
            refresh_expires_in=refresh_expires_in,
            refresh_token=refresh_token,
            token_type=token_type,
        )

        social_sign_in.additional_properties = d
        return social_sign_in

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
