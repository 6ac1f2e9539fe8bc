from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.response_out_answers import ResponseOutAnswers


T = TypeVar("T", bound="ResponseOut")


@_attrs_define
class ResponseOut:
    """
    Attributes:
        answers (ResponseOutAnswers):
        campaign_id (UUID):
        id (UUID):
        referral_code (None | str):
        submitted_at (datetime.datetime):
    """

    answers: ResponseOutAnswers
    campaign_id: UUID
    id: UUID
    referral_code: None | str
    submitted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        answers = self.answers.to_dict()

        campaign_id = str(self.campaign_id)

        id = str(self.id)

        referral_code: None | str
        referral_code = self.referral_code

        submitted_at = self.submitted_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answers": answers,
                "campaign_id": campaign_id,
                "id": id,
                "referral_code": referral_code,
                "submitted_at": submitted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.response_out_answers import ResponseOutAnswers  # noqa: PLC0415

        d = dict(src_dict)
        answers = ResponseOutAnswers.from_dict(d.pop("answers"))

        campaign_id = UUID(d.pop("campaign_id"))

        id = UUID(d.pop("id"))

        def _parse_referral_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        referral_code = _parse_referral_code(d.pop("referral_code"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        response_out = cls(
            answers=answers,
            campaign_id=campaign_id,
            id=id,
            referral_code=referral_code,
            submitted_at=submitted_at,
        )

        response_out.additional_properties = d
        return response_out

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
