"""Templates per event type x locale, rendered in the recipient's language with a fallback
chain (``pt-BR`` -> ``pt`` -> ``en``). Arabic output is marked right-to-left.

Each template folder holds ``<locale>.subject.txt``, ``<locale>.txt`` and ``<locale>.html``, and
optionally ``<locale>.feed.txt`` (the one line shown in the in-app feed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import escape

from notifications.domain.delivery import RenderedMessage
from notifications.domain.locales import DEFAULT_LOCALE, fallback_chain

__all__ = ["DEFAULT_LOCALE", "fallback_chain", "format_moment", "render", "render_feed"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)

#: the footer of every non-transactional email, with its one-click unsubscribe link
_UNSUBSCRIBE = {
    "en": "You receive this because of your notification preferences. Unsubscribe: {url}",
    "fr": "Vous recevez ce message selon vos préférences de notification. Se désabonner : {url}",
    "es": "Recibe este mensaje según sus preferencias de notificación. Darse de baja: {url}",
    "ar": "تصلك هذه الرسالة وفق تفضيلات الإشعارات لديك. إلغاء الاشتراك: {url}",
}

CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "account": "Account",
        "connections": "Connections",
        "messages": "Messages",
        "resources": "Resources",
        "events": "Events",
        "opportunities": "Opportunities",
        "alliance": "Alliance",
        "newsletter": "Newsletter",
    },
    "fr": {
        "account": "Compte",
        "connections": "Relations",
        "messages": "Messages",
        "resources": "Ressources",
        "events": "Événements",
        "opportunities": "Opportunités",
        "alliance": "Alliance",
        "newsletter": "Lettre d'information",
    },
    "es": {
        "account": "Cuenta",
        "connections": "Contactos",
        "messages": "Mensajes",
        "resources": "Recursos",
        "events": "Eventos",
        "opportunities": "Oportunidades",
        "alliance": "Alianza",
        "newsletter": "Boletín",
    },
    "ar": {
        "account": "الحساب",
        "connections": "العلاقات",
        "messages": "الرسائل",
        "resources": "الموارد",
        "events": "الفعاليات",
        "opportunities": "الفرص",
        "alliance": "التحالف",
        "newsletter": "النشرة الإخبارية",
    },
}

PERIOD_LABELS = {
    "en": {"daily": "daily", "weekly": "weekly"},
    "fr": {"daily": "quotidien", "weekly": "hebdomadaire"},
    "es": {"daily": "diario", "weekly": "semanal"},
    "ar": {"daily": "اليومي", "weekly": "الأسبوعي"},
}


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


def exists(template: str) -> bool:
    return (TEMPLATES / template / f"{DEFAULT_LOCALE}.txt").exists()


def resolve_locale(template: str, locale: str) -> str:
    for candidate in fallback_chain(locale):
        if (TEMPLATES / template / f"{candidate}.txt").exists():
            return candidate
    raise LookupError(f"no template {template!r} for {locale!r} or its fallbacks")


def label(table: dict[str, dict[str, str]], locale: str, key: str) -> str:
    for candidate in fallback_chain(locale):
        if candidate in table:
            return table[candidate].get(key, key)
    return key


def render(
    template: str, locale: str, *, unsubscribe_url: str | None = None, **values: Any
) -> RenderedMessage:
    chosen = resolve_locale(template, locale)
    language = chosen.split("-")[0]
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    body = _env.get_template(f"{template}/{chosen}.html").render(**values)
    text = _env.get_template(f"{template}/{chosen}.txt").render(**values)
    if unsubscribe_url:
        footer = _UNSUBSCRIBE.get(language, _UNSUBSCRIBE[DEFAULT_LOCALE])
        text = f"{text.rstrip()}\n\n--\n{footer.format(url=unsubscribe_url)}\n"
        link = f'<a href="{escape(unsubscribe_url)}">{escape(unsubscribe_url)}</a>'
        body += f"<hr><p><small>{footer.format(url=link)}</small></p>"
    html = (
        f'<!doctype html><html lang="{chosen}" dir="{direction}"><head><meta charset="utf-8">'
        f'</head><body dir="{direction}">{body}</body></html>'
    )
    return RenderedMessage(
        subject=_env.get_template(f"{template}/{chosen}.subject.txt").render(**values).strip(),
        text=text,
        html=html,
        locale=chosen,
    )


@dataclass(frozen=True)
class FeedText:
    title: str
    body: str
    locale: str


def render_feed(template: str, locale: str, **values: Any) -> FeedText:
    """The feed line: ``<locale>.feed.txt`` as title, or the subject when there is none."""
    chosen = resolve_locale(template, locale)
    subject = _env.get_template(f"{template}/{chosen}.subject.txt").render(**values).strip()
    body = ""
    if (TEMPLATES / template / f"{chosen}.feed.txt").exists():
        body = _env.get_template(f"{template}/{chosen}.feed.txt").render(**values).strip()
    return FeedText(title=subject, body=body, locale=chosen)
