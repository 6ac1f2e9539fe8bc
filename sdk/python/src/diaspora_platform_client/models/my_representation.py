from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.my_meeting import MyMeeting
    from ..models.represented_member import RepresentedMember
    from ..models.seat_out import SeatOut


T = TypeVar("T", bound="MyRepresentation")


@_attrs_define
class MyRepresentation:
    """
    Attributes:
        as_of (datetime.date):
        meetings (list[MyMeeting]): meetings they are invited to, by start
        members (list[RepresentedMember]): the members I represent
        seats (list[SeatOut]): their seats on bodies today
    """

    as_of: datetime.date
    meetings: list[MyMeeting]
    members: list[RepresentedMember]
    seats: list[SeatOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        meetings = []
        for meetings_item_data in self.meetings:
            meetings_item = meetings_item_data.to_dict()
            meetings.append(meetings_item)

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        seats = []
        for seats_item_data in self.seats:
            seats_item = seats_item_data.to_dict()
            seats.append(seats_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "meetings": meetings,
                "members": members,
                "seats": seats,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.my_meeting import MyMeeting  # noqa: PLC0415
        from ..models.represented_member import RepresentedMember  # noqa: PLC0415
        from ..models.seat_out import SeatOut  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        meetings = []
        _meetings = d.pop("meetings")
        for meetings_item_data in _meetings:
            meetings_item = MyMeeting.from_dict(meetings_item_data)

            meetings.append(meetings_item)

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = RepresentedMember.from_dict(members_item_data)

            members.append(members_item)

        seats = []
        _seats = d.pop("seats")
        for seats_item_data in _seats:
            seats_item = SeatOut.from_dict(seats_item_data)

            seats.append(seats_item)

        my_representation = cls(
            as_of=as_of,
            meetings=meetings,
            members=members,
            seats=seats,
        )

        my_representation.additional_properties = d
        return my_representation

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
