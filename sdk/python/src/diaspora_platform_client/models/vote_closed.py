from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VoteClosed")


@_attrs_define
class VoteClosed:
    """The final, immutable result (counts only, never who voted what); the representatives
    of the members seated on the body are told the result.

        Attributes:
            abstain (int):
            alliance_id (UUID):
            body_id (UUID):
            closed_at (datetime.datetime):
            eligible (int):
            meeting_id (UUID):
            motion_id (UUID):
            no (int):
            outcome (str): carried | rejected | invalid (no quorum at close)
            present (int):
            quorum_met (bool):
            yes (int):
            recommendation_id (None | Unset | UUID):
            title (None | str | Unset):
    """

    abstain: int
    alliance_id: UUID
    body_id: UUID
    closed_at: datetime.datetime
    eligible: int
    meeting_id: UUID
    motion_id: UUID
    no: int
    outcome: str
    present: int
    quorum_met: bool
    yes: int
    recommendation_id: None | Unset | UUID = UNSET
    title: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        abstain = self.abstain

        alliance_id = str(self.alliance_id)

        body_id = str(self.body_id)

        closed_at = self.closed_at.isoformat()

        eligible = self.eligible

        meeting_id = str(self.meeting_id)

        motion_id = str(self.motion_id)

        no = self.no

        outcome = self.outcome

        present = self.present

        quorum_met = self.quorum_met

        yes = self.yes

        recommendation_id: None | str | Unset
        if isinstance(self.recommendation_id, Unset):
            recommendation_id = UNSET
        elif isinstance(self.recommendation_id, UUID):
            recommendation_id = str(self.recommendation_id)
        else:
            recommendation_id = self.recommendation_id

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "abstain": abstain,
                "alliance_id": alliance_id,
                "body_id": body_id,
                "closed_at": closed_at,
                "eligible": eligible,
                "meeting_id": meeting_id,
                "motion_id": motion_id,
                "no": no,
                "outcome": outcome,
                "present": present,
                "quorum_met": quorum_met,
                "yes": yes,
            }
        )
        if recommendation_id is not UNSET:
            field_dict["recommendation_id"] = recommendation_id
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        abstain = d.pop("abstain")

        alliance_id = UUID(d.pop("alliance_id"))

        body_id = UUID(d.pop("body_id"))

        closed_at = datetime.datetime.fromisoformat(d.pop("closed_at"))

        eligible = d.pop("eligible")

        meeting_id = UUID(d.pop("meeting_id"))

        motion_id = UUID(d.pop("motion_id"))

        no = d.pop("no")

        outcome = d.pop("outcome")

        present = d.pop("present")

        quorum_met = d.pop("quorum_met")

        yes = d.pop("yes")

        def _parse_recommendation_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recommendation_id_type_0 = UUID(data)

                return recommendation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        recommendation_id = _parse_recommendation_id(d.pop("recommendation_id", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        vote_closed = cls(
            abstain=abstain,
            alliance_id=alliance_id,
            body_id=body_id,
            closed_at=closed_at,
            eligible=eligible,
            meeting_id=meeting_id,
            motion_id=motion_id,
            no=no,
            outcome=outcome,
            present=present,
            quorum_met=quorum_met,
            yes=yes,
            recommendation_id=recommendation_id,
            title=title,
        )

        vote_closed.additional_properties = d
        return vote_closed

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
