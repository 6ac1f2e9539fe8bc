"""The mapping charts as a reader sees them: words in the reader's language, text kept as
text, the note below the axis labels, and a message instead of empty axes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from profiles.mapping.adapters import charts
from profiles.mapping.domain.gaps import GapRow
from profiles.mapping.domain.publication import PublicationPolicy
from profiles.mapping.domain.tables import PublishedTable

TEXT = "{http://www.w3.org/2000/svg}text"


def _texts(svg: bytes) -> str:
    return " ".join("".join(t.itertext()) for t in ET.fromstring(svg).iter(TEXT))


def _table(dimensions: tuple[str, ...]) -> PublishedTable:
    return PublishedTable(
        dimensions=dimensions,
        categories=tuple(() for _ in dimensions),
        cells=(),
        policy=PublicationPolicy(k=10),
    )


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("en", "No published figures for this selection yet."),
        ("fr", "Aucun chiffre publié pour cette sélection pour l'instant."),
        ("ar", "لا توجد أرقام منشورة لهذا الاختيار بعد."),
    ],
)
def test_a_selection_with_nothing_published_says_so(locale: str, said: str) -> None:
    pyramid = charts.population_pyramid(_table(("age_band", "gender")), "svg", locale)
    heat = charts.skills_by_sector(_table(("sector", "skill")), "svg", locale)
    bars = charts.supply_vs_needs([], _table(("sector", "skill")), "svg", locale)
    for svg in (pyramid, heat, bars):
        assert said in _texts(svg)


def test_supply_and_needs_name_sectors_and_skills_in_the_readers_language() -> None:
    rows = [
        GapRow(sector="Q", skill="S3", needed=40, supply=None, gap=None, priority=1),
        GapRow(sector="P", skill="*", needed=25, supply=12, gap=-13, priority=2),
    ]
    table = _table(("sector", "skill"))
    spanish = _texts(charts.supply_vs_needs(rows, table, "svg", "es")).replace("\n", " ")
    assert "asistencia y cuidados" in spanish and "Todas las habilidades" in spanish
    assert "Necesidades" in spanish and "Disponibles en la diáspora" in spanish
    assert "Q/S3" not in spanish
    arabic = _texts(charts.supply_vs_needs(rows, table, "svg", "ar"))
    assert "المساعدة والرعاية" in arabic.replace("\n", " ")
    png = charts.supply_vs_needs(rows, table, "png", "ar")
    assert png.startswith(b"\x89PNG")
