"""Charts of released tables (SVG or PNG) a ministry can put in a report.

Only published values are drawn; a count below k is drawn as nothing and labelled as such,
never estimated. matplotlib runs on the Agg backend (no display) with its object API (no global
pyplot state), so concurrent requests do not share figures.

Every word is in the reader's language: titles, axes and notes from the vocabulary's
statistics terms, sectors and skills by their labels (never ``Q`` or ``S3``). Text stays text
in SVG (readable by screen readers, searchable, shaped by the browser); matplotlib shapes
Arabic itself (libraqm) for PNG. The note sits below everything else, and a selection with
nothing published says so instead of drawing empty axes.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from contracts.vocabulary import UnknownCode, scheme, translate
from contracts.vocabulary.statistics import CATEGORY_NAMES, CHART_TEXTS
from profiles.mapping.domain.dimensions import AGE_BANDS
from profiles.mapping.domain.gaps import GapRow
from profiles.mapping.domain.tables import PublishedTable

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
#: colour-blind-safe pairs (Okabe-Ito), distinct in the legend and in grey
FEMALE, MALE = "#cc79a7", "#0072b2"
NEEDED, SUPPLY = "#d55e00", "#009e73"
#: dimensions whose values are a classification's codes
SCHEMES = {
    "sector": "sectors",
    "skill": "skills",
    "origin": "countries",
    "residence": "countries",
    "language": "languages",
    "education": "education_levels",
    "contribution_mode": "contribution_modes",
}


class Words:
    """A chart's words in one locale."""

    def __init__(self, locale: str) -> None:
        self.locale = locale

    def __call__(self, key: str) -> str:
        return translate(CHART_TEXTS[key], self.locale).text

    def category(self, dimension: str, value: str) -> str:
        if value in CATEGORY_NAMES:
            return translate(CATEGORY_NAMES[value], self.locale).text
        name = SCHEMES.get(dimension)
        if name is None:
            return value
        try:
            return scheme(name).label(value, self.locale).text
        except UnknownCode:
            return value


@contextmanager
def _settings(locale: str) -> Iterator[None]:
    # svg.fonttype none: text as <text>, not glyph paths; text.language: libraqm's shaping
    with rc_context({"svg.fonttype": "none", "text.language": locale, "svg.hashsalt": "chart"}):
        yield


def _render(fig: Figure, fmt: str, locale: str) -> bytes:
    buffer = io.BytesIO()
    with _settings(locale):
        fig.savefig(buffer, format=fmt, dpi=120, bbox_inches="tight", metadata=_metadata(fmt))
    return buffer.getvalue()


def _metadata(fmt: str) -> dict[str, str | None]:
    # no creation date: the same table always gives the same bytes
    return {"Date": None} if fmt == "svg" else {"Software": "diaspora-platform"}


def _footnote(fig: Figure, ax: Axes, table: PublishedTable, words: Words) -> None:
    """Below the axes and their tick labels, wherever those end (rotated labels reach far)."""
    with _settings(words.locale):
        renderer = FigureCanvasAgg(fig).get_renderer()
        below = ax.get_tightbbox(renderer)
    y = (below.y0 if below is not None else 0) / fig.bbox.height - 0.02
    fig.text(
        0.01,
        y,
        words("note").format(k=table.policy.k, d=table.policy.table.max_noise),
        fontsize=7,
        color="#444",
        va="top",
    )


def _nothing_published(fig: Figure, ax: Axes, title: str, words: Words) -> None:
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, words("empty"), ha="center", va="center", fontsize=11, wrap=True)


