"""The people directory: what a profile contributes to search, and how a search is asked.

Text is accent-folded and case-folded here, on both the indexed side and the query side, so
"Jose" finds "José" and "Søren" finds "Soren" in every language, with PostgreSQL's ``simple``
text-search configuration (no language-specific stemming: the directory is multilingual).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any
from uuid import UUID

from contracts.vocabulary import LOCALES, scheme
from eventkit.cursors import InvalidCursor
from eventkit.cursors import decode_cursor as decode_key
from eventkit.cursors import encode_cursor as encode_key
from profiles.domain.profile import PersonProfile

# letters NFKD does not decompose into base + mark
_SPECIAL = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "\u0131": "i", "þ": "th"}
)
_WORD = re.compile(r"\w+", re.UNICODE)
_POSITION = re.compile(r"^[01],\d{1,10},\d{1,5}$")
MAX_TERMS = 8
MAX_LIMIT = 50
# Facet counts cover at most this many matches: counting reads each matching row, and a broad
# word ("a") matches most of the directory. Beyond it the counts are over the first matches
# in storage order (an arbitrary sample) and flagged as partial. (The number is also in the
# HTTP route's description.)
FACET_SAMPLE = 2000

# Every filterable value of an entry as one "facet:value" code, so that a word search and all
# its filters are answered by a single GIN index scan (see adapters/directory_repository.py).
FACET_OF_CODE = {
    "origin": "origin",
    "residence": "residence",
    "skill": "skills",
    "occupation": "occupations",
    "sector": "sectors",
    "language": "languages",
    "mode": "modes",
}


def fold(text: str) -> str:
    """Lower-case, accent-free text (``"Ñúñez-Øster"`` -> ``"nunez-oster"``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_SPECIAL)


def query_terms(q: str) -> list[str]:
    return _WORD.findall(fold(q))[:MAX_TERMS]


def prefix_tsquery(q: str) -> str | None:
    """A ``to_tsquery`` string matching every term as a prefix; None when nothing is left."""
    terms = query_terms(q)
    return " & ".join(f"{t}:*" for t in terms) or None


# A term stands for at most this many directory words (else it stays a prefix match).
MAX_EXPANSION = 64
# words to_tsquery reads back as exactly one lexeme (no hyphen, dot, apostrophe...)
_PLAIN_WORD = re.compile(r"[^\W_]+")


def expanded_tsquery(terms: list[str], words_of: dict[int, list[str]]) -> str | None:
    """The prefix search of ``terms`` with each term replaced by the directory words it is
    the start of (``words_of[i]``: every known word starting with term i, in order).

    Same matches as ``prefix_tsquery``, found faster: an index lookup of exact words can
    skip through the posting lists of the other words and filter codes, while a prefix
    (partial) match first collects every row of every word with that prefix. A term keeps
    its prefix form when it starts too many words, none (the vocabulary keeps every word
    ever indexed, so nothing would match, or the term is split differently), or a word that
    is not plain letters and digits.
    """
    parts = []
    for i, term in enumerate(terms):
        words = words_of.get(i, [])
        if 0 < len(words) <= MAX_EXPANSION and all(_PLAIN_WORD.fullmatch(w) for w in words):
            parts.append("(" + " | ".join(words) + ")")
        else:
            parts.append(f"{term}:*")
    return " & ".join(parts) or None


