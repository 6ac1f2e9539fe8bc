from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SegmentBody")


@_attrs_define
class SegmentBody:
    """
    Attributes:
        alliance_body_ids (list[UUID] | Unset): representatives of members holding an active seat on these alliance
            bodies
        alliance_body_kinds (list[str] | Unset): representatives of members holding an active seat on an alliance body
            of these kinds (secretariat, steering_committee, advisory_group, working_group, plenary)
        alliance_ids (list[UUID] | Unset): representatives of active members of these alliances
        alliance_member_kinds (list[str] | Unset): representatives of active alliance members of these kinds
            (member_state, organisation, expert, observer, guest, youth_leader)
        countries_of_origin (list[str] | Unset):
        countries_of_residence (list[str] | Unset):
        interests (list[str] | Unset):
        languages (list[str] | Unset):
        organisation_kinds (list[str] | Unset): members of organisations of these kinds (e.g. diaspora_association)
    """

    alliance_body_ids: list[UUID] | Unset = UNSET
    alliance_body_kinds: list[str] | Unset = UNSET
    alliance_ids: list[UUID] | Unset = UNSET
    alliance_member_kinds: list[str] | Unset = UNSET
    countries_of_origin: list[str] | Unset = UNSET
    countries_of_residence: list[str] | Unset = UNSET
    interests: list[str] | Unset = UNSET
    languages: list[str] | Unset = UNSET
    organisation_kinds: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliance_body_ids: list[str] | Unset = UNSET
        if not isinstance(self.alliance_body_ids, Unset):
            alliance_body_ids = []
            for alliance_body_ids_item_data in self.alliance_body_ids:
                alliance_body_ids_item = str(alliance_body_ids_item_data)
                alliance_body_ids.append(alliance_body_ids_item)

        alliance_body_kinds: list[str] | Unset = UNSET
        if not isinstance(self.alliance_body_kinds, Unset):
            alliance_body_kinds = self.alliance_body_kinds

        alliance_ids: list[str] | Unset = UNSET
        if not isinstance(self.alliance_ids, Unset):
            alliance_ids = []
            for alliance_ids_item_data in self.alliance_ids:
                alliance_ids_item = str(alliance_ids_item_data)
                alliance_ids.append(alliance_ids_item)

        alliance_member_kinds: list[str] | Unset = UNSET
        if not isinstance(self.alliance_member_kinds, Unset):
            alliance_member_kinds = self.alliance_member_kinds

        countries_of_origin: list[str] | Unset = UNSET
        if not isinstance(self.countries_of_origin, Unset):
            countries_of_origin = self.countries_of_origin

        countries_of_residence: list[str] | Unset = UNSET
        if not isinstance(self.countries_of_residence, Unset):
            countries_of_residence = self.countries_of_residence

        interests: list[str] | Unset = UNSET
        if not isinstance(self.interests, Unset):
            interests = self.interests

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        organisation_kinds: list[str] | Unset = UNSET
        if not isinstance(self.organisation_kinds, Unset):
            organisation_kinds = self.organisation_kinds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if alliance_body_ids is not UNSET:
            field_dict["alliance_body_ids"] = alliance_body_ids
        if alliance_body_kinds is not UNSET:
            field_dict["alliance_body_kinds"] = alliance_body_kinds
        if alliance_ids is not UNSET:
            field_dict["alliance_ids"] = alliance_ids
        if alliance_member_kinds is not UNSET:
            field_dict["alliance_member_kinds"] = alliance_member_kinds
        if countries_of_origin is not UNSET:
            field_dict["countries_of_origin"] = countries_of_origin
        if countries_of_residence is not UNSET:
            field_dict["countries_of_residence"] = countries_of_residence
        if interests is not UNSET:
            field_dict["interests"] = interests
        if languages is not UNSET:
            field_dict["languages"] = languages
        if organisation_kinds is not UNSET:
            field_dict["organisation_kinds"] = organisation_kinds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _alliance_body_ids = d.pop("alliance_body_ids", UNSET)
        alliance_body_ids: list[UUID] | Unset = UNSET
        if _alliance_body_ids is not UNSET:
            alliance_body_ids = []
            for alliance_body_ids_item_data in _alliance_body_ids:
                alliance_body_ids_item = UUID(alliance_body_ids_item_data)

                alliance_body_ids.append(alliance_body_ids_item)

        alliance_body_kinds = cast(list[str], d.pop("alliance_body_kinds", UNSET))

        _alliance_ids = d.pop("alliance_ids", UNSET)
        alliance_ids: list[UUID] | Unset = UNSET
        if _alliance_ids is not UNSET:
            alliance_ids = []
            for alliance_ids_item_data in _alliance_ids:
                alliance_ids_item = UUID(alliance_ids_item_data)

                alliance_ids.append(alliance_ids_item)

        alliance_member_kinds = cast(list[str], d.pop("alliance_member_kinds", UNSET))

        countries_of_origin = cast(list[str], d.pop("countries_of_origin", UNSET))

        countries_of_residence = cast(list[str], d.pop("countries_of_residence", UNSET))

        interests = cast(list[str], d.pop("interests", UNSET))

        languages = cast(list[str], d.pop("languages", UNSET))

        organisation_kinds = cast(list[str], d.pop("organisation_kinds", UNSET))

        segment_body = cls(
            alliance_body_ids=alliance_body_ids,
            alliance_body_kinds=alliance_body_kinds,
            alliance_ids=alliance_ids,
            alliance_member_kinds=alliance_member_kinds,
            countries_of_origin=countries_of_origin,
            countries_of_residence=countries_of_residence,
            interests=interests,
            languages=languages,
            organisation_kinds=organisation_kinds,
        )

        segment_body.additional_properties = d
        return segment_body

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
