"""Unit tests of the privacy saga plumbing: sealed boxes and sliced exports."""

from __future__ import annotations

import json

import pytest

from contracts import registry
from contracts.events import privacy
from eventkit.privacy import slice_parts
from eventkit.sealed import SealedBoxError, new_keypair, open_sealed, seal


def test_a_sealed_box_opens_only_with_its_private_key() -> None:
    private, public = new_keypair()
    other_private, _ = new_keypair()
    box = seal(public, "données personnelles — ٣".encode())
    assert open_sealed(private, box).decode() == "données personnelles — ٣"
    with pytest.raises(SealedBoxError):
        open_sealed(other_private, box)


def test_a_tampered_box_is_refused() -> None:
    private, public = new_keypair()
    box = bytearray(seal(public, b"x" * 100).encode())
    box[60] = ord("A") if box[60] != ord("A") else ord("B")
    with pytest.raises(SealedBoxError):
        open_sealed(private, bytes(box).decode())


def test_sealing_to_a_malformed_public_key_is_refused() -> None:
    with pytest.raises(SealedBoxError):
        seal("not-a-key", b"x")


def test_big_slices_are_cut_into_parts_that_join_back() -> None:
    data = {"messages": [{"body": f"message {i} " * 20} for i in range(5000)]}
    parts = list(slice_parts(data, part_bytes=64 * 1024))
    assert len(parts) > 1
    assert all(len(p) <= 64 * 1024 for p in parts)
    assert json.loads(b"".join(parts)) == data


def test_an_empty_slice_is_still_one_part() -> None:
    assert len(list(slice_parts({}))) == 1


def test_every_participant_answers_on_its_own_registered_topic() -> None:
    types = registry.event_types()
    for service in privacy.PARTICIPANTS:
        answers = privacy.PARTICIPANT_EVENTS[service]
        topic = registry.topic(f"{service}.privacy.v1")
        assert topic.owner == service
        for model in (answers.erased, answers.exported, answers.accessed):
            assert types[model.type_name] is model
            assert model.topic == topic.name
            assert model.type_name.startswith(f"{service}.privacy.")
