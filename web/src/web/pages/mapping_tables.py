"""The focal point's table builder: up to two dimensions, filters and a window of months, the
API's protected table shown as it is published (withheld and merged cells marked and
explained, never a number the API did not give), the API's chart beside it, and the released
table as CSV (the API's own CSV, with its HXL row).

The console computes nothing from the numbers: a count the API withheld stays withheld, and
totals are the API's (protected like their cells, so they need not add up)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import FormErrors
from web.navigation import N_
from web.pages.mapping import campaign_context, campaign_id_of, load_campaign, require_focal_point
from web.pages.surveys import label as survey_label
from web.runtime import render, web_of
from web.vocabulary import country_name, language_name

#: the API's dimensions, in words
DIMENSIONS: dict[str, str] = {
    "origin": N_("Country of origin"),
    "residence": N_("Country of residence"),
    "gender": N_("Gender"),
    "age_band": N_("Age"),
    "education": N_("Education"),
    "sector": N_("Sector"),
    "skill": N_("Skill"),
    "language": N_("Language"),
    "contribution_mode": N_("Way to contribute"),
    "need": N_("Need"),
    "wave": N_("Wave"),
}
GENDERS: dict[str, str] = {
    "female": N_("Women"),
    "male": N_("Men"),
    "other": N_("Another gender"),
    "undisclosed": N_("Did not say"),
}
#: the API's charts, by the dimensions they draw
CHARTS: dict[frozenset[str], tuple[str, str]] = {
    frozenset({"age_band", "gender"}): ("population-pyramid", N_("Population pyramid")),
    frozenset({"sector", "skill"}): ("skills-by-sector", N_("Skills by sector")),
}
CHART_NAMES = {"population-pyramid", "skills-by-sector", "supply-vs-needs"}
MAX_FILTERS = 2
TOTAL = "total"
#: the API's refusals, in words, and the field they concern
REFUSALS: dict[str, tuple[str | None, str]] = {
    "Population Too Small": (
        None,
        N_(
            "These filters and months select too few respondents: nothing about them can be "
            "published. Remove a filter or widen the months."
        ),
    ),
}


@dataclass
class TableQuery:
    """What the builder's form asks for (a GET form: the address is the query)."""

    rows: str = ""
    columns: str = ""
    filters: list[tuple[str, str]] = field(default_factory=list)
    start: str = ""
    end: str = ""

    @classmethod
    def of(cls, params: Mapping[str, str]) -> TableQuery:
        def dim(name: str) -> str:
            value = params.get(name, "")
            return value if value in DIMENSIONS else ""

        filters = []
        for i in range(1, MAX_FILTERS + 1):
            name, value = dim(f"f{i}"), params.get(f"v{i}", "").strip()[:60]
            if name and value:
                filters.append((name, value))
        rows = dim("rows")
        columns = dim("columns")
        return cls(
            rows,
            columns if columns != rows else "",
            filters,
            params.get("from", "").strip()[:7],
            params.get("to", "").strip()[:7],
        )

    @property
    def dimensions(self) -> list[str]:
        return [d for d in (self.rows, self.columns) if d]

    def api_params(self) -> list[tuple[str, str]]:
        params = [("dimensions", ",".join(self.dimensions))]
        params += [("filter", f"{name}:{value}") for name, value in self.filters]
        params += [(k, v) for k, v in (("from", self.start), ("to", self.end)) if v]
        return params

    def filter_params(self) -> list[tuple[str, str]]:
        """The filters and months only (what a chart takes)."""
        return [p for p in self.api_params() if p[0] != "dimensions"]

    def address(self) -> str:
        pairs = [("rows", self.rows), ("columns", self.columns)]
        for i, (name, value) in enumerate(self.filters, start=1):
            pairs += [(f"f{i}", name), (f"v{i}", value)]
        pairs += [("from", self.start), ("to", self.end)]
        return urlencode([(k, v) for k, v in pairs if v])

    def values(self) -> dict[str, str]:
        out = {"rows": self.rows, "columns": self.columns, "from": self.start, "to": self.end}
        for i, (name, value) in enumerate(self.filters, start=1):
            out[f"f{i}"], out[f"v{i}"] = name, value
        return out


async def questionnaire_choices(
    request: Request, campaign: dict[str, Any]
) -> dict[str, dict[str, str]]:
    """Each dimension's choices in the campaign's questionnaire, code -> words in the reader's
    language (else the questionnaire's default)."""
    web, visit = web_of(request), require_focal_point(request)
    survey = await web.api.get(visit, f"/v1/mapping/surveys/{campaign['survey_id']}")
    default = survey.get("default_language", "en")
    named: dict[str, dict[str, str]] = {}
    for question in survey.get("questions", []):
        if question.get("dimension"):
            named.setdefault(question["dimension"], {}).update(
                {
                    c["name"]: survey_label(c.get("labels") or {}, visit.locale, default)
                    for c in question.get("choices", [])
                }
            )
    return named


