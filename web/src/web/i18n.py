"""Languages: Babel catalogs (``locale/<lang>/LC_MESSAGES/messages.po``) for en, fr, es, ar.

The catalogs are compiled in memory when the process starts (no compiled ``.mo`` files are
kept in the repository). A visitor's language is, in order: the one they chose with the
switch (cookie), their account's, their browser's (Accept-Language), English.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from web.settings import LOCALES, RTL_LOCALES

LOCALE_DIR = Path(__file__).parent / "locale"
LANG_COOKIE = "dep_lang"


def load_catalog(locale: str) -> NullTranslations:
    path = LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po"
    if locale == "en" or not path.exists():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def negotiate(cookie: str | None, account: str | None, accept_language: str | None) -> str:
    for choice in (cookie, account):
        if choice:
            base = choice.split("-")[0].lower()
            if base in LOCALES:
                return base
    weighted: list[tuple[float, str]] = []
    for part in (accept_language or "").split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            continue
        weighted.append((weight, tag.split("-")[0].lower()))
    for _, lang in sorted(weighted, key=lambda w: -w[0]):
        if lang in LOCALES:
            return lang
    return "en"


@dataclass(frozen=True)
class Language:
    code: str
    translations: NullTranslations

    @property
    def direction(self) -> str:
        return "rtl" if self.code in RTL_LOCALES else "ltr"

    @property
    def name(self) -> str:
        return str(Locale.parse(self.code).get_display_name(self.code)).capitalize()

    @property
    def gettext(self) -> Callable[[str], str]:
        return self.translations.gettext

    @property
    def ngettext(self) -> Callable[[str, str, int], str]:
        return self.translations.ngettext

    def when(self, value: str | datetime | None, zone: str = "UTC") -> str:
        """A time in this language's conventions on ``zone``'s clock, the zone named."""
        if not value:
            return ""
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        try:
            tz = ZoneInfo(zone)
        except (KeyError, ValueError):
            tz, zone = ZoneInfo("UTC"), "UTC"
        text = format_datetime(moment.astimezone(tz), "medium", locale=self.code)
        return f"{text} ({zone})"

    def day(self, value: str | date | None) -> str:
        """A calendar day (no time, no zone: a campaign closes on a day) in this language."""
        if not value:
            return ""
        return format_date(
            date.fromisoformat(value) if isinstance(value, str) else value, "long", locale=self.code
        )


class Languages:
    def __init__(self) -> None:
        self._by_code = {code: Language(code, load_catalog(code)) for code in LOCALES}

    def __getitem__(self, code: str) -> Language:
        return self._by_code.get(code, self._by_code["en"])

    def all(self) -> list[Language]:
        return list(self._by_code.values())
