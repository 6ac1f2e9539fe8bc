"""The dimensions mapping aggregates can be disaggregated by, and how answers feed them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Dimension(StrEnum):
    ORIGIN = "origin"
    RESIDENCE = "residence"
    GENDER = "gender"
    AGE_BAND = "age_band"
    EDUCATION = "education"
    SECTOR = "sector"
    SKILL = "skill"
    LANGUAGE = "language"
    CONTRIBUTION_MODE = "contribution_mode"
    NEED = "need"
    WAVE = "wave"


#: a respondent may hold several values of these (lines of a table are not additive)
MULTI_VALUED = frozenset(
    {
        Dimension.SECTOR,
        Dimension.SKILL,
        Dimension.LANGUAGE,
        Dimension.CONTRIBUTION_MODE,
        Dimension.NEED,
    }
)

#: answers a questionnaire maps onto dimensions (the XLSForm ``dimension`` column); the birth
#: year becomes an age band at submission time and is not kept as a dimension
SOURCES = frozenset({*(d.value for d in Dimension if d != Dimension.WAVE), "birth_year"})

AGE_BANDS = ("15-24", "25-34", "35-44", "45-54", "55-64", "65+")


def age_band(birth_year: int, on: date) -> str | None:
    age = on.year - birth_year
    if age < 15 or age > 120:
        return None
    if age >= 65:
        return "65+"
    low = 15 + ((age - 15) // 10) * 10
    return f"{low}-{low + 9}"


def parse_dimensions(text: str) -> tuple[Dimension, ...]:
    names = [t.strip() for t in text.split(",") if t.strip()]
    try:
        dims = tuple(Dimension(n) for n in names)
    except ValueError as exc:
        raise ValueError(f"unknown dimension in {text!r}") from exc
    if len(set(dims)) != len(dims):
        raise ValueError("a dimension is repeated")
    return dims
