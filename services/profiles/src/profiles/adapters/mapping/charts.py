"""Charts of released tables (SVG or PNG) a ministry can put in a report.

Only published values are drawn; a count below k is drawn as nothing and labelled as such,
never estimated. matplotlib runs on the Agg backend (no display) with its object API (no global
pyplot state), so concurrent requests do not share figures.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from profiles.domain.mapping.dimensions import AGE_BANDS
from profiles.domain.mapping.gaps import GapRow
from profiles.domain.mapping.tables import PublishedTable

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
FEMALE, MALE = "#b5446e", "#2f6690"
NOTE = "Cell-key method: every count perturbed by at most {d}; counts under {k} not shown."


def _render(fig: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=120, bbox_inches="tight", metadata=_metadata(fmt))
    return buffer.getvalue()


def _metadata(fmt: str) -> dict[str, str | None]:
    # no creation date: the same table always gives the same bytes
    return {"Date": None} if fmt == "svg" else {"Software": "diaspora-platform"}


def _footnote(fig: Figure, table: PublishedTable) -> None:
    fig.text(
        0.01,
        0.005,
        NOTE.format(k=table.policy.k, d=table.policy.table.max_noise),
        fontsize=7,
        color="#555",
    )


def population_pyramid(
    table: PublishedTable, fmt: str, title: str = "Respondents by age and gender"
) -> bytes:
    """``table``: ``age_band x gender``; women right, men left."""
    if table.dimensions != ("age_band", "gender"):
        raise ValueError("a pyramid needs an age_band x gender table")
    # a cell that cannot be told apart from a coarser one is drawn as that one's count, as
    # the table shows it; only counts under k stay blank
    values = table.best_counts()
    bands = [b for b in (*AGE_BANDS, "unknown") if b in table.categories[0]]
    fig = Figure(figsize=(7, 4.5))
    ax = fig.add_subplot()
    for gender, colour, sign in (("female", FEMALE, 1), ("male", MALE, -1)):
        counts = [values.get((b, gender)) for b in bands]
        ax.barh(bands, [sign * (c or 0) for c in counts], color=colour, label=gender.capitalize())
        for y, c in enumerate(counts):
            if c is None and (bands[y], gender) in values:
                ax.text(
                    sign * 0.5,
                    y,
                    "not shown",
                    va="center",
                    ha="left" if sign > 0 else "right",
                    fontsize=7,
                    # inside the axes, or a pyramid with no bar would be widened by it
                    clip_on=True,
                )
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("respondents")
    ax.set_title(title)
    ax.legend(loc="lower right")
    ticks = ax.get_xticks()
    ax.set_xticks(ticks, [f"{abs(int(t))}" for t in ticks])
    _footnote(fig, table)
    return _render(fig, fmt)


def skills_by_sector(table: PublishedTable, fmt: str, title: str = "Skills by sector") -> bytes:
    """``table``: ``sector x skill`` heat map; counts below k marked "-"."""
    if table.dimensions != ("sector", "skill"):
        raise ValueError("needs a sector x skill table")
    sectors, skills = table.categories
    values = table.best_counts()
    fig = Figure(figsize=(max(5, 0.6 * len(skills) + 2), max(3, 0.4 * len(sectors) + 1.5)))
    ax = fig.add_subplot()
    grid = [[float(values.get((s, k)) or 0) for k in skills] for s in sectors]
    image = ax.imshow(grid, cmap="Blues", aspect="auto")
    for i, s in enumerate(sectors):
        for j, k in enumerate(skills):
            v = values.get((s, k))
            ax.text(j, i, "-" if v is None else str(v), ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(skills)), list(skills), rotation=45, ha="right")
    ax.set_yticks(range(len(sectors)), list(sectors))
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label="respondents")
    _footnote(fig, table)
    return _render(fig, fmt)


def supply_vs_needs(
    rows: Sequence[GapRow],
    table: PublishedTable,
    fmt: str,
    title: str = "Skills supply vs sector needs",
) -> bytes:
    fig = Figure(figsize=(max(6, 0.7 * len(rows) + 2), 4))
    ax = fig.add_subplot()
    labels = [f"{r.sector}/{r.skill}" for r in rows]
    xs = list(range(len(rows)))
    ax.bar(
        [x - 0.2 for x in xs], [r.needed for r in rows], width=0.4, label="needed", color="#d1495b"
    )
    ax.bar(
        [x + 0.2 for x in xs],
        [r.supply or 0 for r in rows],
        width=0.4,
        label="diaspora supply",
        color="#00798c",
    )
    for x, r in zip(xs, rows, strict=True):
        if r.supply is None:
            ax.text(
                x + 0.2, 0, f"<{table.policy.k}", rotation=90, ha="center", va="bottom", fontsize=7
            )
    ax.set_xticks(xs, labels, rotation=45, ha="right")
    ax.set_ylabel("people")
    ax.set_title(title)
    ax.legend()
    _footnote(fig, table)
    return _render(fig, fmt)
