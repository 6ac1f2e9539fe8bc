from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.language_input import LanguageInput
    from ..models.profile_input_bio import ProfileInputBio
    from ..models.profile_input_headline import ProfileInputHeadline
    from ..models.profile_input_visibility import ProfileInputVisibility


T = TypeVar("T", bound="ProfileInput")


@_attrs_define
class ProfileInput:
    """The whole editable profile (PUT replaces it; PATCH is a JSON Merge Patch of it).

    Attributes:
        display_name (str):
        availability (None | str | Unset):
        bio (ProfileInputBio | Unset): language code -> text
        birth_year (int | None | Unset): statistics only; never shown
        city (None | str | Unset):
        contribution_modes (list[str] | Unset):
        country_of_origin (None | str | Unset): ISO 3166-1 alpha-2
        country_of_residence (None | str | Unset): ISO 3166-1 alpha-2
        education_level (None | str | Unset): ISCED 2011 level 0-8
        family_name (None | str | Unset):
        gender (None | str | Unset): statistics only; never shown
        given_name (None | str | Unset):
        headline (ProfileInputHeadline | Unset): language code -> text
        interests (list[str] | Unset):
        languages (list[LanguageInput] | Unset):
        occupations (list[str] | Unset): ISCO-08 unit group codes
        open_to_opportunities (bool | Unset):  Default: False.
        sectors (list[str] | Unset): ISIC Rev.4 section letters
        skills (list[str] | Unset): ESCO skill group codes
        tags (list[str] | Unset): free skill tags
        visibility (ProfileInputVisibility | Unset): field -> public | members | connections | private
        years_of_experience (int | None | Unset):
    """

    display_name: str
    availability: None | str | Unset = UNSET
    bio: ProfileInputBio | Unset = UNSET
    birth_year: int | None | Unset = UNSET
    city: None | str | Unset = UNSET
    contribution_modes: list[str] | Unset = UNSET
    country_of_origin: None | str | Unset = UNSET
    country_of_residence: None | str | Unset = UNSET
    education_level: None | str | Unset = UNSET
    family_name: None | str | Unset = UNSET
    gender: None | str | Unset = UNSET
    given_name: None | str | Unset = UNSET
    headline: ProfileInputHeadline | Unset = UNSET
    interests: list[str] | Unset = UNSET
    languages: list[LanguageInput] | Unset = UNSET
    occupations: list[str] | Unset = UNSET
    open_to_opportunities: bool | Unset = False
    sectors: list[str] | Unset = UNSET
    skills: list[str] | Unset = UNSET
    tags: list[str] | Unset = UNSET
    visibility: ProfileInputVisibility | Unset = UNSET
    years_of_experience: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        availability: None | str | Unset
        if isinstance(self.availability, Unset):
            availability = UNSET
        else:
            availability = self.availability

        bio: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bio, Unset):
            bio = self.bio.to_dict()

        birth_year: int | None | Unset
        if isinstance(self.birth_year, Unset):
            birth_year = UNSET
        else:
            birth_year = self.birth_year

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        contribution_modes: list[str] | Unset = UNSET
        if not isinstance(self.contribution_modes, Unset):
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

        gender: None | str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        else:
            gender = self.gender

        given_name: None | str | Unset
        if isinstance(self.given_name, Unset):
            given_name = UNSET
        else:
            given_name = self.given_name

        headline: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headline, Unset):
            headline = self.headline.to_dict()

        interests: list[str] | Unset = UNSET
        if not isinstance(self.interests, Unset):
            interests = self.interests

        languages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = []
            for languages_item_data in self.languages:
                languages_item = languages_item_data.to_dict()
                languages.append(languages_item)

        occupations: list[str] | Unset = UNSET
        if not isinstance(self.occupations, Unset):
            occupations = self.occupations

        open_to_opportunities = self.open_to_opportunities

        sectors: list[str] | Unset = UNSET
        if not isinstance(self.sectors, Unset):
            sectors = self.sectors

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        visibility: dict[str, Any] | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.to_dict()

        years_of_experience: int | None | Unset
        if isinstance(self.years_of_experience, Unset):
            years_of_experience = UNSET
        else:
            years_of_experience = self.years_of_experience

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "display_name": display_name,
            }
        )
        if availability is not UNSET:
            field_dict["availability"] = availability
        if bio is not UNSET:
            field_dict["bio"] = bio
        if birth_year is not UNSET:
            field_dict["birth_year"] = birth_year
        if city is not UNSET:
            field_dict["city"] = city
        if contribution_modes is not UNSET:
            field_dict["contribution_modes"] = contribution_modes
        if country_of_origin is not UNSET:
            field_dict["country_of_origin"] = country_of_origin
        if country_of_residence is not UNSET:
            field_dict["country_of_residence"] = country_of_residence
        if education_level is not UNSET:
            field_dict["education_level"] = education_level
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if gender is not UNSET:
            field_dict["gender"] = gender
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
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if years_of_experience is not UNSET:
            field_dict["years_of_experience"] = years_of_experience

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.language_input import LanguageInput  # noqa: PLC0415
        from ..models.profile_input_bio import ProfileInputBio  # noqa: PLC0415
        from ..models.profile_input_headline import ProfileInputHeadline  # noqa: PLC0415
        from ..models.profile_input_visibility import ProfileInputVisibility  # noqa: PLC0415

        d = dict(src_dict)
        display_name = d.pop("display_name")

        def _parse_availability(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        availability = _parse_availability(d.pop("availability", UNSET))

        _bio = d.pop("bio", UNSET)
        bio: ProfileInputBio | Unset
        if isinstance(_bio, Unset):
            bio = UNSET
        else:
            bio = ProfileInputBio.from_dict(_bio)

        def _parse_birth_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        birth_year = _parse_birth_year(d.pop("birth_year", UNSET))

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

        contribution_modes = cast(list[str], d.pop("contribution_modes", UNSET))

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

        def _parse_gender(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))

        def _parse_given_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        given_name = _parse_given_name(d.pop("given_name", UNSET))

        _headline = d.pop("headline", UNSET)
        headline: ProfileInputHeadline | Unset
        if isinstance(_headline, Unset):
            headline = UNSET
        else:
            headline = ProfileInputHeadline.from_dict(_headline)

        interests = cast(list[str], d.pop("interests", UNSET))

        _languages = d.pop("languages", UNSET)
        languages: list[LanguageInput] | Unset = UNSET
        if _languages is not UNSET:
            languages = []
            for languages_item_data in _languages:
                languages_item = LanguageInput.from_dict(languages_item_data)

                languages.append(languages_item)

        occupations = cast(list[str], d.pop("occupations", UNSET))

        open_to_opportunities = d.pop("open_to_opportunities", UNSET)

        sectors = cast(list[str], d.pop("sectors", UNSET))

        skills = cast(list[str], d.pop("skills", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        _visibility = d.pop("visibility", UNSET)
        visibility: ProfileInputVisibility | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = ProfileInputVisibility.from_dict(_visibility)

        def _parse_years_of_experience(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        years_of_experience = _parse_years_of_experience(
            d.pop("years_of_experience", UNSET)
        )

        profile_input = cls(
            display_name=display_name,
            availability=availability,
            bio=bio,
            birth_year=birth_year,
            city=city,
            contribution_modes=contribution_modes,
            country_of_origin=country_of_origin,
            country_of_residence=country_of_residence,
            education_level=education_level,
            family_name=family_name,
            gender=gender,
            given_name=given_name,
            headline=headline,
            interests=interests,
            languages=languages,
            occupations=occupations,
            open_to_opportunities=open_to_opportunities,
            sectors=sectors,
            skills=skills,
            tags=tags,
            visibility=visibility,
            years_of_experience=years_of_experience,
        )

        return profile_input