def _wrapped(text: str, width: int = 24) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def population_pyramid(table: PublishedTable, fmt: str, locale: str = "en") -> bytes:
    """``table``: ``age_band x gender``; women right, men left."""
    if table.dimensions != ("age_band", "gender"):
        raise ValueError("a pyramid needs an age_band x gender table")
    words = Words(locale)
    # a cell that cannot be told apart from a coarser one is drawn as that one's count, as
    # the table shows it; only counts under k stay blank
    values = table.best_counts()
    bands = [b for b in (*AGE_BANDS, "unknown") if b in table.categories[0]]
    fig = Figure(figsize=(7, 4.5))
    ax = fig.add_subplot()
    if not any(v is not None for v in values.values()):
        _nothing_published(fig, ax, words("population_pyramid"), words)
        return _render(fig, fmt, locale)
    labels = [words.category("age_band", b) for b in bands]
    for gender, colour, sign in (("female", FEMALE, 1), ("male", MALE, -1)):
        counts = [values.get((b, gender)) for b in bands]
        ax.barh(
            labels,
            [sign * (c or 0) for c in counts],
            color=colour,
            label=words.category("gender", gender),
        )
        for y, c in enumerate(counts):
            if c is None and (bands[y], gender) in values:
                ax.text(
                    sign * 0.5,
                    y,
                    words("not_shown"),
                    va="center",
                    ha="left" if sign > 0 else "right",
                    fontsize=7,
                    # inside the axes, or a pyramid with no bar would be widened by it
                    clip_on=True,
                )
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(words("respondents"))
    ax.set_ylabel(words("age_band"))
    ax.set_title(words("population_pyramid"))
    ax.legend(loc="lower right")
    ticks = ax.get_xticks()
    ax.set_xticks(ticks, [f"{abs(int(t))}" for t in ticks])
    _footnote(fig, ax, table, words)
    return _render(fig, fmt, locale)


def skills_by_sector(table: PublishedTable, fmt: str, locale: str = "en") -> bytes:
    """``table``: ``sector x skill`` heat map; counts below k marked "-"."""
    if table.dimensions != ("sector", "skill"):
        raise ValueError("needs a sector x skill table")
    words = Words(locale)
    sectors, skills = table.categories
    # a cell that cannot be told apart from a coarser one is drawn as that one's count, as
    # the table shows it; only counts under k stay blank
    values = table.best_counts()
    fig = Figure(figsize=(max(6, 0.9 * len(skills) + 4), max(3.5, 0.5 * len(sectors) + 2)))
    ax = fig.add_subplot()
    if not sectors or not skills or not any(v is not None for v in values.values()):
        _nothing_published(fig, ax, words("skills_by_sector"), words)
        return _render(fig, fmt, locale)
    grid = [[float(values.get((s, k)) or 0) for k in skills] for s in sectors]
    image = ax.imshow(grid, cmap="Blues", aspect="auto")
    top = max(max(row) for row in grid) or 1.0
    for i, s in enumerate(sectors):
        for j, k in enumerate(skills):
            v = values.get((s, k))
            dark = grid[i][j] > top * 0.6  # white on the darkest cells: legible contrast
            ax.text(
                j,
                i,
                "-" if v is None else str(v),
                ha="center",
                va="center",
                fontsize=7,
                color="white" if dark else "black",
            )
    ax.set_xticks(
        range(len(skills)),
        [_wrapped(words.category("skill", k), 18) for k in skills],
        rotation=45,
        ha="right",
        fontsize=8,
    )
    ax.set_yticks(range(len(sectors)), [_wrapped(words.category("sector", s)) for s in sectors])
    ax.set_xlabel(words("skill"))
    ax.set_ylabel(words("sector"))
    ax.set_title(words("skills_by_sector"))
    fig.colorbar(image, ax=ax, label=words("respondents"))
    _footnote(fig, ax, table, words)
    return _render(fig, fmt, locale)


def supply_vs_needs(
    rows: Sequence[GapRow], table: PublishedTable, fmt: str, locale: str = "en"
) -> bytes:
    words = Words(locale)
    fig = Figure(figsize=(max(6, 0.9 * len(rows) + 3), 4.5))
    ax = fig.add_subplot()
    if not rows:
        _nothing_published(fig, ax, words("supply_vs_needs"), words)
        return _render(fig, fmt, locale)
    labels = [
        _wrapped(f"{words.category('sector', r.sector)} · {words.category('skill', r.skill)}", 22)
        for r in rows
    ]
    xs = list(range(len(rows)))
    ax.bar(
        [x - 0.2 for x in xs],
        [r.needed for r in rows],
        width=0.4,
        label=words("needed"),
        color=NEEDED,
    )
    ax.bar(
        [x + 0.2 for x in xs],
        [r.supply or 0 for r in rows],
        width=0.4,
        label=words("supply"),
        color=SUPPLY,
        hatch="//",  # told apart without colour too
        edgecolor="white",
    )
    for x, r in zip(xs, rows, strict=True):
        if r.supply is None:
            ax.text(
                x + 0.2, 0, f"<{table.policy.k}", rotation=90, ha="center", va="bottom", fontsize=7
            )
    ax.set_xticks(xs, labels, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(words("people"))
    ax.set_title(words("supply_vs_needs"))
    ax.legend()
    _footnote(fig, ax, table, words)
    return _render(fig, fmt, locale)
