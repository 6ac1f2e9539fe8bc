"""XLSForm (the KoboToolbox / ODK questionnaire format) -> a survey definition.

Sheets: ``survey`` (type, name, label[::lang], hint, required, relevant, dimension),
``choices`` (list_name, name, label[::lang]) and ``settings`` (form_title, form_id, version,
default_language). Groups are flattened (their ``relevant`` joins their questions'); repeats
and calculations are not supported by the mapping analytics and are refused or skipped.
"""

from __future__ import annotations

import io
import re
from typing import Any

from openpyxl import load_workbook

from profiles.mapping.domain.survey import (
    Choice,
    InvalidSurvey,
    Question,
    QuestionType,
    SurveyDefinition,
)

#: choice lists whose names make a question a coded one
CODED_LISTS = {
    "countries": QuestionType.COUNTRY,
    "languages": QuestionType.LANGUAGE,
    "skills": QuestionType.SKILL,
    "sectors": QuestionType.SECTOR,
}
SIMPLE_TYPES = {
    "text": QuestionType.TEXT,
    "integer": QuestionType.NUMBER,
    "decimal": QuestionType.NUMBER,
    "range": QuestionType.NUMBER,
    "date": QuestionType.DATE,
    "note": QuestionType.NOTE,
}
#: metadata and computed fields: not questions anyone answers
IGNORED_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "phonenumber",
    "username",
    "simserial",
    "subscriberid",
    "calculate",
    "hidden",
    "audit",
    "start-geopoint",
}
MAX_ROWS = 2000


def _language(header: str, prefix: str = "label") -> str | None:
    """``label::fr`` / ``label::French (fr)`` -> ``fr``; plain ``label`` -> ``""``."""
    if header == prefix:
        return ""
    if not header.startswith(prefix + "::"):
        return None
    rest = header[len(prefix) + 2 :].strip()
    m = re.search(r"\(([A-Za-z]{2,3})\)\s*$", rest)
    code = m.group(1) if m else rest
    return code.lower() if re.fullmatch(r"[A-Za-z]{2,3}", code) else None


def _rows(ws: Any) -> list[dict[str, Any]]:
    rows = ws.iter_rows(values_only=True)
    try:
        header = [str(h).strip() if h is not None else "" for h in next(rows)]
    except StopIteration:
        return []
    out = []
    for n, row in enumerate(rows):
        if n >= MAX_ROWS:
            raise InvalidSurvey(f"sheet {ws.title!r} has more than {MAX_ROWS} rows")
        record = {h: v for h, v in zip(header, row, strict=False) if h and v is not None}
        if any(str(v).strip() for v in record.values()):
            out.append(
                {
                    k: str(v).strip() if not isinstance(v, str) else v.strip()
                    for k, v in record.items()
                }
            )
    return out


def _labels(row: dict[str, Any], default: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    for header, value in row.items():
        lang = _language(header)
        if lang is not None and value:
            labels[lang or default] = str(value)
    return labels


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("yes", "true", "true()", "1")


def parse_xlsform(content: bytes) -> SurveyDefinition:
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise InvalidSurvey("the file is not a readable .xlsx workbook") from exc
    sheets = {name.lower(): wb[name] for name in wb.sheetnames}
    if "survey" not in sheets:
        raise InvalidSurvey("an XLSForm needs a 'survey' sheet")
    settings = (_rows(sheets["settings"]) or [{}])[0] if "settings" in sheets else {}
    survey_rows = _rows(sheets["survey"])
    choice_rows = _rows(sheets["choices"]) if "choices" in sheets else []
    wb.close()

    default = str(settings.get("default_language") or "en")
    default = _language(f"label::{default}") or "en"
    lists: dict[str, list[Choice]] = {}
    for row in choice_rows:
        list_name, name = row.get("list_name") or row.get("list name"), row.get("name")
        if not list_name or not name:
            continue
        lists.setdefault(list_name, []).append(Choice(name, _labels(row, default)))

    questions: list[Question] = []
    groups: list[str] = []
    languages: set[str] = {default}
    for number, row in enumerate(survey_rows, start=2):
        kind = str(row.get("type", "")).strip()
        head, _, arg = kind.partition(" ")
        if head in ("begin_group", "begin group"):
            groups.append(row.get("relevant", ""))
            continue
        if head in ("end_group", "end group"):
            if groups:
                groups.pop()
            continue
        if head in ("begin_repeat", "begin repeat"):
            raise InvalidSurvey(f"row {number}: repeats are not supported")
        if not kind or head in IGNORED_TYPES or head.startswith("end"):
            continue
        name = row.get("name")
        if not name:
            raise InvalidSurvey(f"row {number}: a question needs a name")
        labels = _labels(row, default)
        languages.update(labels)
        relevant = " and ".join(f"({r})" for r in [*groups, row.get("relevant", "")] if r)
        choices: tuple[Choice, ...] = ()
        multiple = False
        if head in ("select_one", "select_multiple"):
            list_name = arg.strip().split(" ")[0]
            if list_name not in lists:
                raise InvalidSurvey(f"row {number}: unknown choice list {list_name!r}")
            choices = tuple(lists[list_name])
            multiple = head == "select_multiple"
            if list_name in CODED_LISTS:
                qtype = CODED_LISTS[list_name]
            elif list_name.startswith("likert"):
                qtype = QuestionType.LIKERT
            else:
                qtype = QuestionType.MULTIPLE_CHOICE if multiple else QuestionType.SINGLE_CHOICE
        elif head in SIMPLE_TYPES:
            qtype = SIMPLE_TYPES[head]
        else:
            raise InvalidSurvey(f"row {number}: question type {head!r} is not supported")
        questions.append(
            Question(
                name=str(name),
                type=qtype,
                labels=labels,
                required=_truthy(row.get("required", "")),
                multiple=multiple,
                choices=choices,
                relevant=relevant,
                dimension=row.get("dimension") or None,
            )
        )
    title = str(settings.get("form_title") or settings.get("title") or "Untitled survey")
    return SurveyDefinition(
        title={default: title},
        languages=tuple(sorted(languages)),
        questions=tuple(questions),
        default_language=default,
        form_id=str(settings.get("form_id") or ""),
        form_version=str(settings.get("version") or ""),
    )
