from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.body_kind import BodyKind
from ..models.stage import Stage

if TYPE_CHECKING:
    from ..models.advice import Advice
    from ..models.step import Step


T = TypeVar("T", bound="Recommendation")


@_attrs_define
class Recommendation:
    """
    Attributes:
        advice (list[Advice]):
        alliance_id (UUID):
        authors (list[UUID]):
        awaiting (BodyKind | None): the body whose turn it is
        endorsed_by_motion (None | UUID):
        id (UUID):
        sector (None | str):
        stage (Stage):
        stage_since (datetime.datetime):
        text (str):
        theme (str):
        title (str):
        trail (list[Step]):
        version (int): incremented on every change
        working_group_id (UUID):
    """

    advice: list[Advice]
    alliance_id: UUID
    authors: list[UUID]
    awaiting: BodyKind | None
    endorsed_by_motion: None | UUID
    id: UUID
    sector: None | str
    stage: Stage
    stage_since: datetime.datetime
    text: str
    theme: str
    title: str
    trail: list[Step]
    version: int
    working_group_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        advice = []
        for advice_item_data in self.advice:
            advice_item = advice_item_data.to_dict()
            advice.append(advice_item)

        alliance_id = str(self.alliance_id)

        authors = []
        for authors_item_data in self.authors:
            authors_item = str(authors_item_data)
            authors.append(authors_item)

        awaiting: None | str
        if isinstance(self.awaiting, BodyKind):
            awaiting = self.awaiting.value
        else:
            awaiting = self.awaiting

        endorsed_by_motion: None | str
        if isinstance(self.endorsed_by_motion, UUID):
            endorsed_by_motion = str(self.endorsed_by_motion)
        else:
            endorsed_by_motion = self.endorsed_by_motion

        id = str(self.id)

        sector: None | str
        sector = self.sector

        stage = self.stage.value

        stage_since = self.stage_since.isoformat()

        text = self.text

        theme = self.theme

        title = self.title

        trail = []
        for trail_item_data in self.trail:
            trail_item = trail_item_data.to_dict()
            trail.append(trail_item)

        version = self.version

        working_group_id = str(self.working_group_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "advice": advice,
                "alliance_id": alliance_id,
                "authors": authors,
                "awaiting": awaiting,
                "endorsed_by_motion": endorsed_by_motion,
                "id": id,
                "sector": sector,
                "stage": stage,
                "stage_since": stage_since,
                "text": text,
                "theme": theme,
                "title": title,
                "trail": trail,
                "version": version,
                "working_group_id": working_group_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.advice import Advice  # noqa: PLC0415
        from ..models.step import Step  # noqa: PLC0415

        d = dict(src_dict)
        advice = []
        _advice = d.pop("advice")
        for advice_item_data in _advice:
            advice_item = Advice.from_dict(advice_item_data)

            advice.append(advice_item)

        alliance_id = UUID(d.pop("alliance_id"))

        authors = []
        _authors = d.pop("authors")
        for authors_item_data in _authors:
            authors_item = UUID(authors_item_data)

            authors.append(authors_item)

        def _parse_awaiting(data: object) -> BodyKind | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                awaiting_type_0 = BodyKind(data)

                return awaiting_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BodyKind | None, data)

        awaiting = _parse_awaiting(d.pop("awaiting"))

        def _parse_endorsed_by_motion(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                endorsed_by_motion_type_0 = UUID(data)

                return endorsed_by_motion_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        endorsed_by_motion = _parse_endorsed_by_motion(d.pop("endorsed_by_motion"))

        id = UUID(d.pop("id"))

        def _parse_sector(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sector = _parse_sector(d.pop("sector"))

        stage = Stage(d.pop("stage"))

        stage_since = datetime.datetime.fromisoformat(d.pop("stage_since"))

        text = d.pop("text")

        theme = d.pop("theme")

        title = d.pop("title")

        trail = []
        _trail = d.pop("trail")
        for trail_item_data in _trail:
            trail_item = Step.from_dict(trail_item_data)

            trail.append(trail_item)

        version = d.pop("version")

        working_group_id = UUID(d.pop("working_group_id"))

        recommendation = cls(
            advice=advice,
            alliance_id=alliance_id,
            authors=authors,
            awaiting=awaiting,
            endorsed_by_motion=endorsed_by_motion,
            id=id,
            sector=sector,
            stage=stage,
            stage_since=stage_since,
            text=text,
            theme=theme,
            title=title,
            trail=trail,
            version=version,
            working_group_id=working_group_id,
        )

        recommendation.additional_properties = d
        return recommendation

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
