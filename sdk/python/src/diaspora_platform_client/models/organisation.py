from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.organisation_kind import OrganisationKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organisation_description import OrganisationDescription
    from ..models.verification_refusal import VerificationRefusal


T = TypeVar("T", bound="Organisation")


@_attrs_define
class Organisation:
    """An organisation as everyone sees it (its ``ETag`` is ``version``).

    Attributes:
        city (None | str):
        country (str): ISO 3166-1 alpha-2
        description (OrganisationDescription): language code -> text
        kind (OrganisationKind):
        member_count (int):
        name (str):
        organisation_id (UUID):
        verified (bool):
        verified_at (datetime.datetime | None):
        version (int):
        website (None | str):
        verification_refusal (None | Unset | VerificationRefusal): why a platform administrator refused to verify it;
            shown only to the organisation's administrators and to those who verify organisations
    """

    city: None | str
    country: str
    description: OrganisationDescription
    kind: OrganisationKind
    member_count: int
    name: str
    organisation_id: UUID
    verified: bool
    verified_at: datetime.datetime | None
    version: int
    website: None | str
    verification_refusal: None | Unset | VerificationRefusal = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.verification_refusal import VerificationRefusal  # noqa: PLC0415

        city: None | str
        city = self.city

        country = self.country

        description = self.description.to_dict()

        kind = self.kind.value

        member_count = self.member_count

        name = self.name

        organisation_id = str(self.organisation_id)

        verified = self.verified

        verified_at: None | str
        if isinstance(self.verified_at, datetime.datetime):
            verified_at = self.verified_at.isoformat()
        else:
            verified_at = self.verified_at

        version = self.version

        website: None | str
        website = self.website

        verification_refusal: dict[str, Any] | None | Unset
        if isinstance(self.verification_refusal, Unset):
            verification_refusal = UNSET
        elif isinstance(self.verification_refusal, VerificationRefusal):
            verification_refusal = self.verification_refusal.to_dict()
        else:
            verification_refusal = self.verification_refusal

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "city": city,
                "country": country,
                "description": description,
                "kind": kind,
                "member_count": member_count,
                "name": name,
                "organisation_id": organisation_id,
                "verified": verified,
                "verified_at": verified_at,
                "version": version,
                "website": website,
            }
        )
        if verification_refusal is not UNSET:
            field_dict["verification_refusal"] = verification_refusal

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organisation_description import OrganisationDescription  # noqa: PLC0415
        from ..models.verification_refusal import VerificationRefusal  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_city(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        city = _parse_city(d.pop("city"))

        country = d.pop("country")

        description = OrganisationDescription.from_dict(d.pop("description"))

        kind = OrganisationKind(d.pop("kind"))

        member_count = d.pop("member_count")

        name = d.pop("name")

        organisation_id = UUID(d.pop("organisation_id"))

        verified = d.pop("verified")

        def _parse_verified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        verified_at = _parse_verified_at(d.pop("verified_at"))

        version = d.pop("version")

        def _parse_website(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        website = _parse_website(d.pop("website"))

        def _parse_verification_refusal(
            data: object,
        ) -> None | Unset | VerificationRefusal:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                verification_refusal_type_0 = VerificationRefusal.from_dict(data)

                return verification_refusal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerificationRefusal, data)

        verification_refusal = _parse_verification_refusal(
            d.pop("verification_refusal", UNSET)
        )

        organisation = cls(
            city=city,
            country=country,
            description=description,
            kind=kind,
            member_count=member_count,
            name=name,
            organisation_id=organisation_id,
            verified=verified,
            verified_at=verified_at,
            version=version,
            website=website,
            verification_refusal=verification_refusal,
        )

        organisation.additional_properties = d
        return organisation

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
