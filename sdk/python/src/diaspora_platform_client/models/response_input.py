from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.response_input_answers import ResponseInputAnswers


T = TypeVar("T", bound="ResponseInput")


@_attrs_define
class ResponseInput:
    """
    Attributes:
        answers (ResponseInputAnswers):
        link_to_profile (bool | Unset): explicit consent to link this response to your profile Default: False.
        recipients (list[UUID] | Unset): accounts you consent may read this response
        referral_code (None | str | Unset):
        wave (int | Unset):  Default: 1.
    """

    answers: ResponseInputAnswers
    link_to_profile: bool | Unset = False
    recipients: list[UUID] | Unset = UNSET
    referral_code: None | str | Unset = UNSET
    wave: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        answers = self.answers.to_dict()

        link_to_profile = self.link_to_profile

        recipients: list[str] | Unset = UNSET
        if not isinstance(self.recipients, Unset):
            recipients = []
            for recipients_item_data in self.recipients:
                recipients_item = str(recipients_item_data)
                recipients.append(recipients_item)

        referral_code: None | str | Unset
        if isinstance(self.referral_code, Unset):
            referral_code = UNSET
        else:
            referral_code = self.referral_code

        wave = self.wave

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answers": answers,
            }
        )
        if link_to_profile is not UNSET:
            field_dict["link_to_profile"] = link_to_profile
        if recipients is not UNSET:
            field_dict["recipients"] = recipients
        if referral_code is not UNSET:
            field_dict["referral_code"] = referral_code
        if wave is not UNSET:
            field_dict["wave"] = wave

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.response_input_answers import ResponseInputAnswers  # noqa: PLC0415

        d = dict(src_dict)
        answers = ResponseInputAnswers.from_dict(d.pop("answers"))

        link_to_profile = d.pop("link_to_profile", UNSET)

        _recipients = d.pop("recipients", UNSET)
        recipients: list[UUID] | Unset = UNSET
        if _recipients is not UNSET:
            recipients = []
            for recipients_item_data in _recipients:
                recipients_item = UUID(recipients_item_data)

                recipients.append(recipients_item)

        def _parse_referral_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referral_code = _parse_referral_code(d.pop("referral_code", UNSET))

        wave = d.pop("wave", UNSET)

        response_input = cls(
            answers=answers,
            link_to_profile=link_to_profile,
            recipients=recipients,
            referral_code=referral_code,
            wave=wave,
        )

        return response_input
