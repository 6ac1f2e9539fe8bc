"""The PersonProfile aggregate: how a diaspora member presents themself, field by field.

Each shareable field has its own visibility. Gender and birth year are kept for
disaggregated statistics only: no view but the owner's contains them, no event carries them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any, TypeVar
from uuid import UUID

from contracts.vocabulary import UnknownCode, scheme
from eventkit import domain_errors as kinds
from eventkit.aggregate import AggregateRoot
from eventkit.preconditions import etag
from profiles.domain import events


class Visibility(StrEnum):
    PUBLIC = "public"
    MEMBERS = "members"
    CONNECTIONS = "connections"
    PRIVATE = "private"


class Relation(IntEnum):
    """How the viewer relates to the person; a field shows if the relation reaches its level."""

    ANONYMOUS = 0
    MEMBER = 1
    CONNECTION = 2
    OWNER = 3


_NEEDS = {
    Visibility.PUBLIC: Relation.ANONYMOUS,
    Visibility.MEMBERS: Relation.MEMBER,
    Visibility.CONNECTIONS: Relation.CONNECTION,
    Visibility.PRIVATE: Relation.OWNER,
}


class Availability(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    OCCASIONAL = "occasional"
    UNAVAILABLE = "unavailable"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"


LANGUAGE_LEVELS = ("native", "fluent", "C2", "C1", "B2", "B1", "A2", "A1", "basic")
#: fields whose visibility the person chooses (gender and birth year are never shown)
VISIBLE_FIELDS = (
    "display_name",
    "given_name",
    "family_name",
    "headline",
    "bio",
    "country_of_origin",
    "country_of_residence",
    "city",
    "languages",
    "skills",
    "occupations",
    "tags",
    "sectors",
    "interests",
    "education_level",
    "years_of_experience",
    "contribution_modes",
    "availability",
    "open_to_opportunities",
)
PHOTO = "photo"
#: privacy by default: members only, the city for connections only
DEFAULT_VISIBILITY: dict[str, Visibility] = {
    name: Visibility.CONNECTIONS if name == "city" else Visibility.MEMBERS
    for name in (*VISIBLE_FIELDS, PHOTO)
}
MAX_LIST = 30
E = TypeVar("E", bound=StrEnum)


class InvalidProfile(kinds.InvalidInput, ValueError):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}", field=field_name)
        self.errors = [{"loc": ["body", field_name], "msg": message}]
        self.extensions["errors"] = self.errors
        self.field_name = field_name
        self.reason = message


@dataclass(frozen=True, kw_only=True)
class LanguageSkill:
    code: str
    level: str = "fluent"


@dataclass(frozen=True, kw_only=True)
class ProfileDetails:
    """Everything the person edits, validated (codes normalised, lists deduplicated)."""

    display_name: str
    given_name: str | None = None
    family_name: str | None = None
    headline: dict[str, str] = field(default_factory=dict)  # language -> text
    bio: dict[str, str] = field(default_factory=dict)
    country_of_origin: str | None = None
    country_of_residence: str | None = None
    city: str | None = None
    languages: tuple[LanguageSkill, ...] = ()
    skills: tuple[str, ...] = ()
    occupations: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    education_level: str | None = None
    years_of_experience: int | None = None
    contribution_modes: tuple[str, ...] = ()
    availability: str | None = None
    open_to_opportunities: bool = False
    gender: str | None = None
    birth_year: int | None = None
    visibility: dict[str, Visibility] = field(default_factory=dict)

    @classmethod
    def validated(cls, now: datetime, **raw: Any) -> ProfileDetails:
        """Build from untrusted input; ``InvalidProfile`` names the first bad field. ``now``:
        a birth year is checked against the current year (at least 13 years old)."""
        now_year = now.year
        display_name = _text("display_name", raw.get("display_name"), 200)
        if not display_name:
            raise InvalidProfile("display_name", "is required")
        visibility = dict(DEFAULT_VISIBILITY)
        for name, level in (raw.get("visibility") or {}).items():
            if name not in DEFAULT_VISIBILITY:
                raise InvalidProfile("visibility", f"unknown field {name!r}")
            visibility[name] = _enum("visibility", level, Visibility)
        birth_year = raw.get("birth_year")
        if birth_year is not None and not (1900 <= int(birth_year) <= now_year - 13):
            raise InvalidProfile("birth_year", f"must be between 1900 and {now_year - 13}")
        years = raw.get("years_of_experience")
        if years is not None and not (0 <= int(years) <= 80):
            raise InvalidProfile("years_of_experience", "must be between 0 and 80")
        return cls(
            display_name=display_name,
            given_name=_text("given_name", raw.get("given_name"), 100),
            family_name=_text("family_name", raw.get("family_name"), 100),
            headline=_translations("headline", raw.get("headline"), 200),
            bio=_translations("bio", raw.get("bio"), 5000),
            country_of_origin=_country("country_of_origin", raw.get("country_of_origin")),
            country_of_residence=_country("country_of_residence", raw.get("country_of_residence")),
            city=_text("city", raw.get("city"), 120),
            languages=_languages(raw.get("languages") or []),
            skills=_coded("skills", raw.get("skills"), "skills"),
            occupations=_coded("occupations", raw.get("occupations"), "occupations"),
            tags=_free("tags", raw.get("tags"), 50),
            sectors=_coded("sectors", raw.get("sectors"), "sectors"),
            interests=_free("interests", raw.get("interests"), 80),
            education_level=_code_or_none(
                "education_level", raw.get("education_level"), "education_levels"
            ),
            years_of_experience=None if years is None else int(years),
            contribution_modes=_coded(
                "contribution_modes", raw.get("contribution_modes"), "contribution_modes"
            ),
            availability=_enum_or_none("availability", raw.get("availability"), Availability),
            open_to_opportunities=bool(raw.get("open_to_opportunities", False)),
            gender=_enum_or_none("gender", raw.get("gender"), Gender),
            birth_year=None if birth_year is None else int(birth_year),
            visibility=visibility,
        )

    def as_document(self) -> dict[str, Any]:
        """The editable document (what the owner reads back and merge-patches)."""
        doc: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        doc["languages"] = [{"code": x.code, "level": x.level} for x in self.languages]
        for name in ("skills", "occupations", "tags", "sectors", "interests"):
            doc[name] = list(doc[name])
        doc["contribution_modes"] = list(self.contribution_modes)
        doc["visibility"] = {k: v.value for k, v in self.visibility.items()}
        return doc


@dataclass(kw_only=True, eq=False)
class PersonProfile(AggregateRoot):
    person_id: UUID
    details: ProfileDetails
    locale: str = "en"
    created_at: datetime
    updated_at: datetime
    #: the person has not withdrawn directory_listing consent (kept by the consent ledger)
    listed: bool = True

    @classmethod
    def create(
        cls, person_id: UUID, details: ProfileDetails, *, locale: str, now: datetime
    ) -> PersonProfile:
        profile = cls(
            person_id=person_id, details=details, locale=locale, created_at=now, updated_at=now
        )
        profile.record(events.PersonProfileCreated(person_id=person_id))
        return profile

    def revise(self, details: ProfileDetails, now: datetime) -> bool:
        """Replace the details; False (no new version, no event) when nothing changed."""
        if details == self.details:
            return False
        self.details = details
        self.updated_at = now
        self.record(events.PersonProfileUpdated(person_id=self.person_id))
        return True

    def set_listed(self, listed: bool, now: datetime) -> bool:
        """Follow the directory_listing consent; a new snapshot tells matching services."""
        if listed == self.listed:
            return False
        self.listed = listed
        self.updated_at = now
        self.record(events.PersonProfileUpdated(person_id=self.person_id))
        return True

    @property
    def etag(self) -> str:
        return etag(self.version)

    def may_see(self, field_name: str, relation: Relation) -> bool:
        return relation >= _NEEDS[self.details.visibility[field_name]]

    def visible_to(self, relation: Relation) -> dict[str, Any]:
        """The fields ``relation`` may see; the owner also gets the private statistics."""
        doc = self.details.as_document()
        view: dict[str, Any] = {"person_id": str(self.person_id)}
        for name in VISIBLE_FIELDS:
            if relation >= _NEEDS[self.details.visibility[name]]:
                view[name] = doc[name]
        if relation == Relation.OWNER:
            view["gender"] = doc["gender"]
            view["birth_year"] = doc["birth_year"]
            view["visibility"] = doc["visibility"]
            view["version"] = self.version
        return view

    def shareable(self) -> dict[str, Any]:
        """What other services may hold: fields visible to every member (for snapshots)."""
        return self.visible_to(Relation.MEMBER)


# ---- validation helpers ---------------------------------------------------------------
def _text(name: str, value: Any, max_len: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidProfile(name, "must be text")
    text = " ".join(value.split())
    if len(text) > max_len:
        raise InvalidProfile(name, f"at most {max_len} characters")
    return text or None


def _language_code(name: str, code: Any) -> str:
    return _canonical(name, "languages", code)


def _canonical(name: str, scheme_name: str, code: Any) -> str:
    """The vocabulary's canonical form of ``code`` (any case or alias in)."""
    try:
        return scheme(scheme_name).validate(code)
    except UnknownCode as exc:
        raise InvalidProfile(name, str(exc)) from exc


