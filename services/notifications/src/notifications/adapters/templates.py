"""Notices rendered in the recipient's language: the texts of ``adapters/texts.py`` through
the gettext catalogues (``notifications/locale``), laid out by one email layout
(``templates/email.html`` and ``email.txt``). Arabic output is marked right-to-left.

A locale without a catalogue falls back along ``pt-BR`` -> ``pt`` -> ``en``; every supported
locale translates every message (tested), enumeration values included.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from contracts.vocabulary import LOCALES, is_rtl
from notifications.adapters.texts import (
    ENUMS,
    GREETING,
    TEXTS,
    UNSUBSCRIBE,
    Link,
    NoticeText,
    Verbatim,
    When,
)
from notifications.domain.delivery import RenderedMessage
from notifications.domain.locales import DEFAULT_LOCALE, fallback_chain

__all__ = [
    "DEFAULT_LOCALE",
    "enum_label",
    "fallback_chain",
    "format_moment",
    "render",
    "render_feed",
]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "notifications"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=False,
)


@cache
def catalogue(locale: str) -> gettext.NullTranslations:
    """The compiled catalogue of a supported locale (English: the message ids themselves)."""
    if locale == DEFAULT_LOCALE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[locale])


def resolve_locale(template: str, locale: str) -> str:
    """The supported locale a notice for ``locale`` is written in."""
    if template not in TEXTS:
        raise LookupError(f"no template {template!r}")
    return next((c for c in fallback_chain(locale) if c in LOCALES), DEFAULT_LOCALE)


def exists(template: str) -> bool:
    return template in TEXTS


def enum_label(table: str, locale: str, code: str) -> str:
    """A code of another service (a status, an outcome) as people read it in ``locale``;
    an unknown code is shown as it is."""
    entry = ENUMS.get(table, {}).get(code)
    if entry is None:
        return code
    context, message = entry
    return catalogue(resolve_locale("welcome", locale)).pgettext(context, message)


def _babel_locale(locale: str) -> Locale:
    for candidate in fallback_chain(locale):
        try:
            return Locale.parse(candidate.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(DEFAULT_LOCALE)


def format_moment(moment: datetime, locale: str, time_zone: str) -> str:
    """A moment as the recipient reads it: their zone's wall clock, their language's date
    and time conventions (babel, CLDR), and the zone's name so it is never ambiguous."""
    zone = ZoneInfo(time_zone)
    local = moment.astimezone(zone)
    language = _babel_locale(locale)
    day = format_date(local.date(), format="long", locale=language)
    clock = format_time(local, format="short", tzinfo=zone, locale=language)
    return f"{day} {clock} ({time_zone})"


def localise_moments(values: dict[str, Any], locale: str, time_zone: str) -> dict[str, Any]:
    """Every datetime among a template's values, formatted for the recipient."""
    return {
        k: format_moment(v, locale, time_zone) if isinstance(v, datetime) else v
        for k, v in values.items()
    }


class _Values(dict[str, Any]):
    """``%(key)s`` of a value nobody passed renders empty rather than failing a notice."""

    def __missing__(self, key: str) -> str:
        return ""


def _say(message: str, language: gettext.NullTranslations, values: _Values) -> str:
    return language.gettext(message) % values


def _values(text: NoticeText, chosen: str, values: dict[str, Any]) -> _Values:
    shown = _Values({k: "" if v is None else v for k, v in values.items()})
    for key, table in text.enums.items():
        if key in shown:
            shown[key] = enum_label(table, chosen, str(shown[key]))
    return shown


def _body(
    text: NoticeText, language: gettext.NullTranslations, values: _Values
) -> list[dict[str, str]]:
    blocks: list[dict[str, str]] = []
    for block in text.body:
        if isinstance(block, Link):
            if values.get(block.key):
                blocks.append({"url": str(values[block.key]), "text": ""})
        elif isinstance(block, When):
            if values.get(block.key):
                blocks.append({"text": _say(block.message, language, values), "url": ""})
        elif isinstance(block, Verbatim):
            if values.get(block.key):
                blocks.append({"text": str(values[block.key]), "url": ""})
        else:
            blocks.append({"text": _say(block, language, values), "url": ""})
    return blocks


def _sections(
    text: NoticeText, language: gettext.NullTranslations, values: _Values
) -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = []
    for section in text.sections:
        entries = values.get(section.key) or []
        if section.heading is None:  # groups with their own headings
            sections += [
                {"heading": group["heading"], "entries": [_item(i) for i in group["items"]]}
                for group in entries
            ]
        elif entries:
            sections.append(
                {
                    "heading": language.gettext(section.heading),
                    "entries": [_item(i) for i in entries],
                }
            )
    return sections


def _item(item: dict[str, Any]) -> dict[str, str]:
    return {
        "title": str(item.get("title") or ""),
        "url": str(item.get("url") or ""),
        "detail": str(item.get("detail") or item.get("starts") or ""),
    }


def _subject(text: NoticeText, language: gettext.NullTranslations, values: _Values) -> str:
    if text.subject is None:
        return str(values.get("subject") or "")
    return _say(text.subject, language, values)


def render(
    template: str, locale: str, *, unsubscribe_url: str | None = None, **values: Any
) -> RenderedMessage:
    chosen = resolve_locale(template, locale)
    text, language = TEXTS[template], catalogue(chosen)
    shown = _values(text, chosen, values)
    direction = "rtl" if is_rtl(chosen) else "ltr"
    context = {
        "greeting": _say(GREETING, language, shown),
        "body": _body(text, language, shown),
        "sections": _sections(text, language, shown),
        "unsubscribe_url": unsubscribe_url,
        "unsubscribe_text": language.gettext(UNSUBSCRIBE),
    }
    subject = _subject(text, language, shown)
    body = _env.get_template("email.html").render(**context)
    html = (
        f'<!doctype html><html lang="{chosen}" dir="{direction}"><head><meta charset="utf-8">'
        f'</head><body dir="{direction}">{body}</body></html>'
    )
    return RenderedMessage(
        subject=subject,
        text=_env.get_template("email.txt").render(**context),
        html=html,
        locale=chosen,
    )


@dataclass(frozen=True)
class FeedText:
    title: str
    body: str
    locale: str


def render_feed(template: str, locale: str, **values: Any) -> FeedText:
    """The feed item: the subject as title and the template's feed line (if any) as body."""
    chosen = resolve_locale(template, locale)
    text, language = TEXTS[template], catalogue(chosen)
    shown = _values(text, chosen, values)
    body = _say(text.feed, language, shown) if text.feed else ""
    return FeedText(title=_subject(text, language, shown), body=body, locale=chosen)
