"""Every template renders in every supported locale; fallbacks and right-to-left."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from notifications.adapters import templates

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
    "groups": [{"label": "Resources", "entries": [{"title": "One", "summary": ""}]}],
}
NAMES = sorted(p.name for p in templates.TEMPLATES.iterdir() if p.is_dir())


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar"])
def test_each_template_exists_and_renders_in_each_locale(name: str, locale: str) -> None:
    assert templates.resolve_locale(name, locale) == locale
    message = templates.render(name, locale, unsubscribe_url="https://u.test/x?t=1", **VALUES)
    assert message.subject and message.text.strip() and message.locale == locale
    assert "<b>" not in message.html  # names are escaped in HTML
    assert "https://u.test/x?t=1" in message.text
    direction = "rtl" if locale == "ar" else "ltr"
    assert f'dir="{direction}"' in message.html


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
