# ruff: noqa: RUF001  (real French and Arabic text)
"""The search index on its own (no infrastructure): per-language analysis, the query
syntax, multilingual readings, filters, exact facets, pages, and removal."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from resources.adapters.search_index import (
    Filters,
    IndexedResource,
    ResourceIndex,
    Translation,
)

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def doc(
    language: str,
    title: str,
    text: str = "",
    *,
    themes: tuple[str, ...] = ("youth",),
    countries: tuple[str, ...] = ("HT",),
    sdgs: tuple[int, ...] = (10,),
    kind: str = "research",
    year: int | None = 2020,
    extra: str = "",
    age_days: int = 0,
) -> IndexedResource:
    return IndexedResource(
        id=uuid.uuid4(),
        kind=kind,
        languages=[language],
        themes=themes,
        sdgs=sdgs,
        countries=countries,
        year=year,
        published_at=NOW - timedelta(days=age_days),
        translations=[Translation(language, title, text)],
        extra=" ".join(themes) + " " + extra,
    )


def index_of(*docs: IndexedResource) -> ResourceIndex:
    index = ResourceIndex()
    index.write((), docs, new=True)
    index.publish()
    return index


def test_folding_stemming_and_stop_words_per_language() -> None:
    fr = doc("fr", "Mobilisation des diasporas à l’ère de la numérisation")
    es = doc("es", "Las remesas de los migrantes", "Guía práctica")
    ar = doc("ar", "الهِجْرَة والتنمية")
    en = doc("en", "Remittances and investment by migrants")
    index = index_of(fr, es, ar, en)
    for query, expected in [
        ("NUMÉRISATIONS", fr),
        ("numerisation", fr),
        ("mobilisé diaspora", fr),
        ("remesa", es),
        ("guia practica", es),
        ("هجرة", ar),
        ("الهجرة", ar),
        ("remittance", en),
    ]:
        assert index.search(query).ids[:1] == [expected.id], query
    # English "migrants" and Spanish "migrantes" share a stem: both found
    assert set(index.search("migrants").ids) == {es.id, en.id}
    # an English stop word alone matches nothing in English (and is no French word)
    assert index.search("the").ids == []


def test_query_syntax_all_words_or_and_exclusion() -> None:
    a = doc("en", "Diaspora investment toolkit")
    b = doc("en", "Diaspora mentoring guide")
    c = doc("fr", "Investissement et mentorat")
    index = index_of(a, b, c)
    assert set(index.search("diaspora investment").ids) == {a.id}
    # read as French too, "investment" stems like "investissement"
    assert set(index.search("investment OR mentoring").ids) == {a.id, b.id, c.id}
    assert set(index.search("diaspora -mentoring").ids) == {a.id}
    assert set(index.search('"diaspora guide"').ids) == {b.id}  # quotes ignored: both words
    assert index.search("youth").ids  # classification words are searchable


def test_bm25_weighs_titles_and_rarer_words_higher() -> None:
    in_title = doc("en", "Remittance corridors", "annual report")
    in_text = doc("en", "Annual report", "remittance corridors")
    common = [doc("en", f"Annual report {i}", "money corridors") for i in range(5)]
    index = index_of(in_text, in_title, *common)
    hits = index.search("remittance")
    assert hits.ids == [in_title.id, in_text.id]
    assert hits.scores[0] is not None and hits.scores[1] is not None
    assert hits.scores[0] > hits.scores[1]
    # a rarer word weighs more than a common one
    rare, frequent = index.search("remittance"), index.search("corridors")
    assert rare.scores[1] is not None and frequent.scores[-1] is not None
    assert rare.scores[1] > max(s or 0 for s in frequent.scores[2:])


def test_filters_facets_and_pages_cover_every_hit() -> None:
    docs = [
        doc(
            "en" if i % 2 else "fr",
            f"Climate report {i}",
            themes=("climate", "youth") if i % 3 == 0 else ("climate",),
            countries=("HT", "SN") if i % 4 == 0 else ("SN",),
            sdgs=(13,) if i % 5 else (13, 5),
            kind="toolkit" if i % 2 else "research",
            year=2020 + i % 3,
            age_days=i,
        )
        for i in range(30)
    ]
    index = index_of(*docs)
    hits = index.search("climate", limit=7)
    assert len(hits.ids) == 7 and hits.more
    facets = {f: {v["value"]: v["count"] for v in values} for f, values in hits.facets.items()}
    assert facets["kind"] == {"toolkit": 15, "research": 15}
    assert facets["theme"] == {"climate": 30, "youth": 10}
    assert facets["country"] == {"SN": 30, "HT": 8}
    assert facets["sdg"] == {"13": 30, "5": 6}
    assert facets["language"] == {"en": 15, "fr": 15}
    assert facets["year"] == {"2020": 10, "2021": 10, "2022": 10}

    seen = []
    offset = 0
    while True:
        page = index.search("climate", offset=offset, limit=7, with_facets=False)
        seen += page.ids
        if not page.more:
            break
        offset += 7
    assert sorted(map(str, seen)) == sorted(str(d.id) for d in docs)

    youth_ht = index.search("climate", filters=Filters(theme="youth", country="HT"))
    expected = {d.id for i, d in enumerate(docs) if i % 3 == 0 and i % 4 == 0}
    assert set(youth_ht.ids) == expected
    assert sum(v["count"] for v in youth_ht.facets["kind"]) == len(expected)
    assert set(index.search(None, filters=Filters(sdg=5, year=2020)).ids) == {
        d.id for i, d in enumerate(docs) if i % 5 == 0 and i % 3 == 0
    }
    # no query: newest first
    assert index.search(None, limit=3).ids == [docs[0].id, docs[1].id, docs[2].id]


def test_removed_and_replaced_resources_leave_no_trace_in_results() -> None:
    kept = doc("en", "Mentoring programme", extra="Amina Diallo")
    gone = doc("en", "Mentoring network", extra="Amina Diallo")
    index = index_of(kept, gone)
    assert set(index.search("amina").ids) == {kept.id, gone.id}
    renamed = IndexedResource(**{**kept.__dict__, "extra": "youth Former member"})
    index.write([gone.id], [renamed])
    index.publish()
    assert index.search("amina").ids == []
    assert index.search("diallo").ids == []
    assert index.search("mentoring").ids == [kept.id]
    assert sum(v["count"] for v in index.search("mentoring").facets["kind"]) == 1
