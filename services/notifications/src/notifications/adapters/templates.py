"""Templates per event type x locale, rendered in the recipient's language with a fallback
chain (``pt-BR`` -> ``pt`` -> ``en``). Arabic output is marked right-to-left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from notifications.domain.delivery import RenderedMessage

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DEFAULT_LOCALE = "en"
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


def fallback_chain(locale: str) -> list[str]:
    parts = locale.replace("_", "-").split("-")
    chain = ["-".join(parts[:i]) for i in range(len(parts), 0, -1)]
    if DEFAULT_LOCALE not in chain:
        chain.append(DEFAULT_LOCALE)
    return chain


def resolve_locale(template: str, locale: str) -> str:
    for candidate in fallback_chain(locale):
        if (TEMPLATES / template / f"{candidate}.txt").exists():
            return candidate
    raise LookupError(f"no template {template!r} for {locale!r} or its fallbacks")


def render(template: str, locale: str, **values: Any) -> RenderedMessage:
    chosen = resolve_locale(template, locale)
    language = chosen.split("-")[0]
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    body = _env.get_template(f"{template}/{chosen}.html").render(**values)
    html = (
        f'<!doctype html><html lang="{chosen}" dir="{direction}"><head><meta charset="utf-8">'
        f'</head><body dir="{direction}">{body}</body></html>'
    )
    return RenderedMessage(
        subject=_env.get_template(f"{template}/{chosen}.subject.txt").render(**values).strip(),
        text=_env.get_template(f"{template}/{chosen}.txt").render(**values),
        html=html,
        locale=chosen,
    )
