"""Accent folding and query building (no infrastructure)."""

from __future__ import annotations

import uuid

import pytest

from profiles.domain.directory import (
    InvalidCursor,
    decode_cursor,
    encode_cursor,
    fold,
    prefix_tsquery,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("José Núñez", "jose nunez"),
        ("Søren Ødegaard", "soren odegaard"),
        ("Łukasz Straße", "lukasz strasse"),
        ("Ngũgĩ wa Thiong'o", "ngugi wa thiong'o"),
        ("Ça été Œuvre", "ca ete oeuvre"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_prefix_query_keeps_only_words() -> None:
    assert prefix_tsquery("Jos\u00e9 & | !N\u00fa\u00f1ez:*") == "jose:* & nunez:*"
    assert prefix_tsquery("  ;; ") is None


def test_cursor_round_trip_and_garbage() -> None:
    pid = uuid.uuid4()
    assert decode_cursor(encode_cursor("søren", pid)) == ("søren", pid)
    with pytest.raises(InvalidCursor):
        decode_cursor("!!nope")
