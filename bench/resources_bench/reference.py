"""The ranking the resources search is judged against: exact BM25 by Tantivy over the same
documents with the same per-language analysis, written here from the written rules
(resources/adapters/search_index.py's docstring and docs), not from the service's code.

The service embeds Tantivy too, so this reference does not check Tantivy's BM25 arithmetic.
What agreement proves is that the service's whole path ranks like a fresh exact index of
the corpus: its documents as rebuilt from the tables, its change log and incremental
updates (deleted documents linger in an index's statistics until segments merge), its
analysis (folding, stop words, stemming, Arabic marks), its multilingual query readings, its
filters and its paging. This index is its own: built from the generator's records, in this
process, never through the service.

The rules: a translation's title and text (summary and body) go into fields of its language
(stemmed languages by their Snowball stemmer, others only folded); classification words
(themes) into a folded field of their own. Analysis: Unicode NFC, Arabic marks and tatweel
removed (after NFD, so hamza forms become their base letter), letters-and-digits tokens
lower-cased, the language's stop words dropped, ASCII folding, stemming. A query word is
read in every language the corpus holds: stemmed as that language stems it and looked up in
every language's title (weight 2) and text fields and in the classification words; all the
words must match within a reading; a document scores by its best reading.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import tantivy

LANGUAGES = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}
HAS_STOP_WORDS = {"english", "french", "spanish"}


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(
        c
        for c in decomposed
        if not (("\u0600" <= c <= "\u06ff" and unicodedata.category(c) == "Mn") or c == "\u0640")
    )
    return unicodedata.normalize("NFC", kept)


@dataclass(frozen=True)
class Record:
    id: str
    language: str
    title: str
    text: str
    themes: tuple[str, ...]
    countries: tuple[str, ...]


class ReferenceIndex:
    def __init__(self) -> None:
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
        for code in LANGUAGES:
            sb.add_text_field(f"title_{code}", tokenizer_name=f"ref_{code}", index_option="freq")
            sb.add_text_field(f"text_{code}", tokenizer_name=f"ref_{code}", index_option="freq")
        sb.add_text_field("themes", tokenizer_name="ref_plain", index_option="freq")
        sb.add_text_field("theme", tokenizer_name="raw", index_option="basic")
        sb.add_text_field("country", tokenizer_name="raw", index_option="basic")
        self.schema = sb.build()
        self.index = tantivy.Index(self.schema)
        self.analysers: dict[str, tantivy.TextAnalyzer] = {}
        for code, name in [*LANGUAGES.items(), ("plain", None)]:
            b = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(
                tantivy.Filter.remove_long(40)
            )
            b = b.filter(tantivy.Filter.lowercase())
            if name in HAS_STOP_WORDS:
                b = b.filter(tantivy.Filter.stopword(name))
            b = b.filter(tantivy.Filter.ascii_fold())
            if name:
                b = b.filter(tantivy.Filter.stemmer(name))
            self.analysers[code] = b.build()
            self.index.register_tokenizer(f"ref_{code}", self.analysers[code])
        self.tokens = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .build()
        )
        self.writer = self.index.writer(200_000_000, 1)
        self.searcher = self.index.searcher()

    def add(self, records: Iterable[Record]) -> None:
        for r in records:
            doc = tantivy.Document()
            doc.add_text("id", r.id)
            doc.add_text(f"title_{r.language}", normalise(r.title))
            doc.add_text(f"text_{r.language}", normalise(r.text))
            doc.add_text("themes", normalise(" ".join(r.themes)))
            for t in r.themes:
                doc.add_text("theme", t)
            for c in r.countries:
                doc.add_text("country", c)
            self.writer.add_document(doc)

    def delete(self, ids: Iterable[str]) -> None:
        for i in ids:
            self.writer.delete_documents_by_term("id", i)

    def commit(self) -> None:
        self.writer.commit()
        self.writer.wait_merging_threads()
        self.writer = self.index.writer(200_000_000, 1)
        self.index.reload()
        self.searcher = self.index.searcher()

    def query(
        self, q: str, theme: str | None = None, country: str | None = None
    ) -> tantivy.Query | None:
        words = self.tokens.analyze(normalise(q))
        readings = []
        for code in LANGUAGES:
            musts = []
            for word in words:
                stems = self.analysers[code].analyze(word)
                if not stems:
                    continue
                should = []
                for stem in stems:
                    for field_code in LANGUAGES:
                        should.append(
                            tantivy.Query.boost_query(
                                tantivy.Query.term_query(self.schema, f"title_{field_code}", stem),
                                2.0,
                            )
                        )
                        should.append(
                            tantivy.Query.term_query(self.schema, f"text_{field_code}", stem)
                        )
                for plain in self.analysers["plain"].analyze(word):
                    should.append(tantivy.Query.term_query(self.schema, "themes", plain))
                musts.append(
                    tantivy.Query.boolean_query([(tantivy.Occur.Should, s) for s in should])
                )
            if musts:
                readings.append(
                    tantivy.Query.boolean_query([(tantivy.Occur.Must, m) for m in musts])
                )
        if not readings:
            return None
        query = tantivy.Query.disjunction_max_query(readings)
        filters = [
            tantivy.Query.const_score_query(tantivy.Query.term_query(self.schema, name, value), 0.0)
            for name, value in (("theme", theme), ("country", country))
            if value is not None
        ]
        if filters:
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query), *((tantivy.Occur.Must, f) for f in filters)]
            )
        return query

    def ranking(
        self, q: str, theme: str | None, country: str | None, depth: int
    ) -> tuple[list[tuple[str, float]], int]:
        """The best ``depth`` documents with their scores, and the number of hits."""
        query = self.query(q, theme, country)
        if query is None:
            return [], 0
        result = self.searcher.search(query, depth, count=True)
        return [
            (self.searcher.doc(address)["id"][0], score) for score, address in result.hits
        ], int(result.count or 0)
