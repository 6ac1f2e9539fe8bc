"""The shared classification schemes, each loaded from its published source.

Where each comes from is recorded in ``data/sources.json`` (and ``docs/vocabulary.md``):
countries and languages from the ISO catalogues pycountry ships (language names from Unicode
CLDR through Babel, which names far more languages in Arabic than iso-codes does); the
classification tables (ISCO-08, ESCO, ISIC Rev.4, ISCED 2011, SDGs) from the CSV files in
``data/``; the platform's own lists (contribution modes) from its gettext catalogue.
"""

from __future__ import annotations

import csv
import gettext
import json
from functools import cache
from importlib import resources
from typing import Any

import pycountry
from babel import Locale

from contracts.vocabulary.locales import LOCALES
from contracts.vocabulary.schemes import Scheme, Source
from contracts.vocabulary.terms import (
    CONTRIBUTION_MODES,
    RESOURCE_THEMES,
    has_translation,
    translations,
)

_DATA = resources.files("contracts.vocabulary").joinpath("data")


@cache
def _sources() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(_DATA.joinpath("sources.json").read_text("utf-8"))
    return loaded


def _source(name: str) -> Source:
    s = _sources()[name]
    return Source(
        title=s["title"],
        publisher=s["publisher"],
        version=s["version"],
        code_form=s["code_form"],
        locales=dict(s["locales"]),
    )


def _iso_catalogue(domain: str, locale: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale], fallback=True)


# ---- countries: ISO 3166-1 ------------------------------------------------------------------
def _countries() -> dict[str, dict[str, str]]:
    catalogues = {loc: _iso_catalogue("iso3166-1", loc) for loc in LOCALES if loc != "en"}
    out: dict[str, dict[str, str]] = {}
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        labels = {"en": english}
        for loc, catalogue in catalogues.items():
            labels[loc] = catalogue.gettext(english)
        out[country.alpha_2] = labels
    return out


# ---- currencies: ISO 4217 -------------------------------------------------------------------
def _currencies() -> dict[str, dict[str, str]]:
    catalogues = {loc: _iso_catalogue("iso4217", loc) for loc in LOCALES if loc != "en"}
    out: dict[str, dict[str, str]] = {}
    for currency in pycountry.currencies:
        labels = {"en": currency.name}
        for loc, catalogue in catalogues.items():
            translated = catalogue.gettext(currency.name)
            if translated != currency.name:
                labels[loc] = translated
        out[currency.alpha_3] = labels
    return out


# ---- languages: ISO 639 ---------------------------------------------------------------------
def _living_languages() -> list[Any]:
    """Living individual languages and macrolanguages (ISO 639-3 type L, scope I or M)."""
    return [lang for lang in pycountry.languages if lang.type == "L" and lang.scope in "IM"]


def _language_code(lang: Any) -> str:
    return str(getattr(lang, "alpha_2", None) or lang.alpha_3)


def _languages() -> dict[str, dict[str, str]]:
    cldr = {loc: Locale.parse(loc).languages for loc in LOCALES}
    catalogues = {loc: _iso_catalogue("iso639-3", loc) for loc in LOCALES if loc != "en"}
    out: dict[str, dict[str, str]] = {}
    for lang in _living_languages():
        code = _language_code(lang)
        labels = {"en": cldr["en"].get(code) or lang.name}
        for loc, catalogue in catalogues.items():
            translated = cldr[loc].get(code) or catalogue.gettext(lang.name)
            if code in cldr[loc] or translated != lang.name:
                labels[loc] = translated
        out[code] = labels
    return out


def _language_aliases() -> dict[str, str]:
    """ISO 639-2/T, 639-2/B and 639-3 spellings of languages that have a 639-1 code."""
    aliases: dict[str, str] = {}
    for lang in _living_languages():
        code = _language_code(lang)
        for other in (lang.alpha_3, getattr(lang, "bibliographic", None)):
            if other and other != code:
                aliases[other] = code
    return aliases


# ---- published classification tables (data/*.csv) ------------------------------------------
def _table(file: str) -> dict[str, dict[str, str]]:
    text = _DATA.joinpath(file).read_text("utf-8")
    out: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(text.splitlines()):
        code = row.pop("code")
        out[code] = {loc: label for loc, label in row.items() if label and loc in LOCALES}
    return out


# ---- the platform's own lists (gettext catalogue) -------------------------------------------
def _platform_terms(terms: dict[str, str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for code, english in terms.items():
        labels = {"en": english}
        for loc in LOCALES:
            if loc != "en" and has_translation(loc, english):
                labels[loc] = translations(loc).gettext(english)
        out[code] = labels
    return out


def _build(name: str) -> Scheme:
    source = _source(name)
    if name == "countries":
        return Scheme(name, source, _countries)
    if name == "languages":
        return Scheme(name, source, _languages, aliases=_language_aliases)
    if name == "currencies":
        return Scheme(name, source, _currencies)
    if name == "contribution_modes":
        return Scheme(name, source, lambda: _platform_terms(CONTRIBUTION_MODES))
    if name == "resource_themes":
        return Scheme(name, source, lambda: _platform_terms(RESOURCE_THEMES))
    file = _sources()[name]["file"]
    return Scheme(name, source, lambda: _table(file))


#: every shared classification, by the name services and clients use
SCHEME_NAMES: tuple[str, ...] = (
    "countries",
    "languages",
    "occupations",
    "skills",
    "sectors",
    "education_levels",
    "contribution_modes",
    "resource_themes",
    "sdgs",
    "currencies",
)


@cache
def scheme(name: str) -> Scheme:
    """The scheme called ``name`` (one of ``SCHEME_NAMES``); ``KeyError`` otherwise."""
    if name not in SCHEME_NAMES:
        raise KeyError(f"no scheme {name!r}; schemes: {', '.join(SCHEME_NAMES)}")
    return _build(name)


def schemes() -> dict[str, Scheme]:
    return {name: scheme(name) for name in SCHEME_NAMES}
