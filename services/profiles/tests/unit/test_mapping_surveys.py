"""Questionnaires: XLSForm import of the shipped template, skip logic, validation, facts,
Kobo export reading, gap tables (no infrastructure)."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest
from openpyxl import Workbook

from profiles.mapping.adapters import kobo
from profiles.mapping.adapters.repository import survey_from_json, survey_to_json
from profiles.mapping.adapters.template import TEMPLATE, build
from profiles.mapping.adapters.xlsform import parse_xlsform
from profiles.mapping.domain import statistics_map
from profiles.mapping.domain.campaign import SectorNeed
from profiles.mapping.domain.dimensions import age_band
from profiles.mapping.domain.gaps import gap_table
from profiles.mapping.domain.publication import PublicationPolicy, publish
from profiles.mapping.domain.relevance import InvalidExpression, compile_relevant
from profiles.mapping.domain.survey import InvalidAnswers, InvalidSurvey, QuestionType
from profiles.mapping.domain.tables import (
    Population,
    cube_from_records,
    published_table,
    true_cells,
)

SHEET = parse_xlsform(TEMPLATE.read_bytes())
CONSENTED = {"consent": "yes", "country_of_origin": "HT", "country_of_residence": "us"}


def test_the_committed_template_is_what_the_script_generates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    fresh = parse_xlsform(build(tmp_path / "t.xlsx").read_bytes())
    assert survey_to_json(fresh) == survey_to_json(SHEET)


def test_the_shipped_template_covers_the_standard_mapping_topics() -> None:
    assert SHEET.form_id == "diaspora_mapping" and SHEET.languages == ("en", "es", "fr")
    by_name = {q.name: q for q in SHEET.questions}
    dims = {q.dimension for q in SHEET.questions if q.dimension}
    assert dims == {
        "gender",
        "birth_year",
        "origin",
        "residence",
        "education",
        "sector",
        "skill",
        "language",
        "need",
        "contribution_mode",
    }
    assert by_name["country_of_origin"].type == QuestionType.COUNTRY
    assert len(by_name["country_of_origin"].choices) == 249
    assert by_name["languages"].multiple and by_name["languages"].type == QuestionType.LANGUAGE
    assert by_name["investment_interest"].type == QuestionType.LIKERT
    assert all(set(q.labels) == {"en", "fr", "es"} for q in SHEET.questions)
    # serialisation round trip (what the database stores)
    assert survey_to_json(survey_from_json(survey_to_json(SHEET))) == survey_to_json(SHEET)


def test_skip_logic_drops_answers_to_questions_that_were_not_asked() -> None:
    answers = SHEET.validate(
        {
            **CONSENTED,
            "needs": ["housing"],
            "needs_other": "childcare",
            "willing_to_contribute": "no",
            "contribution_modes": "mentoring",
        }
    )
    assert "needs_other" not in answers and "contribution_modes" not in answers
    answers = SHEET.validate({**CONSENTED, "needs": "housing other", "needs_other": "childcare"})
    assert answers["needs"] == ["housing", "other"] and answers["needs_other"] == "childcare"
    # without consent, no other question is even relevant (so none is required)
    assert SHEET.validate({"consent": "no", "gender": "female"}) == {"consent": "no"}


def test_answers_are_validated_against_codes_and_types() -> None:
    with pytest.raises(InvalidAnswers) as err:
        SHEET.validate(
            {
                **CONSENTED,
                "country_of_residence": "ZZ",
                "birth_year": "nineteen",
                "gender": "robot",
                "bogus": 1,
            }
        )
    assert set(err.value.errors) == {"country_of_residence", "birth_year", "gender", "bogus"}
    with pytest.raises(InvalidAnswers) as err:
        SHEET.validate({"consent": "yes"})
    assert err.value.errors["country_of_origin"] == "an answer is required"


def test_facts_are_the_only_part_analytics_reads() -> None:
    answers = SHEET.validate(
        {
            **CONSENTED,
            "gender": "female",
            "birth_year": 1990,
            "skills": "S1 T1",
            "sectors": ["Q"],
            "city_of_residence": "Boston",
            "education_level": "7",
        }
    )
    facts = SHEET.facts(answers, date(2026, 3, 1))
    assert facts == {
        "gender": "female",
        "age_band": "35-44",
        "origin": "HT",
        "residence": "US",
        "education": "7",
        "sector": ["Q"],
        "skill": ["S1", "T1"],
    }


def test_age_bands() -> None:
    on = date(2026, 6, 1)
    assert [age_band(y, on) for y in (2015, 2011, 2002, 1992, 1961, 1930)] == [
        None,
        "15-24",
        "15-24",
        "25-34",
        "65+",
        "65+",
    ]


@pytest.mark.parametrize(
    ("expr", "answers", "expected"),
    [
        ("${a} = 'x'", {"a": "x"}, True),
        ("${a} != 'x' and ${b} >= 4", {"a": "y", "b": "5"}, True),
        ("${a} != 'x' and ${b} >= 4", {"a": "y", "b": "3"}, False),
        ("selected(${m}, 'k') or ${a} = 'z'", {"m": ["k", "j"]}, True),
        ("not(selected(${m}, 'k'))", {"m": "j k"}, False),
        ("(${a} = 'x' or ${a} = 'y') and ${b} < 10", {"a": "y", "b": 2}, True),
        ("${a} = ''", {}, True),
    ],
)
def test_relevant_expressions(expr: str, answers: dict[str, object], expected: bool) -> None:
    predicate, _ = compile_relevant(expr)
    assert predicate(answers) is expected


@pytest.mark.parametrize(
    "expr", ["${a} = ", "count(${a}) > 1", "${a} = 'x' and", "${a} ~ 'x'", "${a}"]
)
def test_unsupported_expressions_are_refused(expr: str) -> None:
    with pytest.raises(InvalidExpression):
        compile_relevant(expr)


def _xlsform(survey: list[list[str]], choices: list[list[str]] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "survey"
    for row in survey:
        ws.append(row)
    if choices:
        cs = wb.create_sheet("choices")
        for row in choices:
            cs.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsform_errors_are_reported_not_raised_raw() -> None:
    with pytest.raises(InvalidSurvey, match="unknown choice list"):
        parse_xlsform(_xlsform([["type", "name", "label"], ["select_one nope", "q", "Q?"]]))
    with pytest.raises(InvalidSurvey, match="refers to unknown"):
        parse_xlsform(
            _xlsform([["type", "name", "label", "relevant"], ["text", "q", "Q?", "${ghost} = 'x'"]])
        )
    with pytest.raises(InvalidSurvey, match="repeats"):
        parse_xlsform(_xlsform([["type", "name", "label"], ["begin_repeat", "r", "R"]]))
    with pytest.raises(InvalidSurvey, match="readable"):
        parse_xlsform(b"PK\x03\x04 not really")
    form = parse_xlsform(
        _xlsform(
            [
                ["type", "name", "label::English (en)", "label::Kreyòl (ht)"],
                ["select_one yn", "q", "Q?", "K?"],
                ["calculate", "c", ""],
                ["start", "start", ""],
            ],
            [["list_name", "name", "label::English (en)"], ["yn", "yes", "Yes"]],
        )
    )
    assert [q.name for q in form.questions] == ["q"] and form.questions[0].labels == {
        "en": "Q?",
        "ht": "K?",
    }


def test_kobo_exports_are_read_with_ids_times_and_group_paths() -> None:
    export = {
        "results": [
            {
                "_uuid": "u1",
                "meta/instanceID": "uuid:i1",
                "_submission_time": "2026-02-03T10:00:00",
                "about_you/gender": "female",
                "education_work/skills": "S1 S2",
                "_id": 4,
                "formhub/uuid": "f",
            },
            "garbage",
        ]
    }
    first, second = kobo.read_json(json.dumps(export).encode())
    assert first.submission_id == "i1" and first.submitted_at is not None
    assert first.submitted_at.month == 2 and first.answers == {
        "gender": "female",
        "skills": "S1 S2",
    }
    assert second.answers == {"__invalid__": True}
    csv_rows = kobo.read_csv(b"_uuid;about_you/gender\nu9;male\n")
    assert csv_rows[0].submission_id == "u9" and csv_rows[0].answers == {"gender": "male"}
    with pytest.raises(kobo.UnreadableExport):
        kobo.read_json(b"{nope")
    with pytest.raises(kobo.UnreadableExport):
        kobo.read_json(b'{"results": 3}')
    with pytest.raises(kobo.UnreadableExport):  # a nesting bomb was a 500 (OWASP API10 test)
        kobo.read_json(b"[" * 100_000 + b"]" * 100_000)


def test_gap_table_compares_published_supply_with_declared_needs() -> None:
    import random
    import uuid

    rng = random.Random(7)
    records = [
        {"sector": [sector], "skill": [skill], "record_key": rng.randrange(2**32)}
        for sector, skill, n in (("Q", "S1", 30), ("P", "S2", 12), ("C", "T1", 3))
        for _ in range(n)
    ]
    cube = cube_from_records(records, ["sector", "skill"], multi_valued=["sector", "skill"])
    policy = PublicationPolicy(k=10)
    table = published_table(
        cube, Population(), publish(true_cells({Population(): cube}), {}, policy), policy
    )
    by, at = uuid.uuid4(), datetime(2026, 12, 7, tzinfo=UTC)
    needs = [
        SectorNeed(uuid.uuid4(), "HT", "Q", 40, 5, by, skill="S1", declared_at=at),
        SectorNeed(uuid.uuid4(), "HT", "Q", 10, 2, by, skill="S1", declared_at=at),
        SectorNeed(uuid.uuid4(), "HT", "P", 5, 3, by, declared_at=at),
        SectorNeed(uuid.uuid4(), "HT", "C", 5, 3, by, skill="T1", declared_at=at),
        SectorNeed(uuid.uuid4(), "HT", "A", 7, 1, by, declared_at=at),
    ]
    rows = {(r.sector, r.skill): r for r in gap_table(table, needs)}
    assert rows[("Q", "S1")].needed == 50 and rows[("Q", "S1")].priority == 5
    supply = rows[("Q", "S1")].supply
    assert supply is not None and abs(supply - 30) <= 3 and rows[("Q", "S1")].gap == supply - 50
    assert rows[("C", "T1")].supply is None and rows[("C", "T1")].gap is None  # 3: below k
    assert rows[("A", "*")].supply == 0  # nobody in agriculture


def test_the_statistics_report_says_what_feeds_what() -> None:
    shipped = statistics_map.report(parse_xlsform(TEMPLATE.read_bytes()))
    # the platform's own questionnaire feeds every dimension; a question it keeps out of the
    # statistics on purpose (sectors they would invest in) is not suggested for one taken
    assert shipped.dimensions_not_fed == ()
    assert shipped.feeds["country_of_origin"] == "origin" and shipped.suggestions == {}
    assert "investment_sectors" in shipped.feeds_no_statistic
    plain = parse_xlsform(
        _xlsform(
            [
                ["type", "name", "label"],
                ["select_one g", "gender_identity", "Gender?"],
                ["select_multiple skills", "what_you_do", "Skills"],
                ["select_one c", "origin", "From?"],
                ["text", "nationality", "Nationality"],
            ],
            [
                ["list_name", "name", "label"],
                ["g", "f", "F"],
                ["skills", "S1", "S1"],
                ["c", "Haiti", "Haiti"],
            ],
        )
    )
    report = statistics_map.report(plain)
    assert report.feeds == {} and not report.feeds_any
    # a coded type names its dimension; a name only where the answers would fit: a choice
    # list of country names is not a list of ISO codes, a text is no country
    assert report.suggestions == {"gender_identity": "gender", "what_you_do": "skill"}
    with pytest.raises(InvalidSurvey, match="feeds no statistic"):
        statistics_map.require_statistics(plain)


def test_the_mapping_step_refuses_what_cannot_work_and_keeps_the_rest() -> None:
    form = parse_xlsform(
        _xlsform(
            [
                ["type", "name", "label"],
                ["select_one c", "born", "Born in?"],
                ["select_one c", "lives", "Lives in?"],
                ["select_one d", "home", "Home?"],
                ["integer", "yob", "Year of birth"],
            ],
            [
                ["list_name", "name", "label"],
                ["c", "HT", "Haiti"],
                ["c", "BE", "Belgium"],
                ["d", "haiti", "Haiti"],
            ],
        )
    )
    mapped = statistics_map.with_dimensions(form, {"born": "origin", "yob": "birth_year"})
    assert statistics_map.report(mapped).feeds == {"born": "origin", "yob": "birth_year"}
    assert mapped.facts({"born": "HT", "yob": 1950}, date(2026, 1, 1)) == {
        "origin": "HT",
        "age_band": "65+",
    }
    with pytest.raises(InvalidSurvey, match="ISO 3166-1 alpha-2 country codes, and haiti"):
        statistics_map.with_dimensions(form, {"home": "residence"})
    with pytest.raises(InvalidSurvey, match="takes one value per respondent"):
        statistics_map.with_dimensions(mapped, {"lives": "origin"})
    unmapped = statistics_map.with_dimensions(mapped, {"born": None})
    assert statistics_map.report(unmapped).feeds == {"yob": "birth_year"}
    with pytest.raises(InvalidSurvey, match="unknown dimension 'planet'"):
        statistics_map.with_dimensions(form, {"born": "planet", "lives": "origin"})