@dataclass(frozen=True)
class DirectoryEntry:
    person_id: UUID
    display_name: str
    sort_name: str
    headline: str | None
    text: str  # folded, for the tsvector
    origin: str | None
    residence: str | None
    skills: list[str]
    occupations: list[str]
    sectors: list[str]
    languages: list[str]
    modes: list[str]
    open_to_opportunities: bool

    @property
    def codes(self) -> list[str]:
        """What the filters match on ("residence:FR", "skill:S5", "open:true", ...)."""
        return [
            *codes("origin", [self.origin] if self.origin else []),
            *codes("residence", [self.residence] if self.residence else []),
            *codes("skill", self.skills),
            *codes("occupation", self.occupations),
            *codes("sector", self.sectors),
            *codes("language", self.languages),
            *codes("mode", self.modes),
            f"open:{'true' if self.open_to_opportunities else 'false'}",
        ]

    @classmethod
    def of(cls, profile: PersonProfile) -> DirectoryEntry:
        """Only what every member may see goes into the directory."""
        view = profile.shareable()
        name = view.get("display_name") or ""
        headlines: dict[str, str] = view.get("headline") or {}
        words: list[str] = [
            name,
            view.get("given_name") or "",
            view.get("family_name") or "",
            view.get("city") or "",
            *headlines.values(),
            *(view.get("tags") or []),
            *(view.get("interests") or []),
        ]
        # vocabulary labels in every locale: "ingenieur" finds code 2142 too
        for scheme_name in ("occupations", "skills"):
            for code in view.get(scheme_name) or []:
                if code in scheme(scheme_name):
                    words += [scheme(scheme_name).label(code, loc).text for loc in LOCALES]
        headline = headlines.get(profile.locale) or next(iter(headlines.values()), None)
        return cls(
            person_id=profile.person_id,
            display_name=name or "—",
            sort_name=fold(name)[:200] if name else "~",
            headline=headline,
            text=fold(" ".join(w for w in words if w)),
            origin=view.get("country_of_origin"),
            residence=view.get("country_of_residence"),
            skills=list(view.get("skills") or []),
            occupations=list(view.get("occupations") or []),
            sectors=list(view.get("sectors") or []),
            languages=[lang["code"] for lang in view.get("languages") or []],
            modes=list(view.get("contribution_modes") or []),
            open_to_opportunities=bool(view.get("open_to_opportunities", False)),
        )


class Tier(IntEnum):
    """How well a person matches the words searched; better tiers come first.

    NAME: every word is (the start of) a word of the person's name. OTHER: the words are
    found only with the rest of the entry (headline, occupations, skills, tags, city...).
    Within a tier, people come in a stable order (storage position; see
    adapters/directory_repository.py), so keyset pages neither repeat nor skip anyone.
    """

    NAME = 0
    OTHER = 1


def position_key(tier: Tier, block: int, item: int) -> str:
    """A word-search row's place in the result order, as its cursor carries it."""
    return f"{int(tier)},{block},{item}"


@dataclass(frozen=True)
class PeopleSearch:
    viewer: UUID
    q: str | None = None
    origin: list[str] = field(default_factory=list)
    residence: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    occupations: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    open_to_opportunities: bool | None = None
    limit: int = 20
    # keyset: (sort_name, person_id) of the last row when browsing; ("tier,block,item",
    # person_id) when searching words (see position)
    after: tuple[str, UUID] | None = None
    facets: bool = False

    @property
    def words(self) -> str | None:
        """The prefix ``tsquery`` of the words searched; None when browsing."""
        return prefix_tsquery(self.q or "")

    def code_groups(self) -> list[list[str]]:
        """The filters as codes: a person matches one code of every group."""
        groups = [
            codes("origin", self.origin),
            codes("residence", self.residence),
            codes("skill", self.skills),
            codes("occupation", self.occupations),
            codes("sector", self.sectors),
            codes("language", self.languages),
            codes("mode", self.modes),
        ]
        if self.open_to_opportunities is not None:
            groups.append([f"open:{'true' if self.open_to_opportunities else 'false'}"])
        return [g for g in groups if g]

    def position(self) -> tuple[Tier, int, int] | None:
        """Where a word search resumes: the relevance tier of the last row, and its storage
        position (block, item) within that tier."""
        if self.after is None:
            return None
        if not _POSITION.match(self.after[0]):
            raise InvalidCursor("The cursor is not one this API returned.")
        tier, block, item = self.after[0].split(",")
        return Tier(int(tier)), int(block), int(item)


def codes(facet: str, values: list[str]) -> list[str]:
    return [f"{facet}:{v}" for v in dict.fromkeys(values)]


def facet_counts(counted: list[tuple[str, int]], size: int) -> dict[str, list[dict[str, Any]]]:
    """Per facet, its ``size`` most frequent values from (code, count) pairs."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in FACET_OF_CODE.values()}
    for code, count in sorted(counted, key=lambda c: (-c[1], c[0])):
        facet, _, value = code.partition(":")
        name = FACET_OF_CODE.get(facet)
        if name is not None and len(out[name]) < size:
            out[name].append({"value": value, "count": count})
    return out


def encode_cursor(sort_name: str, person_id: UUID) -> str:
    return encode_key([sort_name, str(person_id)])


def decode_cursor(cursor: str) -> tuple[str, UUID]:
    try:
        sort_name, person_id = decode_key(cursor)
        return str(sort_name), UUID(person_id)
    except (ValueError, TypeError) as exc:
        raise InvalidCursor() from exc
