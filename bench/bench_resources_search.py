"""Search benchmark: published resources in four languages (accent folding, per-language
stemming, exact facets, pages) at two corpus sizes in one run, beside in-run baselines and
an exact BM25 reference.

    uv run python bench/bench_resources_search.py [--quick]

At each size (200,000 then 1,000,000 resources; --quick: 5,000 then 20,000) it measures the
service's own read path (adapters.search.search_resources, what GET /v1/resources runs minus
HTTP: the replica catches up with the change log, asks its index, reads the page's rows and
titles from the tables) for a page of 20 with exact counts of every facet, and the page
alone; a primary-key lookup of one resource through the same pool (the baseline of the
ratio); and Tantivy's own time for the same queries on the reference index (top 20 and the
hit count). Ranking quality: the service's top 10 against the reference's exact BM25
ranking (resources_bench/reference.py says what that proves). At each size the corpus also
changes through SQL (resources archived, titles edited), and the replica follows the
change log, as a running replica would; at each size a new replica builds its index from
the tables (timed) and then follows the churn. Uses the test Postgres in a database of its own
(bench_resources). Writes docs/benchmarks/resources_search.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import accumulate
from typing import Any

import asyncpg
from resources_bench.common import (
    fresh_service,
    log,
    machine,
    machine_lines,
    postgres_version,
    timed,
    write,
)
from resources_bench.reference import Record, ReferenceIndex
from sqlalchemy import select

from resources.adapters import search
from resources.adapters.orm import resources as resources_table
from resources.adapters.search_feed import SearchReplica

SIZES = {
    "default": {"steps": [200_000, 1_000_000], "queries": 200, "churn": 2_000},
    "quick": {"steps": [5_000, 20_000], "queries": 60, "churn": 100},
}

WORDS = {
    "en": "migration diaspora remittances investment development community skills transfer "
    "youth women gender climate health education entrepreneurship network mapping survey "
    "policy law toolkit training return volunteering mentoring association consulate "
    "ministry partnership engagement digital platform knowledge research study report "
    "programme project funding capacity building resilience integration labour market "
    "employment innovation technology trade philanthropy humanitarian crisis refugees "
    "rights protection governance alliance summit declaration monitoring evaluation data",
    "fr": "migration diaspora transferts fonds investissement développement communauté "
    "compétences jeunesse femmes genre climat santé éducation entrepreneuriat réseau "
    "cartographie enquête politique loi boîte outils formation retour bénévolat mentorat "
    "association consulat ministère partenariat engagement numérique plateforme savoirs "
    "recherche étude rapport programme projet financement renforcement capacités résilience "
    "intégration emploi innovation technologie commerce philanthropie humanitaire réfugiés "
    "droits protection gouvernance alliance sommet déclaration suivi évaluation données",
    "es": "migración diáspora remesas inversión desarrollo comunidad habilidades juventud "
    "mujeres género clima salud educación emprendimiento red mapeo encuesta política ley "
    "herramientas capacitación retorno voluntariado mentoría asociación consulado ministerio "
    "alianza compromiso digital plataforma conocimiento investigación estudio informe "
    "programa proyecto financiación resiliencia integración empleo innovación tecnología",
    "ar": "الهجرة المغتربين التحويلات الاستثمار التنمية المجتمع المهارات الشباب النساء "
    "المناخ الصحة التعليم ريادة الشبكة المسح السياسات القانون التدريب العودة التطوع "
    "الجمعيات القنصلية الوزارة الشراكة المشاركة الرقمية المنصة المعرفة البحث الدراسة",
}
THEMES = ["gender", "youth", "climate", "health", "remittances", "investment", "skills_transfer"]
KINDS = ["research", "law_policy", "toolkit", "public_information", "newsletter", "video"]
COUNTRIES = ["HT", "SN", "MA", "NG", "PH", "IN", "MX", "SV", "CO", "TN", "EG", "AF", "UA", "IE"]
LANG_WEIGHTS = {"en": 5, "fr": 3, "es": 2, "ar": 1}


SYLLABLES = {
    "en": [
        "ar",
        "be",
        "co",
        "de",
        "en",
        "fo",
        "ga",
        "ha",
        "in",
        "lo",
        "ma",
        "ne",
        "or",
        "pe",
        "ra",
        "si",
        "ta",
        "un",
        "ve",
        "wo",
    ],
    "fr": [
        "la",
        "re",
        "de",
        "on",
        "en",
        "ti",
        "ou",
        "me",
        "ta",
        "pa",
        "ri",
        "co",
        "vé",
        "sé",
        "ra",
        "ne",
        "mo",
        "gè",
        "lu",
        "ça",
    ],
    "es": [
        "ca",
        "la",
        "de",
        "re",
        "to",
        "ma",
        "pa",
        "ri",
        "co",
        "ne",
        "sa",
        "lo",
        "ta",
        "ci",
        "mu",
        "no",
        "ve",
        "ra",
        "da",
        "ño",
    ],
    "ar": [
        "ال",
        "مس",
        "تع",
        "بر",
        "حق",
        "كت",
        "سل",
        "عم",
        "وط",
        "نم",
        "قد",
        "فر",
        "جم",
        "رس",
        "خط",
    ],
}
VOCABULARY_SIZE = 5000


def vocabulary(language: str, rng: random.Random) -> list[str]:
    """The language's real domain words first (the most frequent), then a long tail of
    made-up words: a corpus of 200,000 documents has a large vocabulary, and a query word
    usually matches a small share of it."""
    words = WORDS[language].split()
    seen = set(words)
    syllables = SYLLABLES[language]
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choices(syllables, k=rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def zipf_weights(n: int) -> list[float]:
    """Cumulative Zipf weights (computed once: random.choices would redo it every call)."""
    return list(accumulate(1 / (i + 1) for i in range(n)))


def sentence(rng: random.Random, words: list[str], n: int, cum_weights: list[float]) -> str:
    return " ".join(rng.choices(words, cum_weights=cum_weights, k=n))


def document(rng: random.Random, vocab: dict[str, list[str]], weights: list[float]) -> Any:
    lang = rng.choices(list(LANG_WEIGHTS), weights=list(LANG_WEIGHTS.values()))[0]
    words = vocab[lang]
    return (
        uuid.uuid4(),
        lang,
        sentence(rng, words, rng.randint(4, 9), weights).capitalize(),
        sentence(rng, words, rng.randint(15, 30), weights),
        sentence(rng, words, rng.randint(30, 60), weights),
        sorted(set(rng.choices(THEMES, k=rng.randint(1, 3)))),
        sorted(set(rng.choices(range(1, 18), k=rng.randint(1, 3)))),
        sorted(set(rng.choices(COUNTRIES, k=rng.randint(1, 2)))),
        rng.choice(KINDS),
        rng.randint(2010, 2026),
    )


async def load(
    admin: str,
    n: int,
    rng: random.Random,
    vocab: dict[str, list[str]],
    reference: ReferenceIndex,
    ids: list[uuid.UUID],
) -> None:
    """``n`` more published resources: COPY into the tables (the triggers write the change
    log as for any statement) and into the reference index."""
    weights = zipf_weights(VOCABULARY_SIZE)
    now = datetime.now(UTC)
    conn = await asyncpg.connect(admin)
    try:
        for start in range(0, n, 50_000):
            docs = [document(rng, vocab, weights) for _ in range(min(50_000, n - start))]
            rows, texts = [], []
            for i, (
                rid,
                lang,
                title,
                summary,
                body,
                themes,
                sdgs,
                countries,
                kind,
                year,
            ) in enumerate(docs):
                published = now - timedelta(minutes=len(ids) + i)
                rows.append(
                    (
                        rid, kind, "published", lang, [lang], themes, sdgs, countries, [],
                        year, "[]", False, 3, published, published, published,
                    )
                )  # fmt: skip
                texts.append((rid, lang, title, summary, body))
            await conn.copy_records_to_table(
                "resources",
                schema_name="resources",
                records=rows,
                columns=[
                    "id", "kind", "status", "original_language", "languages", "themes", "sdgs",
                    "countries", "regions", "year", "authors", "hidden", "version", "created_at",
                    "updated_at", "published_at",
                ],
            )  # fmt: skip
            await conn.copy_records_to_table(
                "resource_translations",
                schema_name="resources",
                records=texts,
                columns=["resource_id", "language", "title", "summary", "body"],
            )
            reference.add(
                Record(str(d[0]), d[1], d[2], f"{d[3]}\n{d[4]}", tuple(d[5]), tuple(d[7]))
                for d in docs
            )
            ids.extend(d[0] for d in docs)
            log(f"  {len(ids):,} resources")
        reference.commit()
        await conn.execute("ANALYZE resources.resources")
        await conn.execute("ANALYZE resources.resource_translations")
    finally:
        await conn.close()


async def churn(
    admin: str, n: int, rng: random.Random, ids: list[uuid.UUID], reference: ReferenceIndex
) -> list[uuid.UUID]:
    """Archive ``n`` resources and retitle ``n`` others, by SQL (the change log follows
    every statement); the reference drops and re-adds the same. Returns the archived."""
    archived = rng.sample(ids, n)
    gone = set(archived)
    retitled = rng.sample([i for i in ids if i not in gone], n)
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(
            "UPDATE resources.resources SET status = 'archived' WHERE id = ANY($1)", archived
        )
        rows = await conn.fetch(
            "UPDATE resources.resource_translations t SET title = t.title || ' ' || $2"
            " FROM resources.resources r WHERE r.id = t.resource_id AND t.resource_id = ANY($1)"
            " RETURNING t.resource_id, t.language, t.title, t.summary, t.body, r.themes,"
            " r.countries",
            retitled,
            "diaspora",
        )
    finally:
        await conn.close()
    reference.delete(str(i) for i in [*archived, *retitled])
    reference.add(
        Record(
            str(r["resource_id"]), r["language"], r["title"], f"{r['summary']}\n{r['body']}",
            tuple(r["themes"]), tuple(r["countries"]),
        )
        for r in rows
    )  # fmt: skip
    reference.commit()
    return archived


def queries(rng: random.Random, n: int, vocab: dict[str, list[str]]) -> list[search.SearchQuery]:
    """1-3 words following the corpus' own word frequencies (people search for common words
    more often, so some queries hit a large share of the corpus); a third also filter by
    theme, a third by country, as the facets invite."""
    found: list[search.SearchQuery] = []
    weights = zipf_weights(VOCABULARY_SIZE)
    for i in range(n):
        lang = rng.choices(list(LANG_WEIGHTS), weights=list(LANG_WEIGHTS.values()))[0]
        q = " ".join(rng.choices(vocab[lang], cum_weights=weights, k=rng.randint(1, 3)))
        if i % 3 == 1:
            found.append(search.SearchQuery(q=q, theme=rng.choice(THEMES)))
        elif i % 3 == 2:
            found.append(search.SearchQuery(q=q, country=rng.choice(COUNTRIES)))
        else:
            found.append(search.SearchQuery(q=q))
    return found


def quality(
    got: list[tuple[str, float]], want: list[tuple[str, float]]
) -> tuple[float, float] | None:
    """Top-10 overlap and nDCG@10 of ``got`` against the exact ranking ``want`` (its first
    100, with scores). Overlap counts a document as in the top 10 when its exact score is
    at least the 10th best (equal scores tie in an arbitrary order); nDCG's gains are the
    exact scores (a document beyond the reference's 100 gains 0)."""
    if not want:
        return None if not got else (0.0, 0.0)
    exact = dict(want)
    top = want[:10]
    cut = top[-1][1] * (1 - 1e-6)
    overlap = sum(1 for rid, _ in got[:10] if exact.get(rid, -1.0) >= cut) / len(top)

    def dcg(gains: list[float]) -> float:
        return sum(g / math.log2(i + 2) for i, g in enumerate(gains))

    ideal = dcg([s for _, s in top])
    ndcg = dcg([exact.get(rid, 0.0) for rid, _ in got[:10]]) / ideal if ideal else 1.0
    return overlap, min(ndcg, 1.0)


async def measure(
    service: Any,
    replica: SearchReplica,
    reference: ReferenceIndex,
    qs: list[search.SearchQuery],
    ids: list[uuid.UUID],
    rng: random.Random,
) -> dict[str, Any]:
    top10: dict[int, list[tuple[str, float]]] = {}
    facet_counts: list[int] = []
    elapsed: dict[int, float] = {}  # with facets, per query

    async def run(i: int, facets: bool) -> None:
        t0 = time.perf_counter()
        uow = service.uow()
        async with uow.autocommit_reads():
            page = await search.search_resources(
                replica, uow.session, replace(qs[i], with_facets=facets)
            )
        if facets:
            elapsed[i] = time.perf_counter() - t0
            top10[i] = [(str(item["id"]), item["score"]) for item in page.items[:10]]
            facet_counts.append(sum(v["count"] for v in page.facets["kind"]))

    sessions = service.chassis.sessions

    async def lookup(rid: Any) -> Any:
        async with sessions() as s:
            return (
                await s.execute(select(resources_table.c.id).where(resources_table.c.id == rid))
            ).first()

    def reference_page(q: search.SearchQuery) -> None:
        reference.ranking(q.q or "", q.theme, q.country, 20)

    async def reference_run(q: search.SearchQuery) -> None:
        reference_page(q)

    log(f"  {len(qs)} searches, page of 20 with every facet")
    with_facets, _ = await timed([partial(run, i, True) for i in range(len(qs))])
    log(f"    p95 {with_facets['p95_ms']} ms")
    log(f"  {len(qs)} searches, page only")
    page_only, _ = await timed([partial(run, i, False) for i in range(len(qs))])
    log(f"    p95 {page_only['p95_ms']} ms")
    log("  baseline: primary-key lookups")
    pk, _ = await timed([partial(lookup, r) for r in rng.sample(ids, len(qs))])
    log(f"    p95 {pk['p95_ms']} ms")
    log("  Tantivy reference: top 20 and hit count")
    tantivy_page, _ = await timed([partial(reference_run, q) for q in qs])
    log(f"    p95 {tantivy_page['p95_ms']} ms")

    overlaps, ndcgs, hits = [], [], []
    for i, q in enumerate(qs):
        want, count = reference.ranking(q.q or "", q.theme, q.country, 100)
        hits.append(count)
        judged = quality(top10[i], want)
        if judged is not None:
            overlaps.append(judged[0])
            ndcgs.append(judged[1])
    by_split = {
        "unfiltered": [i for i, q in enumerate(qs) if q.theme is None and q.country is None],
        "filtered": [i for i, q in enumerate(qs) if q.theme is not None or q.country is not None],
    }
    return {
        "measurements": {
            "search_page_with_facets": with_facets,
            "search_page_only": page_only,
            "baseline_primary_key_lookup": pk,
            "tantivy_reference_top20_and_count": tantivy_page,
        },
        "with_facets_p95_ms_by_kind": {
            name: _p95([elapsed[i] for i in idx]) for name, idx in by_split.items()
        },
        "ratios": {
            "with_facets_p95_over_lookup_p95": round(with_facets["p95_ms"] / pk["p95_ms"], 2),
            "page_only_p95_over_lookup_p95": round(page_only["p95_ms"] / pk["p95_ms"], 2),
            "with_facets_p95_over_tantivy_p95": round(
                with_facets["p95_ms"] / tantivy_page["p95_ms"], 2
            ),
        },
        "quality": {
            "queries_judged": len(overlaps),
            "top10_overlap_mean": round(sum(overlaps) / len(overlaps), 4),
            "top10_overlap_min": round(min(overlaps), 4),
            "ndcg10_mean": round(sum(ndcgs) / len(ndcgs), 4),
            "ndcg10_min": round(min(ndcgs), 4),
        },
        "hits_per_query": {
            "median": sorted(hits)[len(hits) // 2],
            "p95": sorted(hits)[int(0.95 * (len(hits) - 1))],
            "max": max(hits),
        },
        "facet_totals_equal_reference_counts": facet_counts[-len(qs) :] == hits,
    }


def _p95(samples_s: list[float]) -> float:
    ms = sorted(s * 1000 for s in samples_s)
    return round(ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], 3)


async def main_async(quick: bool) -> dict[str, Any]:
    sz = SIZES["quick" if quick else "default"]
    rng = random.Random(20261122)
    started = time.perf_counter()
    log("provisioning bench_resources and migrating the resources schema")
    service, admin = await fresh_service()
    m = machine()
    pg = await postgres_version(admin)
    vocab = {language: vocabulary(language, rng) for language in WORDS}
    qs = queries(rng, sz["queries"], vocab)
    reference = ReferenceIndex()
    ids: list[uuid.UUID] = []
    steps: list[dict[str, Any]] = []
    for size in sz["steps"]:
        log(f"loading up to {size:,} published resources")
        t0 = time.perf_counter()
        await load(admin, size - len(ids), rng, vocab, reference, ids)
        loaded_s = time.perf_counter() - t0
        step: dict[str, Any] = {"resources": size, "load_s": round(loaded_s, 1)}
        log("  a new replica builds its index from the tables")
        replica = SearchReplica(lambda: service.chassis.engine)
        t0 = time.perf_counter()
        await replica.build()
        step["replica_build_s"] = round(time.perf_counter() - t0, 1)
        log(f"  churn: {sz['churn']:,} archived, {sz['churn']:,} retitled; the replica catches up")
        archived = await churn(admin, sz["churn"], rng, ids, reference)
        gone = set(archived)
        ids[:] = [i for i in ids if i not in gone]
        t0 = time.perf_counter()
        await replica.catch_up()
        step["churn_catch_up_s"] = round(time.perf_counter() - t0, 2)
        step["churn"] = sz["churn"]
        step["index_documents"] = replica.index.size
        log(f"  replica ready: {step}")
        step.update(await measure(service, replica, reference, qs, ids, rng))
        log(f"  quality {step['quality']}; ratios {step['ratios']}")
        steps.append(step)
    await service.chassis.dispose()

    m["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    command = "uv run python bench/bench_resources_search.py" + (" --quick" if quick else "")
    result: dict[str, Any] = {
        "benchmark": "resources_search",
        "command": command,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - started, 1),
        "machine": m,
        "postgres": pg,
        "sizes": sz,
        "steps": steps,
    }
    write("resources_search", result, render(result))
    return result


def render(r: dict[str, Any]) -> str:
    lines = [
        "# Resources search benchmark",
        "",
        f"`{r['command']}` — {r['started_at']}, {r['duration_s']} s",
        "",
        *machine_lines(r["machine"], r["postgres"]),
        f"- load average at end {r['machine']['loadavg_at_end']} (2 shared CPUs: compare "
        "the in-run ratios, not absolute times)",
        "- data: published resources (en 45%, fr 27%, es 18%, ar 9%); per language a "
        "5,000-word Zipf-distributed vocabulary (the real domain words most frequent, then "
        f"made-up words); {r['sizes']['queries']} queries of 1-3 words drawn from the same "
        "distribution, a third filtered by theme and a third by country, the same queries "
        "at every size",
        "- design: each API replica keeps an exact BM25 index in memory (Tantivy, embedded), "
        "built from the tables when it starts and then following the change log the tables' "
        "triggers write; a search first applies every change committed before it "
        "(`services/resources/README.md`, search)",
        "",
        "| resources | measurement | n | p50 ms | p95 ms | p99 ms | max ms |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    labels = {
        "search_page_with_facets": "search: page of 20 + exact counts of every facet",
        "search_page_only": "search: page of 20 only (facets=false)",
        "baseline_primary_key_lookup": "baseline: primary-key lookup of one resource",
        "tantivy_reference_top20_and_count": "Tantivy alone (reference index): top 20 + count",
    }
    for step in r["steps"]:
        for key, label in labels.items():
            s = step["measurements"][key]
            lines.append(
                f"| {step['resources']:,} | {label} | {s['n']} | {s['p50_ms']} | {s['p95_ms']} "
                f"| {s['p99_ms']} | {s['max_ms']} |"
            )
    lines += [
        "",
        "| resources | p95 with facets: unfiltered / filtered (ms) | with facets / lookup "
        "(p95) | page only / lookup | with facets / Tantivy alone | top-10 overlap mean "
        "(min) | nDCG@10 mean (min) | hits per query: median, p95, max | facet totals = "
        "reference hit counts |",
        "|---:|---|---:|---:|---:|---|---|---|---|",
    ]
    for step in r["steps"]:
        ratios, quality, hits = step["ratios"], step["quality"], step["hits_per_query"]
        split = step["with_facets_p95_ms_by_kind"]
        lines.append(
            f"| {step['resources']:,} | {split['unfiltered']} / {split['filtered']} "
            f"| {ratios['with_facets_p95_over_lookup_p95']} "
            f"| {ratios['page_only_p95_over_lookup_p95']} "
            f"| {ratios['with_facets_p95_over_tantivy_p95']} "
            f"| {quality['top10_overlap_mean']} ({quality['top10_overlap_min']}) "
            f"| {quality['ndcg10_mean']} ({quality['ndcg10_min']}) "
            f"| {hits['median']:,}, {hits['p95']:,}, {hits['max']:,} "
            f"| {'yes' if step['facet_totals_equal_reference_counts'] else 'NO'} |"
        )
    lines += ["", "Index upkeep, same run:"]
    for step in r["steps"]:
        parts = [f"{step['resources']:,} resources ({step['index_documents']:,} in the index)"]
        if "replica_build_s" in step:
            parts.append(
                f"a new replica built its index from the tables in {step['replica_build_s']} s"
            )
        if "churn_catch_up_s" in step:
            parts.append(
                f"{step['churn']:,} resources archived and {step['churn']:,} retitled by two SQL "
                f"statements were searchable {step['churn_catch_up_s']} s later"
            )
        lines.append("- " + "; ".join(parts) + ".")
    lines += [
        "",
        "Quality is judged against an exact BM25 ranking computed in the same run by an "
        "independent Tantivy index built from the generator's records "
        "(`bench/resources_bench/reference.py`): since the service embeds Tantivy too, "
        "agreement does not check Tantivy's BM25 arithmetic; it proves that the service's "
        "whole path (documents rebuilt from the tables, the change log and incremental "
        "updates with deleted documents still in the statistics, folding, stop words, "
        "stemming, multilingual readings, filters, paging) ranks like a fresh exact index "
        "of the corpus. Overlap counts a document as in the top 10 when its exact score is "
        "at least the 10th best (equal scores tie arbitrarily); nDCG's gains are the exact "
        "scores.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small data, for a smoke run")
    args = parser.parse_args()
    asyncio.run(main_async(args.quick))


if __name__ == "__main__":
    main()
