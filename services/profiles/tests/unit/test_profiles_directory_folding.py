"""Accent folding and query building (no infrastructure)."""

from __future__ import annotations

import uuid

import pytest

from profiles.domain.directory import (
    MAX_EXPANSION,
    DirectoryEntry,
    InvalidCursor,
    PeopleSearch,
    Tier,
    decode_cursor,
    encode_cursor,
    expanded_tsquery,
    facet_counts,
    fold,
    position_key,
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


def entry(**values: object) -> DirectoryEntry:
    base: dict[str, object] = {
        "person_id": uuid.uuid4(),
        "display_name": "Amara Diop",
        "sort_name": "amara diop",
        "headline": None,
        "text": "amara diop",
        "origin": None,
        "residence": "FR",
        "skills": ["S5", "S5"],
        "occupations": [],
        "sectors": ["J"],
        "languages": ["fr"],
        "modes": ["mentoring"],
        "open_to_opportunities": False,
    }
    return DirectoryEntry(**(base | values))  # type: ignore[arg-type]


def test_entry_codes_hold_every_filterable_value_once() -> None:
    assert entry().codes == [
        "residence:FR",
        "skill:S5",
        "sector:J",
        "language:fr",
        "mode:mentoring",
        "open:false",
    ]
    assert "origin:SN" in entry(origin="SN", open_to_opportunities=True).codes


def test_search_filters_become_code_groups() -> None:
    search = PeopleSearch(
        viewer=uuid.uuid4(),
        origin=["SN", "ML"],
        skills=["S5"],
        open_to_opportunities=True,
    )
    assert search.code_groups() == [["origin:SN", "origin:ML"], ["skill:S5"], ["open:true"]]
    assert PeopleSearch(viewer=uuid.uuid4()).code_groups() == []


def test_word_search_position_comes_from_the_cursor() -> None:
    pid = uuid.uuid4()
    place = position_key(Tier.OTHER, 12, 3)
    search = PeopleSearch(viewer=pid, q="mari", after=decode_cursor(encode_cursor(place, pid)))
    assert search.position() == (Tier.OTHER, 12, 3)
    named = PeopleSearch(viewer=pid, q="mari", after=(position_key(Tier.NAME, 0, 7), pid))
    assert named.position() == (Tier.NAME, 0, 7)
    for bad in ("amara diop", "12,3", "2,12,3", "0,1"):
        with pytest.raises(InvalidCursor):
            PeopleSearch(viewer=pid, q="mari", after=(bad, pid)).position()


def test_prefixes_become_the_words_they_start_when_that_is_safe() -> None:
    terms = ["nurs", "mari", "a", "zzz", "jean"]
    words_of = {
        0: ["nurse", "nurses", "nursing"],
        1: ["maria", "marie"],
        2: [f"a{i}" for i in range(MAX_EXPANSION + 1)],  # too many: stays a prefix
        # 3: no known word starts with it: stays a prefix
        4: ["jean", "jean-baptiste"],  # a compound to_tsquery would split: stays a prefix
    }
    assert expanded_tsquery(terms, words_of) == (
        "(nurse | nurses | nursing) & (maria | marie) & a:* & zzz:* & jean:*"
    )
    assert expanded_tsquery([], {}) is None
    # without any known word it is exactly the prefix search
    assert expanded_tsquery(["mari", "fr"], {}) == prefix_tsquery("Mari FR")


def test_facet_counts_keep_the_most_frequent_values_per_facet() -> None:
    counted = [("residence:FR", 3), ("residence:CA", 5), ("skill:S5", 1), ("open:true", 2)]
    facets = facet_counts(counted, size=1)
    assert facets["residence"] == [{"value": "CA", "count": 5}]
    assert facets["skills"] == [{"value": "S5", "count": 1}]
    assert facets["origin"] == []
    assert "open" not in facets
