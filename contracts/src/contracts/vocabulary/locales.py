"""The languages the platform speaks, and how a requested locale falls back."""

from __future__ import annotations

#: every text and every label exists in these (a missing published label set falls back to
#: English, visibly: see ``Label.fallback``)
LOCALES: tuple[str, ...] = ("en", "fr", "es", "ar")
DEFAULT_LOCALE = "en"
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


def fallback_chain(locale: str | None) -> list[str]:
    """``fr-CA`` -> ``fr-CA``, ``fr``, ``en``; an empty or odd tag -> ``en``."""
    parts = [p for p in (locale or "").replace("_", "-").split("-") if p]
    chain = ["-".join(parts[:i]) for i in range(len(parts), 0, -1)]
    if parts:
        chain[-1] = chain[-1].lower()
    if DEFAULT_LOCALE not in chain:
        chain.append(DEFAULT_LOCALE)
    return chain


def supported(locale: str | None) -> str:
    """The supported locale a request for ``locale`` is served in."""
    for candidate in fallback_chain(locale):
        if candidate in LOCALES:
            return candidate
    return DEFAULT_LOCALE


def is_rtl(locale: str | None) -> bool:
    """Whether text in ``locale`` is written right to left (Arabic)."""
    return (locale or "").replace("_", "-").split("-")[0].lower() in RTL_LANGUAGES


def same_language(a: str, b: str) -> bool:
    """``fr-CA`` and ``fr`` are the same language (a label in one serves the other)."""
    return a.split("-")[0].lower() == b.split("-")[0].lower()


def preferred_languages(lang: str | None, accept_language: str | None) -> list[str]:
    """?lang= first, then Accept-Language by quality (RFC 9110), base languages only."""
    chosen: list[str] = [lang] if lang else []
    weighted: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        if not tag or tag == "*":
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if q > 0:
            weighted.append((-q, i, tag.split("-")[0].lower()))
    chosen += [tag for _, _, tag in sorted(weighted)]
    return list(dict.fromkeys(chosen))


def reader_locale(lang: str | None, accept_language: str | None) -> str:
    """The platform locale a reader is answered in: ``?lang=``, then Accept-Language."""
    wanted = preferred_languages(lang, accept_language)
    return next((tag for tag in wanted if tag in LOCALES), DEFAULT_LOCALE)
