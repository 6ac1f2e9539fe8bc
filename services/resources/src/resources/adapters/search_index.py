"""The search index an API replica keeps in memory: exact BM25 over every published resource,
with exact facet counts (Tantivy, embedded).

What a reader searches is analysed per language: each translation's title and text go into
the fields of its language, tokenised on letters and digits, lower-cased, stop words of that
language removed, accents folded, stemmed with that language's Snowball stemmer. Arabic
diacritics (harakat, tatweel, hamza forms) are folded before tokenising, since the tokeniser
would split words at them. A query is read in every language the index holds (or in the one
the reader names, ``?lang=``): in each reading every word must match (in a title, the text,
or the classification words: themes, regions, authors, project fields), and a resource
scores by the reading that fits it best (a disjunction-max of the readings). Scores are BM25
(k1 = 1.2, b = 0.75, Tantivy's) summed over the fields a word matches, titles weighing
``TITLE_BOOST`` times the text.

Facet counts come from the same index in the same pass: every facet is one fast column per
document (multi-valued ones as the set's canonical string, split here), counted exactly over
all hits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

import tantivy

#: ISO 639-1 -> the stemmer Tantivy has for it; other languages are only folded ("xx")
STEMMED = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
}
#: languages Tantivy has a stop word list for (Arabic has none: nothing is dropped there)
STOP_WORDS = {
    "danish",
    "dutch",
    "english",
    "finnish",
    "french",
    "german",
    "hungarian",
    "italian",
    "norwegian",
    "portuguese",
    "russian",
    "spanish",
    "swedish",
}
#: the fields of translations in a language without a stemmer
UNSTEMMED = "xx"
TITLE_BOOST = 2.0
FACETS = ("kind", "theme", "sdg", "country", "language", "year")
#: multi-valued facets are kept as one string per document: the sorted values joined by this
_JOIN = "|"
#: bucket limit of a facet count: far above any facet's number of values, so counts are exact
_FACET_BUCKETS = 100_000
#: the deepest result a page may start at (search engines stop somewhere too)
MAX_OFFSET = 10_000

# Arabic marks a tokenizer would split words at (after NFD, hamza forms are alef + a mark)
_ARABIC_MARKS = dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640]
)
_ARABIC = re.compile("[\u0600-\u06ff]")


def prepare(text: str) -> str:
    """Text as the analysers take it: composed (NFC) and without Arabic diacritics. Latin
    accents are folded by the analysers themselves, after the stop words (which have them)."""
    if _ARABIC.search(text):
        text = unicodedata.normalize("NFD", text).translate(_ARABIC_MARKS)
    return unicodedata.normalize("NFC", text)


def _analyser(language: str | None) -> tantivy.TextAnalyzer:
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
    )
    if language in STOP_WORDS:
        builder = builder.filter(tantivy.Filter.stopword(language))
    builder = builder.filter(tantivy.Filter.ascii_fold())
    if language is not None:
        builder = builder.filter(tantivy.Filter.stemmer(language))
    return builder.build()


def field_language(language: str) -> str:
    """The field suffix of a translation's language: itself if stemmed, else ``xx``."""
    code = language.split("-")[0].lower()
    return code if code in STEMMED else UNSTEMMED


@dataclass(frozen=True)
class Translation:
    language: str
    title: str
    text: str  # summary and body


@dataclass(frozen=True)
class IndexedResource:
    """What the index holds of one published resource."""

    id: UUID
    kind: str
    languages: Sequence[str]
    themes: Sequence[str]
    sdgs: Sequence[int]
    countries: Sequence[str]
    year: int | None
    published_at: datetime
    translations: Sequence[Translation]
    #: classification words: themes, regions, authors, project fields
    extra: str = ""


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    theme: str | None = None
    sdg: int | None = None
    country: str | None = None
    in_language: str | None = None
    year: int | None = None


