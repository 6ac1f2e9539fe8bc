from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LoginProblem")


@_attrs_define
class LoginProblem:
    """A sign-in's 401 (problem+json): wrong credentials, or, of ``type`` ending in
    ``/second-factor-required``, the password is right and ``challenge`` is the second step's.

        Attributes:
            title (str):
            type_ (str):
            challenge (None | str | Unset): second-factor-required only: send it back to /v1/auth/login/second-factor with
                the code; good once
            challenge_expires_in (int | None | Unset): second-factor-required only: seconds the challenge is valid
            detail (None | str | Unset):
            status (int | Unset):  Default: 401.
    """

    title: str
    type_: str
    challenge: None | str | Unset = UNSET
    challenge_expires_in: int | None | Unset = UNSET
    detail: None | str | Unset = UNSET
    status: int | Unset = 401
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        type_ = self.type_

        challenge: None | str | Unset
        if isinstance(self.challenge, Unset):
            challenge = UNSET
        else:
            challenge = self.challenge

        challenge_expires_in: int | None | Unset
        if isinstance(self.challenge_expires_in, Unset):
            challenge_expires_in = UNSET
        else:
            challenge_expires_in = self.challenge_expires_in

        detail: None | str | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        else:
            detail = self.detail

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "type": type_,
            }
        )
        if challenge is not UNSET:
            field_dict["challenge"] = challenge
        if challenge_expires_in is not UNSET:
            field_dict["challenge_expires_in"] = challenge_expires_in
        if detail is not UNSET:
            field_dict["detail"] = detail
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        type_ = d.pop("type")

        def _parse_challenge(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        challenge = _parse_challenge(d.pop("challenge", UNSET))

        def _parse_challenge_expires_in(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        challenge_expires_in = _parse_challenge_expires_in(
            d.pop("challenge_expires_in", UNSET)
        )

        def _parse_detail(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        detail = _parse_detail(d.pop("detail", UNSET))

        status = d.pop("status", UNSET)

        login_problem = cls(
            title=title,
            type_=type_,
            challenge=challenge,
            challenge_expires_in=challenge_expires_in,
            detail=detail,
            status=status,
        )

        login_problem.additional_properties = d
        return login_problem

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
