"""Which questions of a questionnaire feed which statistic, and the explicit step that maps a
standard form's questions onto the platform's dimensions (pure; no I/O).

A questionnaire written for the platform says it in its XLSForm ``dimension`` column. A
standard Kobo/XLSForm form has no such column: imported as it is, none of its answers would
feed a statistic. Nothing is guessed silently: every survey shows its ``StatisticsReport``
(the questions that feed a dimension, those that feed none, the dimensions nothing feeds, and
suggestions for the mapping step), the mapping step (``with_dimensions``) makes a new version
of the questionnaire with the dimensions a person chose, and a campaign cannot open on a
questionnaire that feeds no statistic (``require_statistics``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from contracts.vocabulary import scheme
from profiles.mapping.domain.dimensions import MULTI_VALUED, SOURCES, Dimension
from profiles.mapping.domain.survey import (
    InvalidSurvey,
    Question,
    QuestionType,
    SurveyDefinition,
)

_CHOICE = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)
#: the kinds of question whose answers make sense as each dimension's values
COMPATIBLE: dict[str, tuple[QuestionType, ...]] = {
    Dimension.ORIGIN: (QuestionType.COUNTRY, QuestionType.SINGLE_CHOICE),
    Dimension.RESIDENCE: (QuestionType.COUNTRY, QuestionType.SINGLE_CHOICE),
    Dimension.GENDER: (QuestionType.SINGLE_CHOICE,),
    Dimension.EDUCATION: (QuestionType.SINGLE_CHOICE,),
    "birth_year": (QuestionType.NUMBER,),
    Dimension.SECTOR: (QuestionType.SECTOR,),
    Dimension.SKILL: (QuestionType.SKILL,),
    Dimension.LANGUAGE: (QuestionType.LANGUAGE,),
    Dimension.CONTRIBUTION_MODE: _CHOICE,
    Dimension.NEED: (*_CHOICE, QuestionType.SECTOR),
}
#: question names a standard form commonly uses for a dimension (suggestions only)
_NAMED = (
    (Dimension.ORIGIN, r"origin|heritage|birth_?country|country_?of_?birth|nationality"),
    (Dimension.RESIDENCE, r"residen|host_?country|lives?_?in|current_?country"),
    (Dimension.GENDER, r"gender|sex"),
    ("birth_year", r"birth_?year|year_?of_?birth|yob"),
    (Dimension.EDUCATION, r"education|diploma|degree|school"),
    (Dimension.CONTRIBUTION_MODE, r"contribut"),
    (Dimension.NEED, r"need"),
)
#: coded question types feed one dimension only
_TYPED = {
    QuestionType.SECTOR: Dimension.SECTOR,
    QuestionType.SKILL: Dimension.SKILL,
    QuestionType.LANGUAGE: Dimension.LANGUAGE,
}


@dataclass(frozen=True)
class StatisticsReport:
    #: question name -> the dimension it feeds
    feeds: dict[str, str]
    #: questions whose answers feed no statistic (notes aside)
    feeds_no_statistic: tuple[str, ...]
    #: dimensions no question feeds (no table by them will have data)
    dimensions_not_fed: tuple[str, ...]
    #: for questions that feed nothing: a dimension they look like (for the mapping step)
    suggestions: dict[str, str]

    @property
    def feeds_any(self) -> bool:
        return bool(self.feeds)


def report(survey: SurveyDefinition) -> StatisticsReport:
    answered = [q for q in survey.questions if q.type != QuestionType.NOTE]
    feeds = {q.name: q.dimension for q in answered if q.dimension}
    fed = {Dimension.AGE_BAND.value if d == "birth_year" else d for d in feeds.values()}
    not_fed = tuple(d.value for d in Dimension if d != Dimension.WAVE and d.value not in fed)
    suggestions: dict[str, str] = {}
    taken = set(feeds.values())
    for q in answered:
        if q.dimension:
            continue
        guess = _suggest(q)
        # never a dimension another question feeds: a second question about sectors (those
        # they would invest in) is another topic, not more of the same answers
        if guess is not None and guess not in taken:
            suggestions[q.name] = guess
            taken.add(guess)
    return StatisticsReport(
        feeds=feeds,
        feeds_no_statistic=tuple(q.name for q in answered if not q.dimension),
        dimensions_not_fed=not_fed,
        suggestions=suggestions,
    )


def _suggest(q: Question) -> str | None:
    if q.type in _TYPED:
        return _TYPED[q.type].value
    name = q.name.lower()
    for dimension, pattern in _NAMED:
        if re.search(pattern, name) and not _incompatibility(q, str(dimension)):
            return str(dimension)
    return None


def with_dimensions(
    survey: SurveyDefinition, mapping: Mapping[str, str | None]
) -> SurveyDefinition:
    """The questionnaire with ``mapping`` (question name -> dimension, or None for "feeds no
    statistic") applied over the dimensions it had. Refused (InvalidSurvey, every problem
    named) when a question is unknown or a note, a dimension unknown or incompatible with the
    question's answers, or a single-valued dimension fed by two questions."""
    by_name = {q.name: q for q in survey.questions}
    problems: list[str] = []
    for name, dimension in mapping.items():
        question = by_name.get(name)
        if question is None or question.type == QuestionType.NOTE:
            problems.append(f"{name!r} is not a question of this survey")
        elif dimension is not None:
            if dimension not in SOURCES:
                problems.append(f"{name!r}: unknown dimension {dimension!r}")
            elif reason := _incompatibility(question, dimension):
                problems.append(f"{name!r} cannot feed {dimension!r}: {reason}")
    questions = tuple(
        replace(q, dimension=mapping[q.name]) if q.name in mapping else q for q in survey.questions
    )
    single: dict[str, list[str]] = {}
    for q in questions:
        if q.dimension in SOURCES and q.dimension not in MULTI_VALUED:
            single.setdefault(q.dimension, []).append(q.name)
    problems += [
        f"{dimension!r} takes one value per respondent but {' and '.join(names)} feed it"
        for dimension, names in single.items()
        if len(names) > 1
    ]
    if problems:
        raise InvalidSurvey("; ".join(problems))
    return replace(survey, questions=questions)


def _incompatibility(q: Question, dimension: str) -> str | None:
    allowed = COMPATIBLE.get(dimension, ())
    if q.type not in allowed:
        kinds = ", ".join(t.value for t in allowed)
        return f"its answers are {q.type.value}, this dimension takes {kinds}"
    if dimension in (Dimension.ORIGIN, Dimension.RESIDENCE) and q.type != QuestionType.COUNTRY:
        countries = set(scheme("countries").codes())  # canonical: upper-case alpha-2
        not_codes = [c.name for c in q.choices if c.name not in countries]
        if not_codes:
            return (
                "its choices must be ISO 3166-1 alpha-2 country codes, and "
                f"{', '.join(not_codes[:5])} are not"
            )
    return None


def require_statistics(survey: SurveyDefinition) -> None:
    """A campaign only opens on a questionnaire whose answers feed at least one statistic."""
    if not report(survey).feeds_any:
        raise InvalidSurvey(
            "the questionnaire feeds no statistic: map its questions to dimensions first "
            "(POST /v1/mapping/surveys/{id}/dimensions)"
        )
