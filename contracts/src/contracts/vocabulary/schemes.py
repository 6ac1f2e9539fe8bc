"""A classification scheme: its codes in one canonical form, labels per locale, search.

Every scheme answers the same small API, which services (validation), notifications (labels
in the recipient's language) and the web client (pickers) share:

    countries = scheme("countries")
    countries.validate("ht")            # -> "HT" (canonical), or raises UnknownCode
    countries.label("HT", "fr")         # -> Label(text="Haïti", locale="fr", fallback=False)
    countries.search("haï", "fr")       # -> [Term(code="HT", label=Label(...))]
    countries.terms("ar")               # every term, ordered by its label in Arabic
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from contracts.vocabulary.locales import DEFAULT_LOCALE, LOCALES, fallback_chain, same_language


class UnknownCode(ValueError):
    """A code that is not in the scheme (a ``ValueError``, so pydantic answers 422)."""

    def __init__(self, scheme: str, code: object, code_form: str) -> None:
        self.scheme = scheme
        self.code = code
        super().__init__(f"{code!r} is not a code of {scheme} ({code_form})")


@dataclass(frozen=True)
class Label:
    """A code's name in a language. ``fallback`` is true when no published label exists in
    the requested locale and ``text`` is in ``locale`` (English) instead: show it marked,
    e.g. with ``lang="en"``."""

    text: str
    locale: str
    fallback: bool = False


@dataclass(frozen=True)
class Term:
    code: str
    label: Label


@dataclass(frozen=True)
class Source:
    """Where a scheme's codes and labels come from (``data/sources.json``)."""

    title: str
    publisher: str
    version: str
    code_form: str
    locales: Mapping[str, str | None]

    def has_labels(self, locale: str) -> bool:
        return self.locales.get(locale) is not None


def folded(text: str) -> str:
    """Case- and accent-insensitive form for matching labels ("Haïti" ~ "haiti")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Scheme:
    """One classification. ``load`` returns ``{code: {locale: label}}`` for the canonical
    codes (English always present); ``aliases`` maps other accepted spellings (folded) to the
    canonical code, e.g. ISO 639-3 ``fra`` to ``fr``."""

    def __init__(
        self,
        name: str,
        source: Source,
        load: Callable[[], dict[str, dict[str, str]]],
        *,
        aliases: Callable[[], dict[str, str]] | None = None,
    ) -> None:
        self.name = name
        self.source = source
        self._load = load
        self._load_aliases = aliases

    def __repr__(self) -> str:
        return f"<Scheme {self.name}: {self.source.code_form}>"

    @cached_property
    def _labels(self) -> dict[str, dict[str, str]]:
        return self._load()

    @cached_property
    def _canonical(self) -> dict[str, str]:
        found = {folded(code): code for code in self._labels}
        if self._load_aliases is not None:
            for alias, code in self._load_aliases().items():
                found.setdefault(folded(alias), code)
        return found

    @cached_property
    def _search_index(self) -> dict[str, list[tuple[str, str]]]:
        """Per locale: (folded label, code), the label a reader of that locale sees."""
        return {
            locale: [(folded(self.label(code, locale).text), code) for code in self._labels]
            for locale in LOCALES
        }

    # ---- codes -----------------------------------------------------------------------------
    def codes(self) -> frozenset[str]:
        return frozenset(self._labels)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._labels

    def canonical(self, code: object) -> str | None:
        """The canonical form of ``code`` (any case, or an accepted alias), or None."""
        if not isinstance(code, str):
            return None
        return self._canonical.get(folded(code.strip()))

    def validate(self, code: object) -> str:
        """The canonical form of ``code``; ``UnknownCode`` when the scheme has no such code."""
        found = self.canonical(code)
        if found is None:
            raise UnknownCode(self.name, code, self.source.code_form)
        return found

    def validate_all(self, codes: Iterable[object]) -> list[str]:
        """Each code validated, in order, duplicates dropped."""
        return list(dict.fromkeys(self.validate(c) for c in codes))

    # ---- labels ----------------------------------------------------------------------------
    def label(self, code: str, locale: str | None = DEFAULT_LOCALE) -> Label:
        """The code's label in ``locale`` (or its fallback chain, ending in English)."""
        canonical = self.validate(code)
        labels = self._labels[canonical]
        chain = fallback_chain(locale)
        for candidate in chain:
            text = labels.get(candidate)
            if text:
                return Label(
                    text=text, locale=candidate, fallback=not same_language(candidate, chain[0])
                )
        return Label(text=canonical, locale=DEFAULT_LOCALE, fallback=True)

    def terms(self, locale: str | None = DEFAULT_LOCALE) -> list[Term]:
        """Every term, ordered by its label as a reader of ``locale`` sees it."""
        terms = [Term(code, self.label(code, locale)) for code in self._labels]
        return sorted(terms, key=lambda t: (folded(t.label.text), t.code))

    def search(self, text: str, locale: str | None = DEFAULT_LOCALE, limit: int = 20) -> list[Term]:
        """Terms whose label (in ``locale``, or English) or code matches ``text``: the exact
        code first, then labels starting with it, then labels with a word starting with it,
        then labels containing it; alphabetically within each."""
        query = folded(text.strip())
        if not query:
            return []
        served = next((c for c in fallback_chain(locale) if c in LOCALES), DEFAULT_LOCALE)
        ranked: dict[str, tuple[int, str]] = {}
        exact = self.canonical(text)
        if exact is not None:
            ranked[exact] = (0, "")
        for index_locale in dict.fromkeys((served, DEFAULT_LOCALE)):
            for label, code in self._search_index[index_locale]:
                rank = _match_rank(label, query)
                if rank is not None and (code not in ranked or ranked[code][0] > rank):
                    ranked[code] = (rank, label)
        best = sorted(ranked.items(), key=lambda item: (item[1], item[0]))[: max(0, limit)]
        return [Term(code, self.label(code, locale)) for code, _ in best]

    def describe(self) -> dict[str, Any]:
        """What the scheme is, for documentation and API discovery."""
        return {
            "scheme": self.name,
            "title": self.source.title,
            "publisher": self.source.publisher,
            "version": self.source.version,
            "code_form": self.source.code_form,
            "codes": len(self._labels),
            "locales": {
                loc: self.source.locales.get(loc) or "missing: English shown, marked as fallback"
                for loc in LOCALES
            },
        }


def _match_rank(label: str, query: str) -> int | None:
    if label.startswith(query):
        return 1
    if any(word.startswith(query) for word in label.replace("-", " ").split()):
        return 2
    if query in label:
        return 3
    return None
