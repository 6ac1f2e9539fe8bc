"""The vocabulary is the only place roles and codes are defined: no service (nor the web
client) names a role, tests one by name, or validates a shared code with a pattern or a
catalogue of its own.

Found from the outside: resources authorised "admin", "organisation" and "focal_point" while
profiles granted "platform_admin", "organisation_admin" and "government_focal_point"; skills
were S3 in one service and refused by a lower-case pattern in another."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from contracts.vocabulary import Role

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(p for p in ROOT.glob("services/*/src/**/*.py") if "migrations" not in p.parts)
#: the web client gates its consoles by the permissions GET /v1/vocabulary/roles lists
WEB_SOURCES = sorted(ROOT.glob("web/src/**/*.py"))
#: strings that spell a role's name but mean something else: (file name, value) -> why
NOT_ROLES = {("privacy.py", "partner"): "a consent's recipient kind (the web's privacy centre)"}

#: role names that the services used before the vocabulary (and nobody grants)
OLD_ROLE_NAMES = {"focal_point", "operator"}
#: granted roles, by name: only contracts.vocabulary may spell them
ROLE_NAMES = {r.value for r in Role if r != Role.MEMBER} | OLD_ROLE_NAMES

#: codes of the vocabulary's schemes, in canonical and other spellings: a pattern accepting
#: one of them validates a shared code, which only the vocabulary may do
CODE_SAMPLES = ("HT", "ht", "fr", "fra", "fr-CA", "S3", "s3", "Q", "q", "2221", "HTG")

#: patterns that accept such samples but validate a service's own identifiers (not shared
#: codes): (file name, pattern) -> why
OWN_IDENTIFIERS = {
    ("schemas.py", r"^[a-z0-9_\-.:]+$"): "resources' own theme slugs",
    ("courses_api.py", r"^[A-Za-z0-9_\-.]+$"): "a course's own lesson ids",
    ("members.py", r"^[a-z0-9_-]+$"): "an alliance's own code for a member",
    ("members.py", r"^[a-z0-9-]+$"): "an alliance's URL slug",
    ("http.py", r"^[a-z0-9_.-]+$"): "a survey's own key (profiles.mapping.entrypoints)",
    ("internal.py", "^[0-9a-f]+$"): "a signing key id (hex)",
    ("resources_api.py", r"^[^/\\\x00]+$"): "an attachment's file name",
}


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"


def _strings(node: ast.AST) -> Iterator[ast.Constant]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of docstring constants (prose may name a role)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_there_are_services_to_check() -> None:
    assert len(SOURCES) > 100
    assert len(WEB_SOURCES) > 20


def test_no_service_names_a_role() -> None:
    """Services ask for permissions (``require_permission``, ``principal.may``), the web
    client too (``session.may``); only the vocabulary knows which roles grant them."""
    found = []
    for path in SOURCES + WEB_SOURCES:
        tree = _tree(path)
        docs = _docstrings(tree)
        for const in _strings(tree):
            if (path.name, const.value) in NOT_ROLES:
                continue
            if id(const) not in docs and const.value in ROLE_NAMES:
                found.append(f"{_where(path, const)} {const.value!r}")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute | ast.Name)
                and getattr(node.func, "attr", getattr(node.func, "id", ""))
                in {
                    "has_role",
                    "require_role",
                }
            ):
                found.append(f"{_where(path, node)} checks roles by name")
    assert not found, "\n".join(found)


def test_no_service_validates_a_shared_code_itself() -> None:
    """No ``pattern=`` accepting a country, language, skill, sector, occupation or currency
    code, and no catalogue of codes (pycountry) outside contracts.vocabulary."""
    found = []
    for path in SOURCES:
        tree = _tree(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(n.split(".")[0] == "pycountry" for n in names):
                    found.append(f"{_where(path, node)} imports pycountry")
            if not isinstance(node, ast.keyword) or node.arg != "pattern":
                continue
            if not isinstance(node.value, ast.Constant) or not isinstance(node.value.value, str):
                continue
            pattern = node.value.value
            if (path.name, pattern) in OWN_IDENTIFIERS:
                continue
            accepted = [s for s in CODE_SAMPLES if re.fullmatch(pattern, s)]
            if accepted:
                found.append(f"{_where(path, node.value)} pattern {pattern!r} accepts {accepted}")
    assert not found, "\n".join(found)


def test_the_allowed_identifier_patterns_are_still_used() -> None:
    """An entry of OWN_IDENTIFIERS nobody uses any more is removed, not kept as a loophole."""
    used = set()
    for path in SOURCES:
        for node in ast.walk(_tree(path)):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "pattern"
                and isinstance(node.value, ast.Constant)
            ):
                used.add((path.name, node.value.value))
    assert set(OWN_IDENTIFIERS) <= used, set(OWN_IDENTIFIERS) - used
