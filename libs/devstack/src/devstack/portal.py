"""The developer portal: one static site the gateway serves at ``/developers``.

Built from what the repository already holds, so it cannot say anything else than the code:
the API documents of ``docs/api/`` (``make docs``), the events' JSON Schemas of
``contracts/``, the guides of ``docs/developers/*.md``, and the renderers installed from the
npm registry with ``portal/package-lock.json`` (Swagger UI for OpenAPI, AsyncAPI's React
component for AsyncAPI). Every file is served by the platform itself; no page loads
anything from another origin (``Content-Security-Policy: default-src 'self'``, set by the
gateway).

    python -m devstack.portal --out .local/portal     # make run does it before the gateway
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from devstack.paths import repo_root

MOUNT = "/developers"
#: what the gateway sends with every portal file: this origin only. Both renderers compile
#: JSON Schemas to functions at run time (ajv, in the AsyncAPI parser and in Swagger UI), so
#: scripts may evaluate code ('unsafe-eval'); no inline script, no other origin
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
SERVICES = ("profiles", "resources", "alliance", "notifications")

#: the files each renderer needs, from portal/node_modules (nothing else is copied)
ASSETS = {
    "swagger-ui": (
        "swagger-ui-dist",
        ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"],
    ),
    "asyncapi": (
        "@asyncapi/react-component",
        ["browser/standalone/index.js", "styles/default.min.css"],
    ),
}

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header{background:#0b3d5c;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;
 flex-wrap:wrap;align-items:center}
header a{color:#fff}header strong{margin-right:1rem}nav{display:flex;gap:1rem;flex-wrap:wrap}
main{max-width:60rem;margin:0 auto;padding:1rem 1.2rem 3rem}
main.wide{max-width:none;padding:0}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;
 vertical-align:top;text-align:left}
pre{background:#f3f5f7;padding:.8rem;overflow:auto}code{font-size:.95em}
a{color:#0b5394}label{margin:.8rem 1.2rem;display:inline-block}
"""


def node_modules() -> Path:
    return repo_root() / "portal" / "node_modules"


def build(out: Path) -> Path:
    """(Re)build the site into ``out``; returns ``out``."""
    root = repo_root()
    modules = node_modules()
    if not (modules / "swagger-ui-dist").is_dir():
        raise RuntimeError("the portal's npm packages are missing: run make install")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "portal.css").write_text(_STYLE)
    for name, (package, files) in ASSETS.items():
        for file in files:
            target = out / "assets" / name / Path(file).name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(modules / package / file, target)
    docs = root / "docs" / "api"
    for kind in ("openapi", "asyncapi"):
        folder = out / kind
        folder.mkdir()
        names = sorted(p.name for p in docs.glob(f"*.{kind}.json"))
        for name in names:
            shutil.copyfile(docs / name, folder / name)
        _write(folder / "index.html", _listing(f"{kind} documents", names))
    schemas = out / "schemas"
    schemas.mkdir()
    schema_names = sorted(p.name for p in (root / "contracts/src/contracts/schemas").glob("*.json"))
    for name in schema_names:
        shutil.copyfile(root / "contracts/src/contracts/schemas" / name, schemas / name)
    _write(schemas / "index.html", _listing("Event JSON Schemas", schema_names))
    _api_page(out, docs)
    _events_page(out, docs)
    _webhooks_page(out, json.loads((docs / "platform.openapi.json").read_text()))
    _guides(out, root / "docs" / "developers")
    return out


# ---- pages ------------------------------------------------------------------------------
def _page(title: str, body: str, *, depth: int, head: str = "", wide: bool = False) -> str:
    up = "../" * depth
    nav = [
        ("Developers", "guides/index.html"),
        ("API", "api/"),
        ("Webhooks", "webhooks/"),
        ("Events", "events/"),
        ("Schemas", "schemas/"),
    ]
    links = "".join(f'<a href="{up}{href}">{html.escape(t)}</a>' for t, href in nav)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} · Diaspora platform developers</title>"
        f'<link rel="stylesheet" href="{up}portal.css">{head}</head><body>'
        f"<header><strong>Diaspora platform · developers</strong><nav>{links}</nav></header>"
        f'<main id="main"{" class=wide" if wide else ""}>{body}</main></body></html>\n'
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _listing(title: str, names: Iterable[str]) -> str:
    items = "".join(f'<li><a href="{html.escape(n)}">{html.escape(n)}</a></li>' for n in names)
    return _page(title, f"<h1>{html.escape(title)}</h1><ul>{items}</ul>", depth=1)


