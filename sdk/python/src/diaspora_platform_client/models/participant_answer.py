from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.participant_answer_de_identified import ParticipantAnswerDeIdentified
    from ..models.participant_answer_deleted import ParticipantAnswerDeleted


T = TypeVar("T", bound="ParticipantAnswer")


@_attrs_define
class ParticipantAnswer:
    """
    Attributes:
        status (str): confirmed | pending
        de_identified (ParticipantAnswerDeIdentified | Unset):
        deleted (ParticipantAnswerDeleted | Unset):
        erased_at (None | str | Unset):
    """

    status: str
    de_identified: ParticipantAnswerDeIdentified | Unset = UNSET
    deleted: ParticipantAnswerDeleted | Unset = UNSET
    erased_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        de_identified: dict[str, Any] | Unset = UNSET
        if not isinstance(self.de_identified, Unset):
            de_identified = self.de_identified.to_dict()

        deleted: dict[str, Any] | Unset = UNSET
        if not isinstance(self.deleted, Unset):
            deleted = self.deleted.to_dict()

        erased_at: None | str | Unset
        if isinstance(self.erased_at, Unset):
            erased_at = UNSET
        else:
            erased_at = self.erased_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if de_identified is not UNSET:
            field_dict["de_identified"] = de_identified
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if erased_at is not UNSET:
            field_dict["erased_at"] = erased_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.participant_answer_de_identified import (
            ParticipantAnswerDeIdentified,  # noqa: PLC0415
        )
        from ..models.participant_answer_deleted import ParticipantAnswerDeleted  # noqa: PLC0415

        d = dict(src_dict)
        status = d.pop("status")

        _de_identified = d.pop("de_identified", UNSET)
        de_identified: ParticipantAnswerDeIdentified | Unset
        if isinstance(_de_identified, Unset):
            de_identified = UNSET
        else:
            de_identified = ParticipantAnswerDeIdentified.from_dict(_de_identified)

        _deleted = d.pop("deleted", UNSET)
        deleted: ParticipantAnswerDeleted | Unset
        if isinstance(_deleted, Unset):
            deleted = UNSET
        else:
            deleted = ParticipantAnswerDeleted.from_dict(_deleted)

        def _parse_erased_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        erased_at = _parse_erased_at(d.pop("erased_at", UNSET))

        participant_answer = cls(
            status=status,
            de_identified=de_identified,
            deleted=deleted,
            erased_at=erased_at,
        )

        participant_answer.additional_properties = d
        return participant_answer

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