async def value_labels(request: Request, campaign: dict[str, Any]) -> Callable[[str, str], str]:
    """A dimension's value in words in the reader's language: countries and languages by
    their standard names, the rest by the campaign questionnaire's own choices; the code
    when nothing names it."""
    web, visit = web_of(request), require_focal_point(request)
    named = await questionnaire_choices(request, campaign)
    gettext = web.languages[visit.locale].gettext

    def label(dimension: str, code: str) -> str:
        if code == TOTAL:
            return gettext("All")
        if dimension in ("origin", "residence"):
            return country_name(code, visit.locale)
        if dimension == "language":
            return language_name(code, visit.locale)
        if dimension == "gender" and code in GENDERS:
            return gettext(GENDERS[code])
        return named.get(dimension, {}).get(code) or code.replace("_", " ")

    return label


def grid(table: dict[str, Any], query: TableQuery) -> dict[str, Any]:
    """The API's cells laid out as rows x columns (the API's totals included as it gave them)."""
    dims = table.get("dimensions", [])
    categories = table.get("categories", {})
    cells = {tuple(c.get(d, TOTAL) for d in dims): c for c in table.get("cells", [])}
    rows = [*categories.get(query.rows, []), TOTAL]
    columns = [*categories.get(query.columns, []), TOTAL] if query.columns else [None]
    return {
        "rows": rows,
        "columns": columns,
        "cell": lambda r, c: cells.get((r,) if c is None else (r, c)),
    }


async def tables_page(request: Request) -> Response:
    web, visit = web_of(request), require_focal_point(request)
    campaign = await load_campaign(request)
    query = TableQuery.of(request.query_params)
    errors = FormErrors()
    table: dict[str, Any] | None = None
    if query.rows:
        try:
            table = await web.api.get(
                visit,
                f"/v1/mapping/campaigns/{campaign['id']}/tables",
                params=query.api_params(),
            )
        except ApiProblem as problem:
            if problem.status != 422:
                raise
            errors = _table_errors(problem)
    elif request.query_params:
        errors.add("rows", N_("Choose what the rows show."))
    chart = CHARTS.get(frozenset(query.dimensions)) if table else None
    context = {
        **campaign_context(request, campaign),
        "query": query,
        "values": query.values(),
        "errors": errors,
        "table": table,
        "grid": grid(table, query) if table else None,
        "dimensions": DIMENSIONS,
        "label": await value_labels(request, campaign),
        "chart": chart,
        "chart_params": urlencode(query.filter_params()),
        "max_filters": MAX_FILTERS,
    }
    return render(request, "consoles/mapping_tables.html", context, status=422 if errors else 200)


def _table_errors(problem: ApiProblem) -> FormErrors:
    errors = FormErrors()
    known = REFUSALS.get(problem.title)
    if known:
        errors.add(*known)
        return errors
    detail = problem.detail.lower()
    if "month" in detail or "window" in detail or "yyyy" in detail:
        errors.add(
            "from", N_("Choose months within the campaign's dates, the first before the last.")
        )
    elif "filter" in detail:
        errors.add("v1", N_("Give each filter a value of its dimension, like HT or female."))
    else:
        errors.add(None, N_("This table cannot be built. Change the dimensions or the filters."))
    return errors


async def _api_file(request: Request, path: str, params: list[tuple[str, str]]) -> Response:
    web, visit = web_of(request), require_focal_point(request)
    answer = await web.api.call(visit, "GET", path, params=params)
    return Response(
        answer.content,
        media_type=answer.headers.get("content-type", "application/octet-stream"),
    )


async def table_csv(request: Request) -> Response:
    """The released table as the API exports it (CSV with an HXL row)."""
    campaign_id = campaign_id_of(request)
    query = TableQuery.of(request.query_params)
    if not query.rows:
        raise HTTPException(404)
    answer = await _api_file(
        request,
        f"/v1/mapping/campaigns/{campaign_id}/tables",
        [*query.api_params(), ("format", "csv")],
    )
    name = "-".join(["table", *query.dimensions])
    answer.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return answer


async def chart(request: Request) -> Response:
    """The API's chart (SVG or PNG) for the builder's filters and months."""
    campaign_id = campaign_id_of(request)
    name, fmt = str(request.path_params["chart"]), str(request.path_params["fmt"])
    if name not in CHART_NAMES or fmt not in ("svg", "png"):
        raise HTTPException(404)
    query = TableQuery.of(request.query_params)
    return await _api_file(
        request,
        f"/v1/mapping/campaigns/{campaign_id}/charts/{name}.{fmt}",
        query.filter_params(),
    )


ROUTES = [
    Route("/mapping/{campaign_id:uuid}/tables", tables_page, methods=["GET"]),
    Route("/mapping/{campaign_id:uuid}/tables.csv", table_csv, methods=["GET"]),
    Route("/mapping/{campaign_id:uuid}/charts/{chart}.{fmt}", chart, methods=["GET"]),
]
