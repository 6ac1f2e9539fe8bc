"""Questionnaires: versioned, multilingual, with skip logic; and what an answer sheet means.

A survey version is immutable once created: answers always refer to the exact wording and
choices they were given for. A respondent's answer sheet is validated against it, irrelevant
answers (skip logic) are dropped, and the answers that feed statistics (the ``dimension`` of
a question) are turned into *facts*: the only part of a response analytics ever reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from contracts.vocabulary import scheme
from eventkit import domain_errors as kinds
from profiles.mapping.domain.dimensions import MULTI_VALUED, SOURCES, Dimension, age_band
from profiles.mapping.domain.relevance import Predicate, compile_relevant


class InvalidSurvey(kinds.InvalidInput, ValueError):
    pass


class InvalidAnswers(kinds.InvalidInput, ValueError):
    title = "Invalid Answers"

    def __init__(self, errors: dict[str, str]) -> None:
        # the chassis' one shape for field errors (a list of loc/msg), so clients such as
        # the web map each message beside its question; the dict stays for import reports
        super().__init__(
            "Some answers are not valid.",
            errors=[{"loc": ["body", "answers", name], "msg": msg} for name, msg in errors.items()],
        )
        self.errors = errors


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    COUNTRY = "country"
    LANGUAGE = "language"
    SKILL = "skill"
    SECTOR = "sector"
    LIKERT = "likert"
    NOTE = "note"


LIKERT_SCALE = ("1", "2", "3", "4", "5")


@dataclass(frozen=True)
class Choice:
    name: str
    labels: dict[str, str]


@dataclass(frozen=True)
class Question:
    name: str
    type: QuestionType
    labels: dict[str, str]
    required: bool = False
    #: several values (multiple choice, or several countries/languages/skills/sectors)
    multiple: bool = False
    choices: tuple[Choice, ...] = ()
    relevant: str = ""
    #: the statistics dimension this answer feeds (see ``dimensions.SOURCES``)
    dimension: str | None = None


@dataclass(frozen=True)
class SurveyDefinition:
    """A questionnaire version (what XLSForm import and the HTTP API produce)."""

    title: dict[str, str]
    languages: tuple[str, ...]
    questions: tuple[Question, ...]
    default_language: str = "en"
    form_id: str = ""
    form_version: str = ""
    _relevance: dict[str, Predicate] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        names = [q.name for q in self.questions]
        if len(set(names)) != len(names):
            raise InvalidSurvey("question names must be unique")
        if not self.questions:
            raise InvalidSurvey("a survey needs at least one question")
        known = set(names)
        for q in self.questions:
            if (
                q.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)
                and not q.choices
            ):
                raise InvalidSurvey(f"question {q.name!r} has no choices")
            if q.dimension is not None and q.dimension not in SOURCES:
                raise InvalidSurvey(f"question {q.name!r}: unknown dimension {q.dimension!r}")
            if q.relevant:
                try:
                    predicate, refs = compile_relevant(q.relevant)
                except ValueError as exc:
                    raise InvalidSurvey(f"question {q.name!r}: {exc}") from exc
                if not refs <= known:
                    raise InvalidSurvey(
                        f"question {q.name!r} refers to unknown {sorted(refs - known)}"
                    )
                self._relevance[q.name] = predicate

    def question(self, name: str) -> Question | None:
        return next((q for q in self.questions if q.name == name), None)

    def validate(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Clean answers (normalised types; answers hidden by skip logic dropped)."""
        unknown = set(raw) - {q.name for q in self.questions}
        errors: dict[str, str] = {name: "not a question of this survey" for name in unknown}
        answers: dict[str, Any] = {}
        for q in self.questions:
            if q.type == QuestionType.NOTE:
                continue
            predicate = self._relevance.get(q.name)
            if predicate is not None and not predicate(answers):
                continue  # skipped: whatever was sent is not kept
            value = raw.get(q.name)
            if value is None or value == "" or value == []:
                if q.required:
                    errors[q.name] = "an answer is required"
                continue
            try:
                answers[q.name] = _normalise(q, value)
            except ValueError as exc:
                errors[q.name] = str(exc)
        if errors:
            raise InvalidAnswers(errors)
        return answers

    def facts(self, answers: Mapping[str, Any], on: date) -> dict[str, Any]:
        """The statistical facts of a validated answer sheet (dimension -> value or list)."""
        out: dict[str, Any] = {}
        for q in self.questions:
            if q.dimension is None or q.name not in answers:
                continue
            value = answers[q.name]
            if q.dimension == "birth_year":
                band = age_band(int(value), on)
                if band is not None:
                    out[Dimension.AGE_BAND.value] = band
                continue
            dim = Dimension(q.dimension)
            if dim in MULTI_VALUED:
                values = value if isinstance(value, list) else [value]
                out[dim.value] = sorted({*out.get(dim.value, []), *map(str, values)})
            else:
                out[dim.value] = str(value[0] if isinstance(value, list) else value)
        return out


def _normalise(q: Question, value: Any) -> Any:
    values = (
        value
        if isinstance(value, list)
        else (value.split() if q.multiple and isinstance(value, str) else [value])
    )
    if len(values) > 1 and not q.multiple:
        raise ValueError("one answer expected")
    match q.type:
        case QuestionType.TEXT:
            text = str(value).strip()
            if len(text) > 5000:
                raise ValueError("answer too long")
            return text
        case QuestionType.NUMBER:
            try:
                number = float(value)
            except (TypeError, ValueError) as exc:
                raise ValueError("a number is expected") from exc
            return int(number) if number.is_integer() else number
        case QuestionType.DATE:
            try:
                return date.fromisoformat(str(value)[:10]).isoformat()
            except ValueError as exc:
                raise ValueError("a date (YYYY-MM-DD) is expected") from exc
        case _:
            cleaned = [_code(q, str(v).strip()) for v in values]
            return cleaned if q.multiple else cleaned[0]


def _code(q: Question, v: str) -> str:
    # codes are case-insensitive on the way in (ISO country and ISIC upper, ISO 639 lower)
    if q.type in (QuestionType.COUNTRY, QuestionType.SECTOR):
        v = v.upper()
    elif q.type == QuestionType.LANGUAGE:
        v = v.lower()
    if q.choices:
        if v not in {c.name for c in q.choices}:
            raise ValueError(f"{v!r} is not one of the choices")
        return v
    match q.type:
        case QuestionType.COUNTRY:
            return scheme("countries").validate(v)  # UnknownCode is a ValueError
        case QuestionType.LANGUAGE:
            return scheme("languages").validate(v)
        case QuestionType.SKILL:
            return scheme("skills").validate(v)
        case QuestionType.SECTOR:
            return scheme("sectors").validate(v)
        case QuestionType.LIKERT:
            if v not in LIKERT_SCALE:
                raise ValueError("a value from 1 to 5 is expected")
            return v
        case _:
            return v
