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
