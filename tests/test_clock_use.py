"""Rules take the service's ``Clock`` (docs/developing.md, "Time"; issue 25): no module of a
service's ``domain/``, ``service_layer/`` or ``entrypoints/`` reads the machine's time with
``datetime.now``, except the ones listed here with their reason, so the list only shrinks.

A dataclass field's ``default_factory`` (a record's creation time when its caller gives
none) is counted apart: the use cases pass theirs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("domain", "service_layer", "entrypoints")
CALL = re.compile(r"datetime\.(now|utcnow)\(")
DEFAULT = re.compile(r"default_factory=lambda: datetime\.now\(UTC\)")

#: path (from services/) -> calls still allowed there, each with its reason
ALLOWED = {
    # when an audited read happened (record_read, called from profiles' reads of people,
    # the directory, identity and the mapping slice's port): the next to take a `now`
    "profiles/src/profiles/service_layer/audit.py": 1,
}
#: dataclass defaults for a record's creation time (or first attempt) when none is given
DEFAULTS = 15


def _calls() -> tuple[dict[str, int], int]:
    found: dict[str, int] = {}
    defaults = 0
    # a vertical slice (profiles/mapping/domain/...) has the same layers one level down
    sources = sorted(p for p in ROOT.glob("services/*/src/**/*.py") if set(p.parts) & set(LAYERS))
    for path in sources:
        for line in path.read_text().splitlines():
            if DEFAULT.search(line):
                defaults += 1
            elif CALL.search(line):
                name = str(path.relative_to(ROOT / "services"))
                found[name] = found.get(name, 0) + 1
    return found, defaults


def test_rules_read_the_time_from_the_clock() -> None:
    found, defaults = _calls()
    assert found == ALLOWED, "take `now: Now` (a route) or the service's clock, not datetime.now"
    assert defaults <= DEFAULTS
