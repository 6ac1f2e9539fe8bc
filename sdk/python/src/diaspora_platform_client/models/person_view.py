from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.language import Language
    from ..models.person_view_bio_type_0 import PersonViewBioType0
    from ..models.person_view_headline_type_0 import PersonViewHeadlineType0


T = TypeVar("T", bound="PersonView")


@_attrs_define
class PersonView:
    """What a viewer may see of a person: each field only where its visibility allows.

    Attributes:
        person_id (UUID):
        availability (None | str | Unset):
        bio (None | PersonViewBioType0 | Unset): language code -> text
        city (None | str | Unset):
        contribution_modes (list[str] | None | Unset):
        country_of_origin (None | str | Unset):
        country_of_residence (None | str | Unset):
        display_name (None | str | Unset):
        education_level (None | str | Unset):
        family_name (None | str | Unset):
        given_name (None | str | Unset):
        headline (None | PersonViewHeadlineType0 | Unset): language code -> text
        interests (list[str] | None | Unset):
        languages (list[Language] | None | Unset):
        occupations (list[str] | None | Unset): ISCO-08 unit group codes
        open_to_opportunities (bool | None | Unset):
        sectors (list[str] | None | Unset): ISIC Rev.4 section letters
        skills (list[str] | None | Unset): ESCO skill group codes
        tags (list[str] | None | Unset):
        years_of_experience (int | None | Unset):
    """

    person_id: UUID
    availability: None | str | Unset = UNSET
    bio: None | PersonViewBioType0 | Unset = UNSET
    city: None | str | Unset = UNSET
    contribution_modes: list[str] | None | Unset = UNSET
    country_of_origin: None | str | Unset = UNSET
    country_of_residence: None | str | Unset = UNSET
    display_name: None | str | Unset = UNSET
    education_level: None | str | Unset = UNSET
    family_name: None | str | Unset = UNSET
    given_name: None | str | Unset = UNSET
    headline: None | PersonViewHeadlineType0 | Unset = UNSET
    interests: list[str] | None | Unset = UNSET
    languages: list[Language] | None | Unset = UNSET
    occupations: list[str] | None | Unset = UNSET
    open_to_opportunities: bool | None | Unset = UNSET
    sectors: list[str] | None | Unset = UNSET
    skills: list[str] | None | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    years_of_experience: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.person_view_bio_type_0 import PersonViewBioType0  # noqa: PLC0415
        from ..models.person_view_headline_type_0 import PersonViewHeadlineType0  # noqa: PLC0415

        person_id = str(self.person_id)

        availability: None | str | Unset
        if isinstance(self.availability, Unset):
            availability = UNSET
        else:
            availability = self.availability

        bio: dict[str, Any] | None | Unset
        if isinstance(self.bio, Unset):
            bio = UNSET
        elif isinstance(self.bio, PersonViewBioType0):
            bio = self.bio.to_dict()
        else:
            bio = self.bio

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        contribution_modes: list[str] | None | Unset
        if isinstance(self.contribution_modes, Unset):
            contribution_modes = UNSET
        elif isinstance(self.contribution_modes, list):
            contribution_modes = self.contribution_modes

        else:
            contribution_modes = self.contribution_modes

        country_of_origin: None | str | Unset
        if isinstance(self.country_of_origin, Unset):
            country_of_origin = UNSET
        else:
            country_of_origin = self.country_of_origin

        country_of_residence: None | str | Unset
        if isinstance(self.country_of_residence, Unset):
            country_of_residence = UNSET
        else:
            country_of_residence = self.country_of_residence

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        education_level: None | str | Unset
        if isinstance(self.education_level, Unset):
            education_level = UNSET
        else:
            education_level = self.education_level

        family_name: None | str | Unset
        if isinstance(self.family_name, Unset):
            family_name = UNSET
        else:
            family_name = self.family_name

        given_name: None | str | Unset
        if isinstance(self.given_name, Unset):
            given_name = UNSET
        else:
            given_name = self.given_name

        headline: dict[str, Any] | None | Unset
        if isinstance(self.headline, Unset):
            headline = UNSET
        elif isinstance(self.headline, PersonViewHeadlineType0):
            headline = self.headline.to_dict()
        else:
            headline = self.headline

        interests: list[str] | None | Unset
        if isinstance(self.interests, Unset):
            interests = UNSET
        elif isinstance(self.interests, list):
            interests = self.interests

        else:
            interests = self.interests

        languages: list[dict[str, Any]] | None | Unset
        if isinstance(self.languages, Unset):
            languages = UNSET
        elif isinstance(self.languages, list):
            languages = []
            for languages_type_0_item_data in self.languages:
                languages_type_0_item = languages_type_0_item_data.to_dict()
                languages.append(languages_type_0_item)

        else:
            languages = self.languages

        occupations: list[str] | None | Unset
        if isinstance(self.occupations, Unset):
            occupations = UNSET
        elif isinstance(self.occupations, list):
            occupations = self.occupations

        else:
            occupations = self.occupations

        open_to_opportunities: bool | None | Unset
        if isinstance(self.open_to_opportunities, Unset):
            open_to_opportunities = UNSET
        else:
            open_to_opportunities = self.open_to_opportunities

        sectors: list[str] | None | Unset
        if isinstance(self.sectors, Unset):
            sectors = UNSET
        elif isinstance(self.sectors, list):
            sectors = self.sectors

        else:
            sectors = self.sectors

        skills: list[str] | None | Unset
        if isinstance(self.skills, Unset):
            skills = UNSET
        elif isinstance(self.skills, list):
            skills = self.skills

        else:
            skills = self.skills

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        years_of_experience: int | None | Unset
        if isinstance(self.years_of_experience, Unset):
            years_of_experience = UNSET
        else:
            years_of_experience = self.years_of_experience

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "person_id": person_id,
            }
        )
        if availability is not UNSET:
            field_dict["availability"] = availability
        if bio is not UNSET:
            field_dict["bio"] = bio
        if city is not UNSET:
            field_dict["city"] = city
        if contribution_modes is not UNSET:
            field_dict["contribution_modes"] = contribution_modes
        if country_of_origin is not UNSET:
            field_dict["country_of_origin"] = country_of_origin
        if country_of_residence is not UNSET:
            field_dict["country_of_residence"] = country_of_residence
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if education_level is not UNSET:
            field_dict["education_level"] = education_level
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if given_name is not UNSET:
            field_dict["given_name"] = given_name
        if headline is not UNSET:
            field_dict["headline"] = headline
        if interests is not UNSET:
            field_dict["interests"] = interests
        if languages is not UNSET:
            field_dict["languages"] = languages
        if occupations is not UNSET:
            field_dict["occupations"] = occupations
        if open_to_opportunities is not UNSET:
            field_dict["open_to_opportunities"] = open_to_opportunities
        if sectors is not UNSET:
            field_dict["sectors"] = sectors
        if skills is not UNSET:
            field_dict["skills"] = skills
        if tags is not UNSET:
            field_dict["tags"] = tags
        if years_of_experience is not UNSET:
            field_dict["years_of_experience"] = years_of_experience

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.language import Language  # noqa: PLC0415
        from ..models.person_view_bio_type_0 import PersonViewBioType0  # noqa: PLC0415
        from ..models.person_view_headline_type_0 import PersonViewHeadlineType0  # noqa: PLC0415

        d = dict(src_dict)
        person_id = UUID(d.pop("person_id"))

        def _parse_availability(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        availability = _parse_availability(d.pop("availability", UNSET))

        def _parse_bio(data: object) -> None | PersonViewBioType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                bio_type_0 = PersonViewBioType0.from_dict(data)

                return bio_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonViewBioType0 | Unset, data)

        bio = _parse_bio(d.pop("bio", UNSET))

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

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

        def _parse_country_of_origin(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country_of_origin = _parse_country_of_origin(d.pop("country_of_origin", UNSET))

        def _parse_country_of_residence(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country_of_residence = _parse_country_of_residence(
            d.pop("country_of_residence", UNSET)
        )

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        def _parse_education_level(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        education_level = _parse_education_level(d.pop("education_level", UNSET))

        def _parse_family_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        family_name = _parse_family_name(d.pop("family_name", UNSET))

        def _parse_given_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        given_name = _parse_given_name(d.pop("given_name", UNSET))

        def _parse_headline(data: object) -> None | PersonViewHeadlineType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                headline_type_0 = PersonViewHeadlineType0.from_dict(data)

                return headline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonViewHeadlineType0 | Unset, data)

        headline = _parse_headline(d.pop("headline", UNSET))

        def _parse_interests(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                interests_type_0 = cast(list[str], data)

                return interests_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        interests = _parse_interests(d.pop("interests", UNSET))

        def _parse_languages(data: object) -> list[Language] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                languages_type_0 = []
                _languages_type_0 = data
                for languages_type_0_item_data in _languages_type_0:
                    languages_type_0_item = Language.from_dict(
                        languages_type_0_item_data
                    )

                    languages_type_0.append(languages_type_0_item)

                return languages_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Language] | None | Unset, data)

        languages = _parse_languages(d.pop("languages", UNSET))

        def _parse_occupations(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                occupations_type_0 = cast(list[str], data)

                return occupations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        occupations = _parse_occupations(d.pop("occupations", UNSET))

        def _parse_open_to_opportunities(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        open_to_opportunities = _parse_open_to_opportunities(
            d.pop("open_to_opportunities", UNSET)
        )

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

        def _parse_skills(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                skills_type_0 = cast(list[str], data)

                return skills_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        skills = _parse_skills(d.pop("skills", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_years_of_experience(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        years_of_experience = _parse_years_of_experience(
            d.pop("years_of_experience", UNSET)
        )

        person_view = cls(
            person_id=person_id,
            availability=availability,
            bio=bio,
            city=city,
            contribution_modes=contribution_modes,
            country_of_origin=country_of_origin,
            country_of_residence=country_of_residence,
            display_name=display_name,
            education_level=education_level,
            family_name=family_name,
            given_name=given_name,
            headline=headline,
            interests=interests,
            languages=languages,
            occupations=occupations,
            open_to_opportunities=open_to_opportunities,
            sectors=sectors,
            skills=skills,
            tags=tags,
            years_of_experience=years_of_experience,
        )

        person_view.additional_properties = d
        return person_view

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
