"""The web client under concurrent members: each page's p95 beside the p95 of the API calls
that page makes, measured in the same run against the same real platform (four services'
processes, the gateway, the web process), so the web layer's own share is what is left.

For every page a simulated member loads through the gateway (the web renders it with the
member's session), the same member also makes the page's API calls directly, one after the
other as the web does; both are timed in interleaved rounds so the shared machine's load
hits both alike. ``python bench/bench_web.py [--quick]``; report in docs/benchmarks/web.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from benchkit import describe_machine, log

from devstack.harness import ensure_test_infra
from devstack.system import start_platform

REPO = Path(__file__).resolve().parents[1]
SERVICES = ("profiles", "resources", "alliance", "notifications")
PASSWORD = "a long enough passphrase"
SIZES = {
    "quick": {"members": 4, "seconds": 4, "rounds": 2},
    "default": {"members": 16, "seconds": 15, "rounds": 3},
}
#: each page, and the API calls the web makes to render it (in its order; {q} a search word)
PAGES: dict[str, list[str]] = {
    "/me/profile": ["/v1/me/profile", "/v1/directory/taxonomy?lang=en"],
    "/people?q={q}": [
        "/v1/directory/people?facets=true&limit=20&q={q}",
        "/v1/directory/taxonomy?lang=en",
    ],
    "/library?q={q}": ["/v1/resources?lang=en&limit=20&q={q}"],
    "/events": ["/v1/events?limit=20", "/v1/preferences"],
    "/notifications": ["/v1/notifications/feed?limit=30"],
    "/privacy": ["/v1/me/consents", "/v1/me/audit-log?limit=20"],
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


class Member:
    """One simulated member: a browser-like web session and the same person's API token."""

    def __init__(self, base: str, email: str) -> None:
        self.web = httpx.AsyncClient(base_url=base, timeout=60, follow_redirects=True)
        self.api = httpx.AsyncClient(base_url=base, timeout=60)
        self.email = email

    async def sign_in(self) -> None:
        page = await self.web.get("/signin")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf, "no CSRF token on the sign-in page"
        done = await self.web.post(
            "/signin", data={"csrf": csrf.group(1), "email": self.email, "password": PASSWORD}
        )
        assert "/me/profile" in str(done.url), done.status_code
        pair = (
            await self.api.post("/v1/auth/login", json={"email": self.email, "password": PASSWORD})
        ).json()
        self.api.headers["Authorization"] = f"Bearer {pair['access_token']}"

    async def close(self) -> None:
        await self.web.aclose()
        await self.api.aclose()


async def phase(
    members: list[Member], seconds: float, which: str, word: str
) -> dict[str, list[float]]:
    """Every member loads pages (``web``) or makes the pages' API calls (``api``) in turn until
    the time is up; the latency of each page (or of its calls, one after the other)."""
    timings: dict[str, list[float]] = {page: [] for page in PAGES}
    deadline = time.monotonic() + seconds

    async def run(member: Member, offset: int) -> None:
        pages = list(PAGES)
        n = offset
        while time.monotonic() < deadline:
            page = pages[n % len(pages)]
            n += 1
            started = time.perf_counter()
            if which == "web":
                r = await member.web.get(page.format(q=word))
                assert r.status_code == 200, (page, r.status_code)
            else:
                for call in PAGES[page]:
                    r = await member.api.get(call.format(q=word))
                    assert r.status_code == 200, (call, r.status_code)
            timings[page].append(time.perf_counter() - started)

    await asyncio.gather(*(run(m, i) for i, m in enumerate(members)))
    return timings


