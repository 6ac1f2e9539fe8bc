"""The search benchmark's judge, small and without infrastructure: its quality measures
(tie-aware top-10 overlap, nDCG@10 with exact scores as gains), and its independent
reference index ranking a small generated corpus as the service's index does."""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_resources_search as bench
from resources_bench.reference import Record, ReferenceIndex

from resources.adapters.search_index import Filters, IndexedResource, ResourceIndex, Translation


def test_overlap_counts_ties_and_ndcg_weighs_exact_scores() -> None:
    want = [(f"d{i}", 10.0 - i) for i in range(12)]
    assert bench.quality(want[:10], want) == (1.0, 1.0)
    # the 10th and 11th tie in the exact ranking: either may stand 10th
    tied = [*want[:9], ("d10", 1.0)]
    tied_want = [*want[:9], ("d9", 1.0), ("d10", 1.0)]
    assert bench.quality(tied, tied_want) == (1.0, 1.0)
    # a document outside the exact top 10 counts for nothing
    overlap, ndcg = bench.quality([*want[:9], ("elsewhere", 9.9)], want)
    assert overlap == 0.9 and ndcg < 1.0
    reversed_order = list(reversed(want[:10]))
    overlap, ndcg = bench.quality(reversed_order, want)
    assert overlap == 1.0 and 0.5 < ndcg < 1.0
    assert bench.quality([], []) is None
    assert bench.quality([("x", 1.0)], []) == (0.0, 0.0)


def test_the_reference_ranks_a_small_corpus_as_the_service_index_does() -> None:
    rng = random.Random(7)
    vocab = {language: bench.vocabulary(language, rng) for language in bench.WORDS}
    weights = bench.zipf_weights(bench.VOCABULARY_SIZE)
    reference = ReferenceIndex()
    service = ResourceIndex()
    now = datetime.now(UTC)
    docs = [bench.document(rng, vocab, weights) for _ in range(600)]
    records, indexed = [], []
    for i, (rid, lang, title, summary, body, themes, sdgs, countries, kind, year) in enumerate(
        docs
    ):
        text = f"{summary}\n{body}"
        records.append(Record(str(rid), lang, title, text, tuple(themes), tuple(countries)))
        indexed.append(
            IndexedResource(
                id=rid, kind=kind, languages=[lang], themes=themes, sdgs=sdgs,
                countries=countries, year=year, published_at=now - timedelta(minutes=i),
                translations=[Translation(lang, title, text)], extra=" ".join(themes),
            )
        )  # fmt: skip
    reference.add(records)
    reference.commit()
    service.write((), indexed, new=True)
    service.publish()

    judged = []
    for q in bench.queries(rng, 30, vocab):
        want, count = reference.ranking(q.q or "", q.theme, q.country, 100)
        got = service.search(q.q, filters=Filters(theme=q.theme, country=q.country), limit=10)
        assert sum(v["count"] for v in got.facets["kind"]) == count, q
        scores = [s or 0.0 for s in got.scores]
        found = bench.quality([(str(i), s) for i, s in zip(got.ids, scores, strict=True)], want)
        if found is not None:
            judged.append(found)
    assert len(judged) >= 15
    assert min(overlap for overlap, _ in judged) == 1.0
    assert min(ndcg for _, ndcg in judged) > 0.999
