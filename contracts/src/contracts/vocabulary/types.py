"""Pydantic field types that validate through the vocabulary and keep the canonical code.

``country: CountryCode`` accepts ``"ht"`` and stores ``"HT"``; an unknown code is a
validation error (422 at the HTTP edge) naming the scheme and its code form. The JSON Schema
of each type says which scheme it draws from (``x-vocabulary``), so clients can fetch the
labels.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field

from contracts.vocabulary.catalogue import scheme


def _field(name: str, max_length: int) -> Any:
    return Field(
        min_length=1,
        max_length=max_length,
        json_schema_extra={"x-vocabulary": name},
        description=f"a code of the {name} scheme (GET /v1/vocabulary/{name})",
    )


def _canonical(name: str) -> AfterValidator:
    def canonical(value: str) -> str:
        return scheme(name).validate(value)

    return AfterValidator(canonical)


CountryCode = Annotated[str, _field("countries", 2), _canonical("countries")]
LanguageCode = Annotated[str, _field("languages", 3), _canonical("languages")]
OccupationCode = Annotated[str, _field("occupations", 4), _canonical("occupations")]
SkillCode = Annotated[str, _field("skills", 10), _canonical("skills")]
SectorCode = Annotated[str, _field("sectors", 2), _canonical("sectors")]
EducationLevel = Annotated[str, _field("education_levels", 2), _canonical("education_levels")]
ContributionMode = Annotated[
    str, _field("contribution_modes", 40), _canonical("contribution_modes")
]
SdgCode = Annotated[str, _field("sdgs", 2), _canonical("sdgs")]
CurrencyCode = Annotated[str, _field("currencies", 3), _canonical("currencies")]


def locale_tag(value: str) -> str:
    """A BCP 47 tag whose language is in the vocabulary, in canonical case: ``fr``,
    ``fr-CA``, ``pt-BR``, ``zh-Hant-TW``, ``es-419``. ``ValueError`` otherwise."""
    language, *subtags = value.strip().replace("_", "-").split("-")
    out = [scheme("languages").validate(language)]
    for subtag in subtags:
        if len(subtag) == 2 and subtag.isalpha():
            out.append(scheme("countries").validate(subtag))
        elif len(subtag) == 4 and subtag.isalpha():
            out.append(subtag.title())
        elif len(subtag) == 3 and subtag.isdigit():
            out.append(subtag)
        elif 5 <= len(subtag) <= 8 and subtag.isalnum():
            out.append(subtag.lower())
        else:
            raise ValueError(f"{value!r} is not a BCP 47 language tag (e.g. fr, fr-CA, ar-EG)")
    return "-".join(out)


LocaleTag = Annotated[
    str,
    Field(
        min_length=2,
        max_length=35,
        json_schema_extra={"x-vocabulary": "languages"},
        description="a BCP 47 language tag (fr, fr-CA, ar-EG) of a language in the vocabulary",
    ),
    AfterValidator(locale_tag),
]
