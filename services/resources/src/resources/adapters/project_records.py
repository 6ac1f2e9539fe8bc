"""Import of IOM project pages (the records in ``seed_data/``) into project records.

The pages are text scraped from the web: navigation, then the title, then label/value pairs
("Date de début" / "2019", ...), then the member states and the description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from contracts.vocabulary import scheme
from resources.domain.resource import ProjectRecord

LABELS = {
    "Date de début": "start_year",
    "Date de fin": "end_year",
    "Statut du projet": "status",
    "Type de projet": "project_type",
    "Budget Amount (USD)": "budget",
    "Couverture": "coverage",
    "Année": "year",
    "IDF Region": "region",
    "Prima ID": "programme_id",
    "Projet ID": "project_id",
    "Etat(s) membre(s) beneficiaires remplissant les conditions requises": "member_states",
}
#: names IOM uses that differ from the vocabulary's French country names (ISO 3166)
ALIASES = {
    "El Salvador": "SV",
    "Cabo Verde": "CV",
    "Viet Nam": "VN",
    "République de Moldova": "MD",
    "République-Unie de Tanzanie": "TZ",
    "République démocratique populaire lao": "LA",
    "Federated States of Micronesia": "FM",
    "Îles Salomon": "SB",
    "Nigéria": "NG",
    "Turquie": "TR",
    "Myanmar": "MM",
    "Timor-Leste": "TL",
}


class UnreadableRecord(ValueError):
    pass


@dataclass(frozen=True)
class ImportedProject:
    title: str
    description: str
    record: ProjectRecord
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2 of the beneficiary member states


@cache
def french_country_names() -> dict[str, str]:
    names = {t.label.text: t.code for t in scheme("countries").terms("fr")}
    return {**names, **ALIASES}


def split_member_states(line: str) -> list[tuple[str, str]]:
    """The pages join names with spaces ("République centrafricaine Tchad"): take the
    longest known name at each position."""
    names = french_country_names()
    words = line.split()
    longest = max(len(n.split()) for n in names)
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            candidate = " ".join(words[i : i + size])
            if candidate in names:
                found.append((candidate, names[candidate]))
                i += size
                break
        else:
            raise UnreadableRecord(f"unknown member state at {' '.join(words[i : i + 3])!r}")
    return found


def _clean(line: str) -> str:
    return re.sub(r"^[\s•\-]+", "", line).strip()


def parse_project_page(text: str) -> ImportedProject:
    lines = [_clean(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    try:
        first = lines.index("Date de début")
    except ValueError as exc:
        raise UnreadableRecord("no 'Date de début' label: not a project page") from exc
    title = lines[first - 1]
    values: dict[str, str] = {}
    i = first
    while i < len(lines) and lines[i] in LABELS:
        values[LABELS[lines[i]]] = lines[i + 1]
        i += 2
    description = "\n".join(lines[i:]).strip().strip('"').strip()
    states = split_member_states(values.get("member_states", ""))

    def year(key: str) -> int | None:
        return int(values[key]) if key in values else None

    record = ProjectRecord(
        start_year=year("start_year"),
        end_year=year("end_year"),
        status=values.get("status"),
        project_type=values.get("project_type"),
        budget_amount=Decimal(values["budget"]) if "budget" in values else None,
        budget_currency="USD" if "budget" in values else None,
        coverage=values.get("coverage"),
        year=year("year"),
        region=values.get("region"),
        programme_id=values.get("programme_id"),
        project_id=values.get("project_id"),
        beneficiary_member_states=tuple(name for name, _ in states),
    )
    return ImportedProject(
        title=title,
        description=description,
        record=record,
        countries=tuple(dict.fromkeys(code for _, code in states)),
    )