def _selector(label: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{v}">{html.escape(t)}</option>' for t, v in options)
    return f'<label>{html.escape(label)} <select id="document">{opts}</select></label>'


def _api_page(out: Path, docs: Path) -> None:
    options = [("The platform API (through the gateway)", "../openapi/platform.openapi.json")]
    options += [(f"{s} service", f"../openapi/{s}.openapi.json") for s in SERVICES]
    head = '<link rel="stylesheet" href="../assets/swagger-ui/swagger-ui.css">'
    body = (
        _selector("Document", options)
        + '<div id="swagger-ui"></div>'
        + '<script src="../assets/swagger-ui/swagger-ui-bundle.js"></script>'
        + '<script src="api.js"></script>'
    )
    _write(out / "api" / "index.html", _page("HTTP API", body, depth=1, head=head, wide=True))
    _write(
        out / "api" / "api.js",
        """// Swagger UI on the chosen document (served by the platform; no network beyond it)
const select = document.getElementById("document");
function show() {
  window.ui = SwaggerUIBundle({
    url: select.value, dom_id: "#swagger-ui", deepLinking: true,
    validatorUrl: null, tryItOutEnabled: false, defaultModelsExpandDepth: 0,
  });
}
select.addEventListener("change", show);
show();
""",
    )


def _events_page(out: Path, docs: Path) -> None:
    options = [("Partner events (Kafka, partners listener)", "../asyncapi/partners.asyncapi.json")]
    options += [(f"{s} service (internal)", f"../asyncapi/{s}.asyncapi.json") for s in SERVICES]
    head = '<link rel="stylesheet" href="../assets/asyncapi/default.min.css">'
    body = (
        _selector("Document", options)
        + '<div id="asyncapi"></div>'
        + '<script src="../assets/asyncapi/index.js"></script>'
        + '<script src="events.js"></script>'
    )
    _write(out / "events" / "index.html", _page("Events", body, depth=1, head=head, wide=True))
    _write(
        out / "events" / "events.js",
        """// AsyncAPI's React component (standalone bundle) on the chosen document
const select = document.getElementById("document");
async function show() {
  const schema = await (await fetch(select.value)).text();
  AsyncApiStandalone.render(
    { schema, config: { show: { sidebar: true, errors: true }, parserOptions: {} } },
    document.getElementById("asyncapi"),
  );
}
select.addEventListener("change", show);
show();
""",
    )


def _webhooks_page(out: Path, platform: dict[str, Any]) -> None:
    rows = []
    for name, item in sorted(platform.get("webhooks", {}).items()):
        post = item["post"]
        media = post["requestBody"]["content"]["application/json"]
        data_ref = media["schema"]["allOf"][1]["properties"]["data"]["$ref"]
        example = json.dumps(media["example"], indent=2, ensure_ascii=False)
        rows.append(
            f'<section id="{html.escape(name)}"><h2><code>{html.escape(name)}</code></h2>'
            f"<p>{html.escape(post['summary'])}</p>"
            f'<p>Payload (<code>data</code>): <a href="../schemas/{html.escape(name)}.json">'
            f"JSON Schema</a> · <code>{html.escape(data_ref.rsplit('/', 1)[-1])}</code> in the "
            '<a href="../api/">API reference</a> (Webhooks)</p>'
            f"<details><summary>Example delivery</summary><pre><code>{html.escape(example)}"
            "</code></pre></details></section>"
        )
    intro = (
        "<h1>Webhooks catalogue</h1><p>Every event a partner endpoint can receive: a "
        "structured-mode CloudEvent (JSON) signed per Standard Webhooks (<code>webhook-id"
        "</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>). How to "
        'register, verify and try it locally: <a href="../guides/webhooks.html">the webhooks '
        "guide</a>.</p>"
    )
    toc = "".join(
        f'<li><a href="#{html.escape(n)}">{html.escape(n)}</a></li>'
        for n in sorted(platform.get("webhooks", {}))
    )
    _write(
        out / "webhooks" / "index.html",
        _page("Webhooks", intro + f"<ul>{toc}</ul>" + "".join(rows), depth=1),
    )


def _guides(out: Path, source: Path) -> None:
    md = MarkdownIt("commonmark").enable("table")
    for page in sorted(source.glob("*.md")):
        text = page.read_text()
        title = text.splitlines()[0].lstrip("# ").strip() if text else page.stem
        body = md.render(text).replace('.md"', '.html"')
        _write(out / "guides" / f"{page.stem}.html", _page(title, body, depth=1))
    _write(
        out / "index.html",
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="0; url=guides/index.html">'
        "<title>Developers</title></head><body>"
        '<a href="guides/index.html">Developers</a></body></html>\n',
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack.portal")
    parser.add_argument("--out", type=Path, default=repo_root() / ".local" / "portal")
    args = parser.parse_args(argv)
    print(f"built the developer portal in {build(args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
