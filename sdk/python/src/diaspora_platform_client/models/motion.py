from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.majority_rule import MajorityRule
from ..models.motion_status import MotionStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.motion_ballots_type_0 import MotionBallotsType0
    from ..models.motion_own_ballots import MotionOwnBallots
    from ..models.result import Result


T = TypeVar("T", bound="Motion")


@_attrs_define
class Motion:
    """While the vote is open only the turnout shows; once closed, each member's ballot.

    Attributes:
        alliance_id (UUID):
        ballots_cast (int):
        body_id (UUID):
        closed_at (datetime.datetime | None):
        electorate (list[UUID]):
        id (UUID):
        majority (MajorityRule):
        meeting_id (UUID):
        opened_at (datetime.datetime):
        quorum_percent (int):
        recommendation_id (None | UUID):
        result (None | Result):
        status (MotionStatus):
        text (str):
        title (str):
        version (int): incremented on every change
        ballots (MotionBallotsType0 | None | Unset): by member, once the vote is closed
        own_ballots (MotionOwnBallots | Unset): the ballots of the members you represent, while the vote is open too (on
            reads of a motion or a meeting's motions)
    """

    alliance_id: UUID
    ballots_cast: int
    body_id: UUID
    closed_at: datetime.datetime | None
    electorate: list[UUID]
    id: UUID
    majority: MajorityRule
    meeting_id: UUID
    opened_at: datetime.datetime
    quorum_percent: int
    recommendation_id: None | UUID
    result: None | Result
    status: MotionStatus
    text: str
    title: str
    version: int
    ballots: MotionBallotsType0 | None | Unset = UNSET
    own_ballots: MotionOwnBallots | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.motion_ballots_type_0 import MotionBallotsType0  # noqa: PLC0415
        from ..models.result import Result  # noqa: PLC0415

        alliance_id = str(self.alliance_id)

        ballots_cast = self.ballots_cast

        body_id = str(self.body_id)

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        electorate = []
        for electorate_item_data in self.electorate:
            electorate_item = str(electorate_item_data)
            electorate.append(electorate_item)

        id = str(self.id)

        majority = self.majority.value

        meeting_id = str(self.meeting_id)

        opened_at = self.opened_at.isoformat()

        quorum_percent = self.quorum_percent

        recommendation_id: None | str
        if isinstance(self.recommendation_id, UUID):
            recommendation_id = str(self.recommendation_id)
        else:
            recommendation_id = self.recommendation_id

        result: dict[str, Any] | None
        if isinstance(self.result, Result):
            result = self.result.to_dict()
        else:
            result = self.result

        status = self.status.value

        text = self.text

        title = self.title

        version = self.version

        ballots: dict[str, Any] | None | Unset
        if isinstance(self.ballots, Unset):
            ballots = UNSET
        elif isinstance(self.ballots, MotionBallotsType0):
            ballots = self.ballots.to_dict()
        else:
            ballots = self.ballots

        own_ballots: dict[str, Any] | Unset = UNSET
        if not isinstance(self.own_ballots, Unset):
            own_ballots = self.own_ballots.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliance_id": alliance_id,
                "ballots_cast": ballots_cast,
                "body_id": body_id,
                "closed_at": closed_at,
                "electorate": electorate,
                "id": id,
                "majority": majority,
                "meeting_id": meeting_id,
                "opened_at": opened_at,
                "quorum_percent": quorum_percent,
                "recommendation_id": recommendation_id,
                "result": result,
                "status": status,
                "text": text,
                "title": title,
                "version": version,
            }
        )
        if ballots is not UNSET:
            field_dict["ballots"] = ballots
        if own_ballots is not UNSET:
            field_dict["own_ballots"] = own_ballots

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.motion_ballots_type_0 import MotionBallotsType0  # noqa: PLC0415
        from ..models.motion_own_ballots import MotionOwnBallots  # noqa: PLC0415
        from ..models.result import Result  # noqa: PLC0415

        d = dict(src_dict)
        alliance_id = UUID(d.pop("alliance_id"))

        ballots_cast = d.pop("ballots_cast")

        body_id = UUID(d.pop("body_id"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        electorate = []
        _electorate = d.pop("electorate")
        for electorate_item_data in _electorate:
            electorate_item = UUID(electorate_item_data)

            electorate.append(electorate_item)

        id = UUID(d.pop("id"))

        majority = MajorityRule(d.pop("majority"))

        meeting_id = UUID(d.pop("meeting_id"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        quorum_percent = d.pop("quorum_percent")

        def _parse_recommendation_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recommendation_id_type_0 = UUID(data)

                return recommendation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        recommendation_id = _parse_recommendation_id(d.pop("recommendation_id"))

        def _parse_result(data: object) -> None | Result:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = Result.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Result, data)

        result = _parse_result(d.pop("result"))

        status = MotionStatus(d.pop("status"))

        text = d.pop("text")

        title = d.pop("title")

        version = d.pop("version")

        def _parse_ballots(data: object) -> MotionBallotsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ballots_type_0 = MotionBallotsType0.from_dict(data)

                return ballots_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MotionBallotsType0 | None | Unset, data)

        ballots = _parse_ballots(d.pop("ballots", UNSET))

        _own_ballots = d.pop("own_ballots", UNSET)
        own_ballots: MotionOwnBallots | Unset
        if isinstance(_own_ballots, Unset):
            own_ballots = UNSET
        else:
            own_ballots = MotionOwnBallots.from_dict(_own_ballots)

        motion = cls(
            alliance_id=alliance_id,
            ballots_cast=ballots_cast,
            body_id=body_id,
            closed_at=closed_at,
            electorate=electorate,
            id=id,
            majority=majority,
            meeting_id=meeting_id,
            opened_at=opened_at,
            quorum_percent=quorum_percent,
            recommendation_id=recommendation_id,
            result=result,
            status=status,
            text=text,
            title=title,
            version=version,
            ballots=ballots,
            own_ballots=own_ballots,
        )

        motion.additional_properties = d
        return motion

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
