"""The saga state: who confirmed, which parts arrived, when to ask again."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from profiles.adapters.archives import build_archive, summary_html
from profiles.domain.privacy import (
    DataExport,
    Erasure,
    ErasureStatus,
    ReceivedPart,
)

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def erasure() -> Erasure:
    return Erasure(
        id=uuid.uuid4(),
        person_id=uuid.uuid4(),
        requested_at=NOW,
        participants=("resources", "alliance"),
        last_requested_at=NOW,
    )


def test_the_last_confirmation_completes_the_erasure_once() -> None:
    e = erasure()
    assert e.confirm("resources", {"deleted": {"x": 1}}, NOW) is False
    assert e.pending == ["alliance"]
    assert e.confirm("stranger", {}, NOW) is False  # not a participant: ignored
    assert e.confirm("alliance", {}, NOW + timedelta(seconds=2)) is True
    assert e.status == ErasureStatus.COMPLETED and e.completed_at == NOW + timedelta(seconds=2)
    assert e.confirm("alliance", {"again": 1}, NOW) is False  # a repeat changes nothing
    assert e.confirmations["alliance"] == {}


def test_a_pending_erasure_is_due_for_retry_after_the_interval_only() -> None:
    e = erasure()
    assert not e.due_for_retry(NOW + timedelta(seconds=29), timedelta(seconds=30))
    assert e.due_for_retry(NOW + timedelta(seconds=30), timedelta(seconds=30))
    e.asked_again(NOW + timedelta(seconds=30))
    assert e.requests == 2
    assert not e.due_for_retry(NOW + timedelta(seconds=31), timedelta(seconds=30))
    e.confirm("resources", {}, NOW)
    e.confirm("alliance", {}, NOW)
    assert not e.due_for_retry(NOW + timedelta(days=1), timedelta(seconds=30))


def test_export_progress_counts_parts_per_service() -> None:
    x = DataExport(
        id=uuid.uuid4(),
        person_id=uuid.uuid4(),
        requested_at=NOW,
        expires_at=NOW + timedelta(days=7),
        participants=("resources", "alliance"),
        public_key="k",
        received=[ReceivedPart("profiles", 0, 1), ReceivedPart("resources", 1, 3)],
    )
    assert x.progress() == {
        "profiles": {"status": "received", "parts_received": 1, "parts_expected": 1},
        "resources": {"status": "pending", "parts_received": 1, "parts_expected": 3},
        "alliance": {"status": "pending", "parts_received": 0, "parts_expected": None},
    }
    assert not x.complete and x.pending_services == ["resources", "alliance"]
    x.received += [ReceivedPart("resources", 0, 3), ReceivedPart("resources", 2, 3)]
    x.received.append(ReceivedPart("alliance", 0, 1))
    assert x.complete
    assert not x.is_expired(NOW + timedelta(days=6)) and x.is_expired(NOW + timedelta(days=7))


def test_the_readable_summary_escapes_every_value() -> None:
    html = summary_html(
        {
            "export_id": "e",
            "generated_at": "now",
            "services": {
                "resources": {"<b>title</b>": ["<script>x</script>"], "image_base64": "Zm9v"}
            },
        }
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;title&lt;/b&gt;" in html
    assert "Zm9v" not in html  # images stay in data.json
    assert build_archive(uuid.uuid4(), uuid.uuid4(), {"profiles": {}}, NOW)[:2] == b"PK"
