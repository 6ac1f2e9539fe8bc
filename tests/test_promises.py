"""Promises are wired: when a contract's docstring says a person is told about an event, a
consumer tells them; the promise map in docs/ says so and is generated from the code.

Found from the outside: contracts promised that a promoted waitlisted person and the people
registered for a cancelled event are told, and nothing reached their feed or mailbox."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from contracts.registry import event_types

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import promise_map  # noqa: E402

from notifications.adapters.texts import TEXTS  # noqa: E402
from notifications.entrypoints.consumers import TOLD  # noqa: E402


@pytest.fixture(scope="module")
def promises() -> list[promise_map.EventPromises]:
    return promise_map.collect_cached()


def test_every_promise_in_a_contract_is_kept_by_a_consumer(
    promises: list[promise_map.EventPromises],
) -> None:
    broken = [
        f"{p.event.type_name}: {p.promise!r} but nobody is told"
        for p in promises
        if p.promise and (p.told is None or "notifications" not in [r.service for r in p.reactions])
    ]
    assert not broken, "\n".join(broken)


def test_the_promises_the_issue_named_are_there(
    promises: list[promise_map.EventPromises],
) -> None:
    """Not a promise the docstring could lose quietly: these reactions stay wired."""
    wired = {p.event.type_name: p.told.template for p in promises if p.told is not None}
    for type_name, template in {
        "resources.calendar_event.registration_changed": "event_seat_given",
        "resources.calendar_event.cancelled": "event_cancelled",
        "resources.calendar_event.updated": "event_changed",
        "alliance.meeting.scheduled": "meeting_invitation",
        "alliance.meeting.cancelled": "meeting_cancelled",
        "alliance.motion.vote_opened": "vote_opened",
        "alliance.motion.vote_closed": "vote_closed",
        "alliance.recommendation.moved": "recommendation_published",
        "alliance.commitment.status_changed": "commitment_status",
        "resources.opportunity.interest_status_changed": "interest_status_changed",
    }.items():
        assert wired.get(type_name) == template, type_name
        assert promise_map.promise_of(event_types()[type_name]), f"{type_name} promises nothing"


def test_every_person_told_has_texts_and_a_handler() -> None:
    for event, told in TOLD.items():
        assert told.template in TEXTS, (event.type_name, told.template)
    dispatcher = promise_map._dispatchers()["notifications"]
    assert {e.type_name for e in TOLD} <= set(dispatcher.routes)


def test_the_promise_detector_finds_promises() -> None:
    class Example:
        """A thing happened; the organiser is told."""

    assert promise_map.promise_of(Example) == "the organiser is told"  # type: ignore[arg-type]


def test_the_map_in_docs_is_generated_from_the_code() -> None:
    page = ROOT / "docs" / "promises.md"
    assert page.read_text(encoding="utf-8") == promise_map.render(), "run `make docs`"
