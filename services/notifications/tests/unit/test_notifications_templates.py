"""Every template renders in every supported locale; fallbacks and right-to-left."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from notifications.adapters import templates
from notifications.adapters.texts import ENUMS, GREETING, TEXTS, UNSUBSCRIBE

VALUES = {
    "name": "Amina <b>",
    "verification_url": "https://app.example.org/verify#secret",
    "url": "https://app.example.org/x?a=1&b=2",
    "expires_at": "2026-12-01 10:00",
    "changed_at": "2026-12-01 10:00",
    "attempted_at": "2026-12-01 10:00",
    "title": "Guide",
    "reason": "duplicate",
    "deadline": "2026-12-31 23:59",
    "starts_at": "2027-03-04 17:00",
    "status": "accepted",
    "period": "daily",
    "subject": "News",
    "intro": "Twice a year",
    "resources": [{"title": "Guide", "url": "https://x.test/r"}],
    "events": [{"title": "Summit", "starts": "1 Dec 2026 10:00", "url": "https://x.test/e"}],
    "download_url": "https://app.example.org/export/secret",
    "count": 2,
    "groups": [{"heading": "Resources", "items": [{"title": "One", "detail": ""}]}],
    "ends_at": "2027-03-04 19:00",
    "why": "Speaks French",
    "outcome": "carried",
    "yes": 3,
    "no": 1,
    "abstain": 0,
}
NAMES = sorted(TEXTS)
CATALOGUES = Path(templates.LOCALE_DIR)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar"])
def test_each_template_renders_in_each_locale(name: str, locale: str) -> None:
    assert templates.resolve_locale(name, locale) == locale
    message = templates.render(name, locale, unsubscribe_url="https://u.test/x?t=1", **VALUES)
    assert message.subject and message.text.strip() and message.locale == locale
    assert "<b>" not in message.html  # names are escaped in HTML
    assert "https://u.test/x?t=1" in message.text
    assert "%(" not in message.text + message.subject  # every placeholder was filled
    direction = "rtl" if locale == "ar" else "ltr"
    assert f'dir="{direction}"' in message.html
    feed = templates.render_feed(name, locale, **VALUES)
    assert feed.title == message.subject and feed.locale == locale


@pytest.mark.parametrize("locale", ["fr", "es", "ar"])
def test_every_message_is_translated_and_compiled(locale: str) -> None:
    """No text reaches a French, Spanish or Arabic reader in English: the catalogue
    translates every message the code says (enumeration values included), and the compiled
    .mo says what the .po says."""
    with (CATALOGUES / locale / "LC_MESSAGES" / "notifications.po").open("rb") as f:
        catalog = read_po(f, locale=locale)
    compiled = templates.catalogue(locale)
    said = {(None, m) for m in _messages()} | {
        entry for table in ENUMS.values() for entry in table.values()
    }
    for context, message in said:
        entry = catalog.get(message, context=context)
        assert entry is not None and entry.string, (locale, context, message)
        shown = compiled.pgettext(context, message) if context else compiled.gettext(message)
        assert shown == entry.string


def _messages() -> list[str]:
    out = [GREETING, UNSUBSCRIBE]
    for text in TEXTS.values():
        out += [m for m in (text.subject, text.feed) if m]
        out += [
            b if isinstance(b, str) else b.message
            for b in text.body
            if hasattr(b, "message") or isinstance(b, str)
        ]
        out += [s.heading for s in text.sections if s.heading]
    return out


def test_enumeration_values_are_translated_not_inserted_raw() -> None:
    """Found from the outside: "Votre adhésion à l'alliance : applied"."""
    fr = templates.render("alliance_membership", "fr", name="Amina", status="applied")
    assert "applied" not in fr.subject + fr.text
    assert "candidature déposée" in fr.subject
    ar = templates.render("vote_closed", "ar", name="ليلى", title="X", outcome="carried", yes=3,
                          no=1, abstain=0)  # fmt: skip
    assert "carried" not in ar.text and "أُقرّ" in ar.text
    # a code nobody translated yet (a newer producer's) is shown as it is, not dropped
    assert "frozen" in templates.render("alliance_membership", "fr", name="A", status="frozen").text


def test_fallback_chain() -> None:
    assert templates.fallback_chain("pt-BR") == ["pt-BR", "pt", "en"]
    assert templates.resolve_locale("welcome", "fr-CA") == "fr"
    assert templates.resolve_locale("welcome", "sw") == "en"
    assert templates.render_feed("welcome", "ar-EG", name="ليلى").locale == "ar"


def test_moments_are_shown_on_the_recipients_clock_in_their_language() -> None:
    moment = datetime(2026, 11, 22, 16, 30, tzinfo=UTC)
    assert templates.format_moment(moment, "fr", "Europe/Paris") == (
        "22 novembre 2026 17:30 (Europe/Paris)"
    )
    assert templates.format_moment(moment, "en", "America/Port-au-Prince") == (
        "November 22, 2026 11:30\u202fAM (America/Port-au-Prince)"
    )
    assert templates.format_moment(moment, "es", "UTC") == "22 de noviembre de 2026 16:30 (UTC)"
    assert "(Africa/Cairo)" in templates.format_moment(moment, "ar", "Africa/Cairo")
    # a regional variant babel lacks falls back along the chain
    assert templates.format_moment(moment, "fr-XX", "UTC").startswith("22 novembre 2026")
    values = templates.localise_moments({"when": moment, "n": 1}, "fr", "Europe/Paris")
    assert values == {"when": "22 novembre 2026 17:30 (Europe/Paris)", "n": 1}
