from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OpportunityOut")


@_attrs_define
class OpportunityOut:
    """
    Attributes:
        contribution_modes (list[str]):
        countries (list[str]):
        deadline (datetime.datetime):
        description (str):
        id (UUID):
        kind (str):
        languages (list[str]):
        open_ (bool):
        organisation (str):
        required_occupations (list[str]):
        required_skills (list[str]):
        sectors (list[str]):
        title (str):
        work_mode (str):
        organisation_id (None | Unset | UUID):
        version (int | Unset): changes with every change (the ETag): If-Match of a PATCH Default: 0.
    """

    contribution_modes: list[str]
    countries: list[str]
    deadline: datetime.datetime
    description: str
    id: UUID
    kind: str
    languages: list[str]
    open_: bool
    organisation: str
    required_occupations: list[str]
    required_skills: list[str]
    sectors: list[str]
    title: str
    work_mode: str
    organisation_id: None | Unset | UUID = UNSET
    version: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contribution_modes = self.contribution_modes

        countries = self.countries

        deadline = self.deadline.isoformat()

        description = self.description

        id = str(self.id)

        kind = self.kind

        languages = self.languages

        open_ = self.open_

        organisation = self.organisation

        required_occupations = self.required_occupations

        required_skills = self.required_skills

        sectors = self.sectors

        title = self.title

        work_mode = self.work_mode

        organisation_id: None | str | Unset
        if isinstance(self.organisation_id, Unset):
            organisation_id = UNSET
        elif isinstance(self.organisation_id, UUID):
            organisation_id = str(self.organisation_id)
        else:
            organisation_id = self.organisation_id

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contribution_modes": contribution_modes,
                "countries": countries,
                "deadline": deadline,
                "description": description,
                "id": id,
                "kind": kind,
                "languages": languages,
                "open": open_,
                "organisation": organisation,
                "required_occupations": required_occupations,
                "required_skills": required_skills,
                "sectors": sectors,
                "title": title,
                "work_mode": work_mode,
            }
        )
        if organisation_id is not UNSET:
            field_dict["organisation_id"] = organisation_id
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contribution_modes = cast(list[str], d.pop("contribution_modes"))

        countries = cast(list[str], d.pop("countries"))

        deadline = datetime.datetime.fromisoformat(d.pop("deadline"))

        description = d.pop("description")

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        languages = cast(list[str], d.pop("languages"))

        open_ = d.pop("open")

        organisation = d.pop("organisation")

        required_occupations = cast(list[str], d.pop("required_occupations"))

        required_skills = cast(list[str], d.pop("required_skills"))

        sectors = cast(list[str], d.pop("sectors"))

        title = d.pop("title")

        work_mode = d.pop("work_mode")

        def _parse_organisation_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                organisation_id_type_0 = UUID(data)

                return organisation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        organisation_id = _parse_organisation_id(d.pop("organisation_id", UNSET))

        version = d.pop("version", UNSET)

        opportunity_out = cls(
            contribution_modes=contribution_modes,
            countries=countries,
            deadline=deadline,
            description=description,
            id=id,
            kind=kind,
            languages=languages,
            open_=open_,
            organisation=organisation,
            required_occupations=required_occupations,
            required_skills=required_skills,
            sectors=sectors,
            title=title,
            work_mode=work_mode,
            organisation_id=organisation_id,
            version=version,
        )

        opportunity_out.additional_properties = d
        return opportunity_out

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
