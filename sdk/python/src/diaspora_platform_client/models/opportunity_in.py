from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.opportunity_kind import OpportunityKind
from ..models.work_mode import WorkMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="OpportunityIn")


@_attrs_define
class OpportunityIn:
    """
    Attributes:
        deadline (datetime.datetime):
        kind (OpportunityKind):
        organisation (str):
        title (str):
        contribution_modes (list[str] | Unset):
        countries (list[str] | Unset):
        description (str | Unset):  Default: ''.
        languages (list[str] | Unset):
        organisation_id (None | Unset | UUID): the profiles organisation posting it: people who withdrew their
            government_contact consent for it are neither matched nor told about it
        required_occupations (list[str] | Unset):
        required_skills (list[str] | Unset):
        sectors (list[str] | Unset):
        work_mode (WorkMode | Unset):
    """

    deadline: datetime.datetime
    kind: OpportunityKind
    organisation: str
    title: str
    contribution_modes: list[str] | Unset = UNSET
    countries: list[str] | Unset = UNSET
    description: str | Unset = ""
    languages: list[str] | Unset = UNSET
    organisation_id: None | Unset | UUID = UNSET
    required_occupations: list[str] | Unset = UNSET
    required_skills: list[str] | Unset = UNSET
    sectors: list[str] | Unset = UNSET
    work_mode: WorkMode | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deadline = self.deadline.isoformat()

        kind = self.kind.value

        organisation = self.organisation

        title = self.title

        contribution_modes: list[str] | Unset = UNSET
        if not isinstance(self.contribution_modes, Unset):
            contribution_modes = self.contribution_modes

        countries: list[str] | Unset = UNSET
        if not isinstance(self.countries, Unset):
            countries = self.countries

        description = self.description

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        organisation_id: None | str | Unset
        if isinstance(self.organisation_id, Unset):
            organisation_id = UNSET
        elif isinstance(self.organisation_id, UUID):
            organisation_id = str(self.organisation_id)
        else:
            organisation_id = self.organisation_id

        required_occupations: list[str] | Unset = UNSET
        if not isinstance(self.required_occupations, Unset):
            required_occupations = self.required_occupations

        required_skills: list[str] | Unset = UNSET
        if not isinstance(self.required_skills, Unset):
            required_skills = self.required_skills

        sectors: list[str] | Unset = UNSET
        if not isinstance(self.sectors, Unset):
            sectors = self.sectors

        work_mode: str | Unset = UNSET
        if not isinstance(self.work_mode, Unset):
            work_mode = self.work_mode.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "deadline": deadline,
                "kind": kind,
                "organisation": organisation,
                "title": title,
            }
        )
        if contribution_modes is not UNSET:
            field_dict["contribution_modes"] = contribution_modes
        if countries is not UNSET:
            field_dict["countries"] = countries
        if description is not UNSET:
            field_dict["description"] = description
        if languages is not UNSET:
            field_dict["languages"] = languages
        if organisation_id is not UNSET:
            field_dict["organisation_id"] = organisation_id
        if required_occupations is not UNSET:
            field_dict["required_occupations"] = required_occupations
        if required_skills is not UNSET:
            field_dict["required_skills"] = required_skills
        if sectors is not UNSET:
            field_dict["sectors"] = sectors
        if work_mode is not UNSET:
            field_dict["work_mode"] = work_mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deadline = datetime.datetime.fromisoformat(d.pop("deadline"))

        kind = OpportunityKind(d.pop("kind"))

        organisation = d.pop("organisation")

        title = d.pop("title")

        contribution_modes = cast(list[str], d.pop("contribution_modes", UNSET))

        countries = cast(list[str], d.pop("countries", UNSET))

        description = d.pop("description", UNSET)

        languages = cast(list[str], d.pop("languages", UNSET))

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

        required_occupations = cast(list[str], d.pop("required_occupations", UNSET))

        required_skills = cast(list[str], d.pop("required_skills", UNSET))

        sectors = cast(list[str], d.pop("sectors", UNSET))

        _work_mode = d.pop("work_mode", UNSET)
        work_mode: WorkMode | Unset
        if isinstance(_work_mode, Unset):
            work_mode = UNSET
        else:
            work_mode = WorkMode(_work_mode)

        opportunity_in = cls(
            deadline=deadline,
            kind=kind,
            organisation=organisation,
            title=title,
            contribution_modes=contribution_modes,
            countries=countries,
            description=description,
            languages=languages,
            organisation_id=organisation_id,
            required_occupations=required_occupations,
            required_skills=required_skills,
            sectors=sectors,
            work_mode=work_mode,
        )

        opportunity_in.additional_properties = d
        return opportunity_in

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
