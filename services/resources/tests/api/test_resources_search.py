# ruff: noqa: RUF001  (real French and Arabic text: typographic apostrophes, Arabic letters)
"""Search through HTTP: accent-insensitive, stemmed in en/fr/es/ar, facets, keyset pages."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from resources_testkit import assert_problem, new_id, resource_body

from devstack.testing import TokenIssuer

DOCUMENTS = [
    ("en", "research", "Remittances and investment by migrants", "Remittance corridors", 2021),
    (
        "fr",
        "project_record",
        "Mobilisation des diasporas à l’ère de la numérisation",
        "Réseaux",
        2019,
    ),
    ("es", "toolkit", "Las remesas de los migrantes", "Guía práctica para asociaciones", 2022),
    ("ar", "training", "الهِجْرَة والتنمية", "دليل تدريبي", 2022),
    (
        "fr",
        "newsletter",
        "Lettre d’information: jeunesse et numérique",
        "Numéro de printemps",
        2023,
    ),
]


@pytest.fixture(scope="module")
async def corpus(client_factory: Any) -> str:
    """Publishes the documents under a theme of their own; returns that theme."""
    theme = f"t{uuid.uuid4().hex[:10]}"
    async with client_factory() as (client, tokens):
        author = tokens.headers(new_id())
        moderator = tokens.headers(new_id(), roles=("moderator",))
        for language, kind, title, summary, year in DOCUMENTS:
            extra = {"project": {"project_id": "X"}} if kind == "project_record" else {}
            rid = (
                await client.post(
                    "/v1/resources",
                    json=resource_body(
                        language=language,
                        kind=kind,
                        title=title,
                        summary=summary,
                        body="",
                        year=year,
                        themes=[theme, "youth" if year == 2023 else "remittances"],
                        countries=["HT"] if language == "fr" else ["SN"],
                        **extra,
                    ),
                    headers=author,
                )
            ).json()["id"]
            await client.post(f"/v1/resources/{rid}/submit", headers=author)
            await client.post(f"/v1/resources/{rid}/publish", headers=moderator)
        # a draft never shows up in search
        await client.post(
            "/v1/resources",
            json=resource_body(title="Remittances draft", themes=[theme]),
            headers=author,
        )
    return theme


async def titles(client: httpx.AsyncClient, theme: str, **params: Any) -> list[str]:
    r = await client.get("/v1/resources", params={"theme": theme, **params})
    assert r.status_code == 200, r.text
    return [item["title"] for item in r.json()["items"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("numerisation", "Mobilisation des diasporas à l’ère de la numérisation"),  # accents
        ("NUMÉRISATIONS", "Mobilisation des diasporas à l’ère de la numérisation"),  # fr stem
        ("mobilisé diaspora", "Mobilisation des diasporas à l’ère de la numérisation"),
        ("remittance", "Remittances and investment by migrants"),  # en stem
        ("remesa", "Las remesas de los migrantes"),  # es stem
        ("guia practica", "Las remesas de los migrantes"),  # es, accents, summary
        ("هجرة", "الهِجْرَة والتنمية"),  # ar: diacritics folded, stemmed
        ("الهجرة", "الهِجْرَة والتنمية"),
    ],
)
async def test_full_text_is_accent_insensitive_and_stemmed(
    client: httpx.AsyncClient, corpus: str, query: str, expected: str
) -> None:
    found = await titles(client, corpus, q=query)
    assert found and found[0] == expected, found


async def test_filters_and_facets_cover_the_whole_result_set(
    client: httpx.AsyncClient, corpus: str
) -> None:
    r = (await client.get("/v1/resources", params={"theme": corpus, "limit": 1})).json()
    assert len(r["items"]) == 1 and r["next_cursor"]
    facets = {
        name: {v["value"]: v["count"] for v in values} for name, values in r["facets"].items()
    }
    assert facets["language"] == {"en": 1, "fr": 2, "es": 1, "ar": 1}
    assert facets["kind"] == {
        "research": 1,
        "project_record": 1,
        "toolkit": 1,
        "training": 1,
        "newsletter": 1,
    }
    assert facets["theme"][corpus] == 5 and facets["theme"]["remittances"] == 4
    assert facets["year"] == {"2019": 1, "2021": 1, "2022": 2, "2023": 1}
    assert facets["country"] == {"HT": 2, "SN": 3}
    assert facets["sdg"] == {"10": 5, "17": 5}

    assert await titles(client, corpus, language="es") == ["Las remesas de los migrantes"]
    assert len(await titles(client, corpus, country="HT")) == 2
    assert await titles(client, corpus, year=2019, kind="project_record") == [
        "Mobilisation des diasporas à l’ère de la numérisation"
    ]
    assert await titles(client, corpus, theme_extra="ignored", sdg=5) == []
    # facets follow the query too
    q = (await client.get("/v1/resources", params={"theme": corpus, "q": "migrants"})).json()
    assert sum(v["count"] for v in q["facets"]["kind"]) == len(q["items"]) == 2


@pytest.mark.parametrize("q", [None, "migrants OR jeunesse"])
async def test_cursor_pagination_walks_every_result_once(
    client: httpx.AsyncClient, corpus: str, q: str | None
) -> None:
    seen: list[str] = []
    params: dict[str, Any] = {"theme": corpus, "limit": 2}
    if q:
        params["q"] = q
    for _ in range(10):
        page = (await client.get("/v1/resources", params=params)).json()
        seen += [item["id"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        params["cursor"] = page["next_cursor"]
    assert len(seen) == len(set(seen))
    assert len(seen) == (5 if q is None else 3)


async def test_a_forged_cursor_is_a_400(client: httpx.AsyncClient, tokens: TokenIssuer) -> None:
    assert_problem(await client.get("/v1/resources", params={"cursor": "eyJrIjogMX0"}), 400)
    assert_problem(await client.get("/v1/resources", params={"cursor": "not base64 !"}), 400)
    assert_problem(await client.get("/v1/resources", params={"sdg": 0}), 422)
