"""KoboToolbox / ODK submission exports -> submissions (answers keyed by question name).

JSON: the Kobo API's ``{"results": [...]}`` or a bare list; CSV: Kobo's "XML values and
headers" export (``;`` or ``,`` separated). Group paths (``about_you/gender``) are reduced to
the question name; Kobo's bookkeeping fields (``_id``, ``_uuid``, ``meta/instanceID``,
``_submission_time``, ...) are read for identity and time, then dropped.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from eventkit import domain_errors as kinds


class UnreadableExport(kinds.InvalidInput, ValueError):
    pass


@dataclass(frozen=True)
class Submission:
    #: 1-based position in the export (the rejection report's "row")
    row: int
    submission_id: str | None
    submitted_at: datetime | None
    answers: dict[str, Any] = field(default_factory=dict)


MAX_SUBMISSIONS = 50_000
_BOOKKEEPING = {
    "start",
    "end",
    "today",
    "deviceid",
    "username",
    "formhub/uuid",
    "__version__",
    "_version_",
    "meta/deprecatedID",
    "meta/rootUuid",
    "_xform_id_string",
    "_attachments",
    "_status",
    "_geolocation",
    "_tags",
    "_notes",
    "_validation_status",
    "_submitted_by",
    "_bamboo_dataset_id",
    "_id",
    "_index",
    "_parent_table_name",
    "_parent_index",
}


def _submission_id(record: dict[str, Any]) -> str | None:
    for key in ("meta/instanceID", "instanceID", "_uuid", "meta/rootUuid"):
        value = record.get(key)
        if value:
            text = str(value).strip()
            return text.removeprefix("uuid:")
    return None


def _submitted_at(record: dict[str, Any]) -> datetime | None:
    for key in ("_submission_time", "SubmissionDate", "end", "start"):
        value = record.get(key)
        if not value:
            continue
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def _answers(record: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key in _BOOKKEEPING or key.startswith("_") or key.startswith("meta/"):
            continue
        name = key.rsplit("/", 1)[-1]
        if "/" in key and name.isdigit():
            continue
        if value is None or value == "":
            continue
        out[name] = value
    return out


def _submission(row: int, record: Any) -> Submission:
    if not isinstance(record, dict):
        return Submission(row, None, None, {"__invalid__": True})
    return Submission(row, _submission_id(record), _submitted_at(record), _answers(record))


def read_json(content: bytes) -> list[Submission]:
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise UnreadableExport("the file is not JSON") from exc
    except RecursionError as exc:  # "[[[[...]]]]": a nesting bomb, not an export
        raise UnreadableExport("the JSON is nested too deeply") from exc
    records = data.get("results") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise UnreadableExport("expected a list of submissions or {'results': [...]}")
    if len(records) > MAX_SUBMISSIONS:
        raise UnreadableExport(f"at most {MAX_SUBMISSIONS} submissions per import")
    return [_submission(i, r) for i, r in enumerate(records, start=1)]


def read_csv(content: bytes) -> list[Submission]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableExport("the CSV file is not UTF-8") from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        raise UnreadableExport("the CSV file has no header row")
    out = []
    for i, record in enumerate(reader, start=1):
        if i > MAX_SUBMISSIONS:
            raise UnreadableExport(f"at most {MAX_SUBMISSIONS} submissions per import")
        out.append(_submission(i, {k: v for k, v in record.items() if k is not None}))
    return out