async def bench(size: str) -> dict[str, Any]:
    cfg = SIZES[size]
    infra = await asyncio.to_thread(ensure_test_infra)
    env = {
        "profiles": {"ARGON2_TIME_COST": "1", "ARGON2_MEMORY_COST_KIB": "8192"},
        # httpx, unlike a browser, never sends a Secure cookie to http://127.0.0.1
        "web": {"WEB_COOKIE_SECURE": "0"},
    }
    with start_platform(infra, SERVICES, env) as platform:
        log(f"platform up at {platform.gateway_url}; {cfg['members']} members")
        members = []
        for i in range(cfg["members"]):
            email = f"bench-web-{uuid.uuid4().hex[:8]}@example.org"
            async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=60) as http:
                r = await http.post(
                    "/v1/auth/register",
                    json={"email": email, "password": PASSWORD, "display_name": f"Bench {i}"},
                )
                assert r.status_code == 201, r.text
                # a member as the pages serve them: verified (searching waits for it) and
                # with a profile, through the emailed link like a person
                token = await asyncio.to_thread(platform.smtp.link_token, email)
                r = await http.post("/v1/auth/verify-email", json={"token": token})
                assert r.status_code == 200, r.text
            member = Member(platform.gateway_url, email)
            await member.sign_in()
            r = await member.api.put(
                "/v1/me/profile",
                json={"display_name": f"Bench {i}", "headline": {"en": "Bench member"}},
            )
            assert r.status_code == 201, r.text
            members.append(member)
        totals: dict[str, dict[str, list[float]]] = {
            "web": {p: [] for p in PAGES},
            "api": {p: [] for p in PAGES},
        }
        await phase(members, 2, "web", "bench")  # warm both paths
        await phase(members, 2, "api", "bench")
        for round_ in range(cfg["rounds"]):
            for which in ("web", "api") if round_ % 2 == 0 else ("api", "web"):
                log(f"round {round_ + 1}: {which} for {cfg['seconds']} s")
                got = await phase(members, cfg["seconds"], which, "bench")
                for page, values in got.items():
                    totals[which][page] += values
        for member in members:
            await member.close()
    rows = {}
    for page in PAGES:
        web, api = totals["web"][page], totals["api"][page]
        rows[page] = {
            "web_ms": {
                "p50": round(percentile(web, 50) * 1000, 1),
                "p95": round(percentile(web, 95) * 1000, 1),
                "n": len(web),
            },
            "api_ms": {
                "p50": round(percentile(api, 50) * 1000, 1),
                "p95": round(percentile(api, 95) * 1000, 1),
                "n": len(api),
            },
            "api_calls": len(PAGES[page]),
        }
        rows[page]["web_share_p95_ms"] = round(
            rows[page]["web_ms"]["p95"] - rows[page]["api_ms"]["p95"], 1
        )
    return {
        "members": cfg["members"],
        "seconds_per_phase": cfg["seconds"],
        "rounds": cfg["rounds"],
        "pages": rows,
    }


def report(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        "# The web client under concurrent members",
        "",
        f"Command: `{result['command']}` ({result['size']}), {result['finished_at']}",
        "",
        f"{result['members']} simulated members, each loading pages in turn; "
        f"{result['rounds']} rounds of {result['seconds_per_phase']} s per side, "
        "web and API interleaved. A page's time is "
        "the whole response through the gateway (the web process signs the request with the "
        "member's session and calls the API through the gateway); the API column is the same "
        "member making that page's API calls directly, one after the other, as the web does.",
        "",
        "| page | API calls | web p50 | web p95 | its API calls p50 | its API calls p95 "
        "| web layer's share of p95 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for page, row in result["pages"].items():
        share = row["web_share_p95_ms"]
        pct = round(100 * share / row["web_ms"]["p95"]) if row["web_ms"]["p95"] else 0
        lines.append(
            f"| `{page}` | {row['api_calls']} | {row['web_ms']['p50']} ms | "
            f"{row['web_ms']['p95']} ms | {row['api_ms']['p50']} ms | "
            f"{row['api_ms']['p95']} ms | {share} ms ({pct} %) |"
        )
    lines += [
        "",
        "The web layer's share is the page's p95 minus the p95 of its API calls: rendering the "
        "template, sealing and opening the session cookie, the extra hop through the gateway, "
        "and queueing in the single web process. The API calls of a page are sequential today; "
        "the pages that make two independent calls could make them concurrently.",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, "
        f"Python {m['python']}, load at start {m['loadavg_at_start']}. "
        "Shared machine: compare the columns of one run, "
        "not absolute numbers across runs.",
        "",
    ]
    return "\n".join(lines)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    args = parser.parse_args()
    size = "quick" if args.quick else "default"
    info = describe_machine(["starlette", "httpx", "jinja2"])
    result = await bench(size)
    result.update(
        {
            "benchmark": "web",
            "command": "uv run python bench/bench_web.py" + (" --quick" if args.quick else ""),
            "size": size,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": info,
        }
    )
    out = REPO / "docs" / "benchmarks"
    out.mkdir(parents=True, exist_ok=True)
    (out / "web.json").write_text(json.dumps(result, indent=2) + "\n")
    text = report(result)
    (out / "web.md").write_text(text)
    print(text)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