def _translations(name: str, value: Any, max_len: int) -> dict[str, str]:
    if not value:
        return {}
    if not isinstance(value, dict):
        raise InvalidProfile(name, "must map language codes to text")
    out: dict[str, str] = {}
    for lang, text in value.items():
        cleaned = _text(name, text, max_len)
        if cleaned:
            out[_language_code(name, lang)] = cleaned
    return out


def _country(name: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    return _canonical(name, "countries", value)


def _languages(value: Any) -> tuple[LanguageSkill, ...]:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise InvalidProfile("languages", f"a list of at most {MAX_LIST} languages")
    seen: dict[str, LanguageSkill] = {}
    for item in value:
        if not isinstance(item, dict):
            raise InvalidProfile("languages", "each item is {code, level}")
        code = _language_code("languages", item.get("code"))
        level = item.get("level") or "fluent"
        if level not in LANGUAGE_LEVELS:
            raise InvalidProfile("languages", f"level must be one of {list(LANGUAGE_LEVELS)}")
        seen.setdefault(code, LanguageSkill(code=code, level=level))
    return tuple(seen.values())


def _list(name: str, value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise InvalidProfile(name, f"a list of at most {MAX_LIST} items")
    return value


def _coded(name: str, value: Any, scheme_name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_canonical(name, scheme_name, code) for code in _list(name, value)))


def _code_or_none(name: str, value: Any, scheme_name: str) -> str | None:
    if value is None:
        return None
    return _coded(name, [value], scheme_name)[0]


def _free(name: str, value: Any, max_len: int) -> tuple[str, ...]:
    out: list[str] = []
    for item in _list(name, value):
        text = _text(name, item, max_len)
        if text:
            out.append(text.lower())
    return tuple(dict.fromkeys(out))


def _enum(name: str, value: Any, enum: type[E]) -> E:
    try:
        return enum(value)
    except ValueError as exc:
        raise InvalidProfile(name, f"must be one of {[e.value for e in enum]}") from exc


def _enum_or_none(name: str, value: Any, enum: type[StrEnum]) -> str | None:
    return None if value is None else _enum(name, value, enum).value
