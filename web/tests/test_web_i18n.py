"""Languages: negotiation, and catalogs that translate every text of the pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from web.i18n import LOCALE_DIR, Languages, negotiate

WEB = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_the_choice_wins_then_the_account_then_the_browser() -> None:
    assert negotiate("ar", "fr", "es") == "ar"
    assert negotiate(None, "fr-CA", "es") == "fr"
    assert negotiate(None, None, "de-DE,es;q=0.8,fr;q=0.5") == "es"
    assert negotiate(None, None, "de") == "en"
    assert negotiate("xx", None, None) == "en"


def test_arabic_is_right_to_left() -> None:
    languages = Languages()
    assert languages["ar"].direction == "rtl"
    assert languages["fr"].direction == "ltr"
    assert languages["fr"].gettext("Sign in") == "Se connecter"
    assert languages["ar"].gettext("Sign in") == "تسجيل الدخول"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[object]:
    """Every text the code and templates hold now (extracted afresh, not the kept .pot)."""
    # babel's extract takes "-o -" for a file named "-", not stdout: write to a real file
    pot = tmp_path_factory.mktemp("messages") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(WEB / "babel.cfg"),
            "-k",
            "N_",
            "--no-location",
            "-o",
            str(pot),
            str(WEB / "src" / "web"),
        ],
        capture_output=True,
        check=True,
    )
    with pot.open("rb") as fh:
        found = [m for m in read_po(fh) if m.id]
    assert len(found) > 100, "the extraction found almost no texts: is babel.cfg read?"
    return found


@pytest.mark.parametrize("locale", ["fr", "es", "ar"])
def test_every_text_is_translated_with_its_placeholders(
    locale: str, extracted: list[object]
) -> None:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    missing, broken = [], []
    for message in extracted:
        found = catalog.get(message.id)  # type: ignore[attr-defined]
        strings = found.string if found is not None else None
        strings = list(strings) if isinstance(strings, tuple) else [strings]
        if found is None or not all(strings):
            missing.append(message.id)  # type: ignore[attr-defined]
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]  # type: ignore[attr-defined]
        for text in strings:
            if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(source)):
                broken.append((source, text))
    assert not missing, (
        f"{locale}: untranslated (run `make web-messages`, then translate): {missing}"
    )
    assert not broken, f"{locale}: placeholders differ: {broken}"
