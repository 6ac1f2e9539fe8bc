"""Codes a person chooses from, with labels in the page's language.

Occupations (ISCO-08), skill groups (ESCO), sectors (ISIC) and education levels (ISCED)
come from the API (``GET /v1/directory/taxonomy``), which is where the platform defines them;
the other shared schemes (the library's themes...) from ``GET /v1/vocabulary/<scheme>``
(:func:`term_labels`).
Countries (ISO 3166) and languages (ISO 639) are international standards named by CLDR
(Babel) in every language. Language levels are the API's enumeration, labelled here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from babel import Locale
from starlette.requests import Request

from web.api import ApiProblem
from web.navigation import N_
from web.runtime import visit_of, web_of

LANGUAGE_LEVELS: dict[str, str] = {
    "native": N_("Native"),
    "fluent": N_("Fluent"),
    "basic": N_("Basic"),
}
#: languages offered first (the rest of ISO 639-1 follows in the list)
COMMON_LANGUAGES = ("en", "fr", "es", "ar", "pt", "ht", "sw", "so", "am", "ti", "ha", "yo")


#: CLDR territory codes that are not countries
NOT_COUNTRIES = frozenset({"ZZ", "EU", "UN", "EZ", "QO", "XA", "XB", "XK"})


def _two_letter(names: Mapping[Any, Any]) -> list[tuple[str, str]]:
    pairs = [
        (str(code), str(name))
        for code, name in names.items()
        if isinstance(code, str) and len(code) == 2 and code.isalpha()
    ]
    return sorted(pairs, key=lambda pair: pair[1])


@cache
def countries(locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(locale).territories
    return [(c, n) for c, n in _two_letter(names) if c not in NOT_COUNTRIES]


@cache
def languages(locale: str) -> list[tuple[str, str]]:
    return _two_letter(Locale.parse(locale).languages)


def country_name(code: str | None, locale: str) -> str:
    if not code:
        return ""
    return str(Locale.parse(locale).territories.get(code.upper(), code))


def language_name(code: str | None, locale: str) -> str:
    if not code:
        return ""
    return str(Locale.parse(locale).languages.get(code, code))


async def _vocabulary(request: Request, name: str) -> Any:
    """``GET /v1/vocabulary/<name>`` in the reader's language (:func:`_in_reader_language`)."""
    return await _in_reader_language(request, f"/v1/vocabulary/{name}")


async def _in_reader_language(request: Request, path: str) -> Any:
    """A vocabulary answer in the reader's language (the API falls back to English for a
    label it lacks), fetched once per process and language (it changes only when the platform
    is deployed again); a refusal is not kept."""
    web, visit = web_of(request), visit_of(request)
    key = (path, visit.locale)
    if key not in web.vocabulary:
        web.vocabulary[key] = await web.api.get(
            visit, path, params={"lang": visit.locale}, auth=False
        )
    return web.vocabulary[key]


async def classifications(request: Request) -> dict[str, list[dict[str, str]]]:
    """Occupations, skills, sectors and education levels (``GET /v1/directory/taxonomy``):
    each scheme's terms as ``{"code", "label"}`` in the reader's language."""
    found: dict[str, list[dict[str, str]]] = await _in_reader_language(
        request, "/v1/directory/taxonomy"
    )
    return found


async def classification_labels(request: Request) -> dict[str, dict[str, str]]:
    """:func:`classifications` as ``scheme -> code -> label``."""
    return {
        scheme: {t["code"]: t["label"] for t in terms}
        for scheme, terms in (await classifications(request)).items()
    }


async def term_labels(request: Request, scheme: str) -> dict[str, str]:
    """The labels of a shared vocabulary scheme in the reader's language (code -> label);
    empty when the API cannot say (codes are then shown as words, and the next page asks
    again)."""
    try:
        found = await _vocabulary(request, scheme)
    except ApiProblem:
        return {}
    return {t["code"]: t["label"]["text"] for t in found.get("terms", [])}


def term_label(labels: Mapping[str, str], code: str) -> str:
    """A code in words: its label, else the code itself made readable."""
    return labels.get(code) or code.replace("_", " ")


async def contribution_modes(request: Request, chosen: Iterable[str] = ()) -> dict[str, str]:
    """The ways to contribute in the reader's language (the shared vocabulary's scheme).
    Codes already ``chosen`` stay offered even when the API cannot name them: a form never
    drops what a person had."""
    labels = await term_labels(request, "contribution_modes")
    return {**{c: term_label({}, c) for c in chosen if c not in labels}, **labels}


async def role_catalogue(request: Request) -> list[dict[str, Any]]:
    """Every role with its name in the reader's language and what it permits per service
    (``GET /v1/vocabulary/roles``)."""
    roles: list[dict[str, Any]] = await _vocabulary(request, "roles")
    return roles


async def permissions_of(request: Request, roles: Iterable[str]) -> tuple[str, ...]:
    """What ``roles`` permit together: the API's permission names (``service.permission``)."""
    held = set(roles)
    return tuple(
        sorted(
            {
                permission
                for role in await role_catalogue(request)
                if role["role"] in held
                for permissions in role["permits"].values()
                for permission in permissions
            }
        )
    )


async def role_names(request: Request) -> dict[str, str]:
    """Each role's name in the reader's language (empty when the API cannot say)."""
    try:
        catalogue = await role_catalogue(request)
    except ApiProblem:
        return {}
    return {role["role"]: role["name"]["text"] for role in catalogue}
