"""The classifications profiles are described with (shipped data: ``profiles/data/taxonomy.json``).

Occupations are ISCO-08 unit groups, skills ESCO skill groups, sectors ISIC Rev.4 sections,
education levels ISCED 2011 — each with labels in English, French and Spanish.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMES = ("occupations", "skills", "sectors", "education_levels")
LANGUAGES = ("en", "fr", "es")


@cache
def _data() -> dict[str, Any]:
    text = resources.files("profiles").joinpath("data/taxonomy.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def codes(scheme: str) -> frozenset[str]:
    return frozenset(entry["code"] for entry in _data()[scheme])


def labelled(scheme: str, lang: str = "en") -> list[dict[str, str]]:
    """``[{code, label}]`` in ``lang`` (English when the language is not shipped)."""
    lang = lang if lang in LANGUAGES else "en"
    return [{"code": e["code"], "label": e["labels"][lang]} for e in _data()[scheme]]


def label(scheme: str, code: str, lang: str = "en") -> str | None:
    lang = lang if lang in LANGUAGES else "en"
    for entry in _data()[scheme]:
        if entry["code"] == code:
            label_text: str = entry["labels"][lang]
            return label_text
    return None