@dataclass
class Hits:
    """One page of hits, best first (or newest first without a query)."""

    ids: list[UUID]
    #: BM25 score per hit (``None`` when ordered by date)
    scores: list[float | None]
    more: bool
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Query:
    """A reader's query, built once, for one searcher (the index as it was then): the page
    and the facet counts may be computed at the same time, in two threads."""

    query: tantivy.Query
    #: by score (else newest first)
    ranked: bool
    searcher: tantivy.Searcher


@dataclass(frozen=True)
class ParsedQuery:
    """What a reader asked for: every clause must match, a clause by any of its words
    (``a OR b``); no excluded word (``-word``) may."""

    clauses: tuple[tuple[str, ...], ...]
    excluded: tuple[str, ...] = ()


class ResourceIndex:
    """The Tantivy index itself (in memory, one writer). Not thread-safe: one caller at a
    time (``SearchIndex`` serialises writers; searches run on the event loop's thread)."""

    def __init__(self) -> None:
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
        languages = [*STEMMED, UNSTEMMED]
        for code in languages:
            for part in ("title", "text"):
                builder.add_text_field(
                    f"{part}_{code}", tokenizer_name=f"an_{code}", index_option="freq"
                )
        builder.add_text_field("extra", tokenizer_name=f"an_{UNSTEMMED}", index_option="freq")
        # filters (indexed, one term per value) and facets (one fast value per document)
        for name in ("kind", "theme", "country", "language"):
            builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
            builder.add_text_field(
                f"facet_{name}", tokenizer_name="raw", fast=True, index_option="basic"
            )
        builder.add_integer_field("sdg", indexed=True)
        builder.add_text_field("facet_sdg", tokenizer_name="raw", fast=True, index_option="basic")
        builder.add_integer_field("year", indexed=True, fast=True)
        builder.add_integer_field("published_at", fast=True)
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema)
        self._analysers = {code: _analyser(STEMMED.get(code)) for code in languages}
        for code, analyser in self._analysers.items():
            self.index.register_tokenizer(f"an_{code}", analyser)
        self._words = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .build()
        )
        self._writer = self.index.writer(64_000_000, 1)
        self.searcher = self.index.searcher()
        #: the field languages documents were indexed in: a query is read in each of them
        self.languages: set[str] = set()

    # ---- writing ------------------------------------------------------------------------
    def write(
        self, removed: Iterable[UUID], added: Iterable[IndexedResource], *, new: bool = False
    ) -> None:
        """Drop the ``removed`` resources, add (or replace) the ``added`` ones (``new``: they
        are not in the index yet); searches see the change once it is published."""
        for rid in removed:
            self._writer.delete_documents_by_term("id", str(rid))
        for resource in added:
            if not new:
                self._writer.delete_documents_by_term("id", str(resource.id))
            self._writer.add_document(self._document(resource))

    def publish(self) -> None:
        """Make what was written visible to the next search."""
        self._writer.commit()
        self.index.reload()
        self.searcher = self.index.searcher()

    def _document(self, r: IndexedResource) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text("id", str(r.id))
        for t in r.translations:
            code = field_language(t.language)
            self.languages.add(code)
            doc.add_text(f"title_{code}", prepare(t.title))
            doc.add_text(f"text_{code}", prepare(t.text))
        if r.extra:
            doc.add_text("extra", prepare(r.extra))
        doc.add_text("kind", r.kind)
        doc.add_text("facet_kind", r.kind)
        for name, values in (
            ("theme", r.themes),
            ("country", r.countries),
            ("language", r.languages),
        ):
            for value in values:
                doc.add_text(name, value)
            if values:
                doc.add_text(f"facet_{name}", _JOIN.join(sorted(set(values))))
        for sdg in r.sdgs:
            doc.add_integer("sdg", sdg)
        if r.sdgs:
            doc.add_text("facet_sdg", _JOIN.join(str(s) for s in sorted(set(r.sdgs))))
        if r.year is not None:
            doc.add_integer("year", r.year)
        doc.add_integer("published_at", int(r.published_at.timestamp() * 1_000_000))
        return doc

    # ---- reading ------------------------------------------------------------------------
    @property
    def size(self) -> int:
        return int(self.searcher.num_docs)

    def parse(self, q: str) -> ParsedQuery:
        """The web search syntax readers know: words (all must match), ``OR`` between two
        words (either), ``-word`` (must not match); quotes are ignored (no phrases)."""
        clauses: list[list[str]] = []
        excluded: list[str] = []
        joined = False  # the previous part was OR: this word joins the last clause
        for part in prepare(q).replace('"', " ").split():
            if part.lower() == "or" and clauses:
                joined = True
                continue
            if part.startswith("-") and len(part) > 1:
                excluded.extend(self._words.analyze(part))
            elif words := self._words.analyze(part):
                if joined:
                    clauses[-1].extend(words)
                else:
                    clauses.extend([w] for w in words)
            joined = False
        return ParsedQuery(tuple(tuple(c) for c in clauses), tuple(excluded))

    def _word_in(self, reading: str, word: str, fields: Sequence[str]) -> tantivy.Query | None:
        """The word as language ``reading`` stems it, in the titles and texts of every
        language ``fields`` (a stem is often shared: English "migrants" finds Spanish
        "migrantes"), or among the classification words."""
        stems = self._analysers[reading].analyze(word)
        if not stems:  # a stop word of this language: the reading goes on without it
            return None
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for stem in stems:
            for code in fields:
                title = tantivy.Query.term_query(self.schema, f"title_{code}", stem)
                clauses.append(
                    (tantivy.Occur.Should, tantivy.Query.boost_query(title, TITLE_BOOST))
                )
                clauses.append(
                    (
                        tantivy.Occur.Should,
                        tantivy.Query.term_query(self.schema, f"text_{code}", stem),
                    )
                )
        for plain in self._analysers[UNSTEMMED].analyze(word):
            clauses.append(
                (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "extra", plain))
            )
        return tantivy.Query.boolean_query(clauses)

    def _clause(
        self, reading: str, words: Sequence[str], fields: Sequence[str]
    ) -> tantivy.Query | None:
        alternatives = [q for w in words if (q := self._word_in(reading, w, fields)) is not None]
        if len(alternatives) <= 1:
            return alternatives[0] if alternatives else None
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in alternatives])

    def text_query(self, parsed: ParsedQuery, language: str | None) -> tantivy.Query | None:
        """The query's readings, one per language, the best reading scoring (None: no word
        left to look for)."""
        fields = sorted(self.languages) or [UNSTEMMED]
        readings = list(
            dict.fromkeys([field_language(language), UNSTEMMED] if language else fields)
        )
        found: list[tantivy.Query] = []
        # readings that stem every word alike are one reading (often: Arabic stems Latin
        # words as they are; French and Spanish often agree); a repeated clause is one
        # clause. Neither changes the order of results, only the work.
        seen: set[tuple[tuple[tuple[str, ...], ...], ...]] = set()
        clauses = list(dict.fromkeys(parsed.clauses))
        for reading in readings:
            stems = tuple(
                tuple(tuple(self._analysers[reading].analyze(w)) for w in clause)
                for clause in clauses
            )
            if stems in seen:
                continue
            seen.add(stems)
            must = [q for clause in clauses if (q := self._clause(reading, clause, fields))]
            if must:
                found.append(tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in must]))
        if not found:
            return None
        best = found[0] if len(found) == 1 else tantivy.Query.disjunction_max_query(found)
        # an excluded word excludes in every reading
        excluded = [
            (tantivy.Occur.MustNot, q)
            for w in parsed.excluded
            for reading in readings
            if (q := self._word_in(reading, w, fields)) is not None
        ]
        if not excluded:
            return best
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, best), *excluded])

    def _filtered(self, scored: tantivy.Query | None, filters: Filters) -> tantivy.Query:
        """The query with the filters as non-scoring conditions."""
        conditions: list[tantivy.Query] = []
        for name, value in (
            ("kind", filters.kind),
            ("theme", filters.theme),
            ("country", filters.country),
            ("language", filters.in_language),
        ):
            if value is not None:
                conditions.append(tantivy.Query.term_query(self.schema, name, value))
        for name, number in (("sdg", filters.sdg), ("year", filters.year)):
            if number is not None:
                conditions.append(tantivy.Query.term_query(self.schema, name, number))
        clauses = [(tantivy.Occur.Must, scored or tantivy.Query.all_query())]
        clauses += [
            (tantivy.Occur.Must, tantivy.Query.const_score_query(c, 0.0)) for c in conditions
        ]
        return clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)

    def query(
        self, q: str | None, *, language: str | None = None, filters: Filters = Filters()
    ) -> Query | None:
        """The reader's query for ``top`` and ``facets`` (None: nothing can match)."""
        scored = None
        if q:
            scored = self.text_query(self.parse(q), language)
            if scored is None:  # only stop words, or nothing searchable
                return None
        return Query(
            self._filtered(scored, filters), ranked=scored is not None, searcher=self.searcher
        )

    def top(self, query: Query | None, *, offset: int = 0, limit: int = 20) -> Hits:
        """A page of hits: best first (newest first without words to rank by)."""
        if query is None:
            return Hits([], [], False)
        searcher = query.searcher
        if query.ranked:
            result = searcher.search(query.query, limit + 1, count=False, offset=offset)
        else:
            result = searcher.search(
                query.query, limit + 1, count=False, order_by_field="published_at", offset=offset
            )
        hits = result.hits
        more = len(hits) > limit
        hits = hits[:limit]
        ids = [UUID(searcher.doc(address)["id"][0]) for _, address in hits]
        scores = [float(key) if query.ranked else None for key, _ in hits]
        return Hits(ids, scores, more)

    def facets(self, query: Query | None) -> dict[str, list[dict[str, Any]]]:
        """Exact counts of every facet value over all hits."""
        if query is None:
            return {f: [] for f in FACETS}
        return self._facets(query.searcher, query.query)

    def search(
        self,
        q: str | None,
        *,
        language: str | None = None,
        filters: Filters = Filters(),
        offset: int = 0,
        limit: int = 20,
        with_facets: bool = True,
    ) -> Hits:
        """``top`` and (``with_facets``) ``facets`` of one query, one after the other."""
        query = self.query(q, language=language, filters=filters)
        hits = self.top(query, offset=offset, limit=limit)
        if with_facets:
            hits.facets = self.facets(query)
        return hits

    def _facets(
        self, searcher: tantivy.Searcher, query: tantivy.Query
    ) -> dict[str, list[dict[str, Any]]]:
        """Exact counts of every facet value over all hits."""
        spec = {
            name: {
                "terms": {
                    "field": "year" if name == "year" else f"facet_{name}",
                    "size": _FACET_BUCKETS,
                    "segment_size": _FACET_BUCKETS,
                }
            }
            for name in FACETS
        }
        found = searcher.aggregate(query, spec)
        facets: dict[str, list[dict[str, Any]]] = {}
        for name in FACETS:
            counts: dict[str, int] = {}
            answer = found[name]
            if answer.get("sum_other_doc_count") or answer.get("doc_count_error_upper_bound"):
                raise RuntimeError(f"facet {name} counted approximately")  # never expected
            for bucket in answer["buckets"]:
                key = bucket["key"]
                values = [str(int(key))] if name == "year" else str(key).split(_JOIN)
                for value in values:
                    counts[value] = counts.get(value, 0) + int(bucket["doc_count"])
            facets[name] = sorted(
                ({"value": v, "count": n} for v, n in counts.items()),
                key=lambda v: (-v["count"], v["value"]),
            )
        return facets
