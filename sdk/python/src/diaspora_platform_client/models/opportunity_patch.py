from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.work_mode import WorkMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="OpportunityPatch")


@_attrs_define
class OpportunityPatch:
    """Only the fields sent change; the kind and the organisation stay as posted.

    Attributes:
        contribution_modes (list[str] | None | Unset):
        countries (list[str] | None | Unset):
        deadline (datetime.datetime | None | Unset): in the future, with an offset
        description (None | str | Unset):
        languages (list[str] | None | Unset):
        required_occupations (list[str] | None | Unset):
        required_skills (list[str] | None | Unset):
        sectors (list[str] | None | Unset):
        title (None | str | Unset):
        work_mode (None | Unset | WorkMode):
    """

    contribution_modes: list[str] | None | Unset = UNSET
    countries: list[str] | None | Unset = UNSET
    deadline: datetime.datetime | None | Unset = UNSET
    description: None | str | Unset = UNSET
    languages: list[str] | None | Unset = UNSET
    required_occupations: list[str] | None | Unset = UNSET
    required_skills: list[str] | None | Unset = UNSET
    sectors: list[str] | None | Unset = UNSET
    title: None | str | Unset = UNSET
    work_mode: None | Unset | WorkMode = UNSET

    def to_dict(self) -> dict[str, Any]:
        contribution_modes: list[str] | None | Unset
        if isinstance(self.contribution_modes, Unset):
            contribution_modes = UNSET
        elif isinstance(self.contribution_modes, list):
            contribution_modes = self.contribution_modes

        else:
            contribution_modes = self.contribution_modes

        countries: list[str] | None | Unset
        if isinstance(self.countries, Unset):
            countries = UNSET
        elif isinstance(self.countries, list):
            countries = self.countries

        else:
            countries = self.countries

        deadline: None | str | Unset
        if isinstance(self.deadline, Unset):
            deadline = UNSET
        elif isinstance(self.deadline, datetime.datetime):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        languages: list[str] | None | Unset
        if isinstance(self.languages, Unset):
            languages = UNSET
        elif isinstance(self.languages, list):
            languages = self.languages

        else:
            languages = self.languages

        required_occupations: list[str] | None | Unset
        if isinstance(self.required_occupations, Unset):
            required_occupations = UNSET
        elif isinstance(self.required_occupations, list):
            required_occupations = self.required_occupations

        else:
            required_occupations = self.required_occupations

        required_skills: list[str] | None | Unset
        if isinstance(self.required_skills, Unset):
            required_skills = UNSET
        elif isinstance(self.required_skills, list):
            required_skills = self.required_skills

        else:
            required_skills = self.required_skills

        sectors: list[str] | None | Unset
        if isinstance(self.sectors, Unset):
            sectors = UNSET
        elif isinstance(self.sectors, list):
            sectors = self.sectors

        else:
            sectors = self.sectors

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        work_mode: None | str | Unset
        if isinstance(self.work_mode, Unset):
            work_mode = UNSET
        elif isinstance(self.work_mode, WorkMode):
            work_mode = self.work_mode.value
        else:
            work_mode = self.work_mode

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if contribution_modes is not UNSET:
            field_dict["contribution_modes"] = contribution_modes
        if countries is not UNSET:
            field_dict["countries"] = countries
        if deadline is not UNSET:
            field_dict["deadline"] = deadline
        if description is not UNSET:
            field_dict["description"] = description
        if languages is not UNSET:
            field_dict["languages"] = languages
        if required_occupations is not UNSET:
            field_dict["required_occupations"] = required_occupations
        if required_skills is not UNSET:
            field_dict["required_skills"] = required_skills
        if sectors is not UNSET:
            field_dict["sectors"] = sectors
        if title is not UNSET:
            field_dict["title"] = title
        if work_mode is not UNSET:
            field_dict["work_mode"] = work_mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_contribution_modes(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                contribution_modes_type_0 = cast(list[str], data)

                return contribution_modes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        contribution_modes = _parse_contribution_modes(
            d.pop("contribution_modes", UNSET)
        )

        def _parse_countries(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                countries_type_0 = cast(list[str], data)

                return countries_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        countries = _parse_countries(d.pop("countries", UNSET))

        def _parse_deadline(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.datetime.fromisoformat(data)

                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        deadline = _parse_deadline(d.pop("deadline", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_languages(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                languages_type_0 = cast(list[str], data)

                return languages_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        languages = _parse_languages(d.pop("languages", UNSET))

        def _parse_required_occupations(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                required_occupations_type_0 = cast(list[str], data)

                return required_occupations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        required_occupations = _parse_required_occupations(
            d.pop("required_occupations", UNSET)
        )

        def _parse_required_skills(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                required_skills_type_0 = cast(list[str], data)

                return required_skills_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        required_skills = _parse_required_skills(d.pop("required_skills", UNSET))

        def _parse_sectors(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                sectors_type_0 = cast(list[str], data)

                return sectors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        sectors = _parse_sectors(d.pop("sectors", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_work_mode(data: object) -> None | Unset | WorkMode:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                work_mode_type_0 = WorkMode(data)

                return work_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WorkMode, data)

        work_mode = _parse_work_mode(d.pop("work_mode", UNSET))

        opportunity_patch = cls(
            contribution_modes=contribution_modes,
            countries=countries,
            deadline=deadline,
            description=description,
            languages=languages,
            required_occupations=required_occupations,
            required_skills=required_skills,
            sectors=sectors,
            title=title,
            work_mode=work_mode,
        )

        return opportunity_patch
