from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DashboardRow")


@_attrs_define
class DashboardRow:
    """Counts per status (as of today) for one pillar, member or theme: the row carries the
    one key the dashboard is grouped ``by``.

        Attributes:
            achieved (int):
            at_risk (int):
            commitments (int):
            indicators (int):
            late (int):
            on_track (int):
            member (None | Unset | UUID):
            pillar (None | str | Unset):
            theme (None | str | Unset): empty: commitments without a theme
    """

    achieved: int
    at_risk: int
    commitments: int
    indicators: int
    late: int
    on_track: int
    member: None | Unset | UUID = UNSET
    pillar: None | str | Unset = UNSET
    theme: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        achieved = self.achieved

        at_risk = self.at_risk

        commitments = self.commitments

        indicators = self.indicators

        late = self.late

        on_track = self.on_track

        member: None | str | Unset
        if isinstance(self.member, Unset):
            member = UNSET
        elif isinstance(self.member, UUID):
            member = str(self.member)
        else:
            member = self.member

        pillar: None | str | Unset
        if isinstance(self.pillar, Unset):
            pillar = UNSET
        else:
            pillar = self.pillar

        theme: None | str | Unset
        if isinstance(self.theme, Unset):
            theme = UNSET
        else:
            theme = self.theme

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "achieved": achieved,
                "at_risk": at_risk,
                "commitments": commitments,
                "indicators": indicators,
                "late": late,
                "on_track": on_track,
            }
        )
        if member is not UNSET:
            field_dict["member"] = member
        if pillar is not UNSET:
            field_dict["pillar"] = pillar
        if theme is not UNSET:
            field_dict["theme"] = theme

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        achieved = d.pop("achieved")

        at_risk = d.pop("at_risk")

        commitments = d.pop("commitments")

        indicators = d.pop("indicators")

        late = d.pop("late")

        on_track = d.pop("on_track")

        def _parse_member(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                member_type_0 = UUID(data)

                return member_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        member = _parse_member(d.pop("member", UNSET))

        def _parse_pillar(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pillar = _parse_pillar(d.pop("pillar", UNSET))

        def _parse_theme(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        theme = _parse_theme(d.pop("theme", UNSET))

        dashboard_row = cls(
            achieved=achieved,
            at_risk=at_risk,
            commitments=commitments,
            indicators=indicators,
            late=late,
            on_track=on_track,
            member=member,
            pillar=pillar,
            theme=theme,
        )

        dashboard_row.additional_properties = d
        return dashboard_row

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
