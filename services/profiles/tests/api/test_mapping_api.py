"""Diaspora mapping through HTTP on the real profiles schema (real Postgres): XLSForm import of
the shipped template, campaigns, Kobo imports (idempotent), web responses with consent,
protected aggregates (JSON, CSV+HXL, charts) and who may see what."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import random
import uuid
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from PIL import Image
from sqlalchemy import func, select

from devstack.testing import TokenIssuer, api_client
from eventkit.clock import FixedClock
from profiles.bootstrap import ProfilesService
from profiles.mapping.adapters.orm import MAPPING_MIGRATIONS, access_log, responses
from profiles.mapping.adapters.template import TEMPLATE
from profiles.mapping.entrypoints import http as mapping

FOCAL = ("government_focal_point",)
ADMIN = ("platform_admin",)
MEMBER = ("member",)
MONTHS = {"2026-01": 150, "2026-02": 120, "2026-03": 3, "2026-04": 127}


@pytest.fixture(scope="module")
async def mapping_app(
    profiles_service: ProfilesService,
) -> AsyncIterator[tuple[httpx.AsyncClient, TokenIssuer]]:
    # the mapping stream beside the main one (a no-op once bootstrap lists it)
    await asyncio.to_thread(profiles_service.chassis.migrate, MAPPING_MIGRATIONS)
    app = profiles_service.chassis.create_app([mapping.router], title="mapping test")
    app.state.mapping_uow_factory = profiles_service.mapping_uow  # what create_app wires
    issuer = TokenIssuer()
    issuer.install(app)
    async with api_client(app) as client:
        yield client, issuer


def headers(
    issuer: TokenIssuer, subject: uuid.UUID, roles: tuple[str, ...], orgs: list[str] | None = None
) -> dict[str, str]:
    if orgs is None:
        return issuer.headers(subject, roles)
    # a token with an "organisations" claim (what the organisations module will issue)
    import jwt

    now = datetime.now(UTC)
    claims = {
        "sub": str(subject),
        "roles": list(roles),
        "organisations": orgs,
        "iss": issuer.issuer,
        "aud": issuer.audience,
        "iat": now,
        "exp": now + timedelta(minutes=5),
    }
    token = jwt.encode(claims, issuer._key, algorithm="ES256", headers={"kid": issuer.kid})
    return {"Authorization": f"Bearer {token}"}


async def upload_template(client: httpx.AsyncClient, h: dict[str, str], key: str) -> dict[str, Any]:
    r = await client.post(
        f"/v1/mapping/surveys/xlsform?key={key}",
        content=TEMPLATE.read_bytes(),
        headers={**h, "Content-Type": mapping.XLSX},
    )
    assert r.status_code == 201, r.text
    assert r.headers["Location"] == f"/v1/mapping/surveys/{r.json()['id']}"
    return r.json()


def kobo_record(rng: random.Random, month: str, n: int, **fixed: Any) -> dict[str, Any]:
    gender = rng.choices(["female", "male", "other"], weights=[46, 50, 4])[0]
    rec: dict[str, Any] = {
        "_id": n,
        "_uuid": str(uuid.UUID(int=rng.getrandbits(128))),
        "_submission_time": f"{month}-{rng.randint(1, 28):02d}T10:00:00",
        "formhub/uuid": "abc",
        "consent": "yes",
        "about_you/gender": gender,
        "about_you/birth_year": str(rng.randint(1950, 2006)),
        "about_you/country_of_origin": "HT",
        "about_you/country_of_residence": rng.choices(
            ["US", "CA", "FR", "DO"], weights=[50, 20, 25, 5]
        )[0],
        "about_you/generation": rng.choice(["first", "second"]),
        "education_work/education_level": rng.choice(["3", "4", "6", "7"]),
        "education_work/sectors": " ".join(
            rng.sample(["P", "Q", "C", "F", "J"], rng.randint(1, 2))
        ),
        "education_work/skills": " ".join(rng.sample(["S1", "S2", "S4", "T1"], rng.randint(1, 2))),
        "education_work/languages": " ".join(rng.sample(["fr", "ht", "en", "es"], 2)),
        "needs_group/needs": rng.choice(
            ["employment", "qualification_recognition legal_status", "housing"]
        ),
        "contribution/willing_to_contribute": "yes",
        "contribution/contribution_modes": rng.choice(["mentoring", "investment skills_transfer"]),
        "meta/instanceID": None,
    }
    rec["meta/instanceID"] = f"uuid:{rec['_uuid']}"
    rec.update(fixed)
    return rec


def kobo_export(seed: int = 4) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    records, n = [], 0
    for month, count in MONTHS.items():
        for _ in range(count):
            n += 1
            records.append(kobo_record(rng, month, n))
    # four people in Belgium: a filter on them would isolate fewer than k
    for _ in range(4):
        n += 1
        records.append(kobo_record(rng, "2026-02", n, **{"about_you/country_of_residence": "BE"}))
    return records


async def launch(
    client: httpx.AsyncClient, h: dict[str, str], survey_id: str, **extra: Any
) -> dict[str, Any]:
    body = {
        "survey_id": survey_id,
        "name": "Haitian diaspora mapping 2026",
        "owner_kind": "government",
        "origin_country": "ht",
        "opens_on": "2026-01-01",
        "closes_on": "2026-12-31",
        "channels": ["web", "kobo", "consulate"],
        **extra,
    }
    r = await client.post("/v1/mapping/campaigns", json=body, headers=h)
    assert r.status_code == 201, r.text
    assert r.headers["Location"] == f"/v1/mapping/campaigns/{r.json()['id']}"
    return r.json()


@pytest.fixture(scope="module")
async def campaign(mapping_app: tuple[httpx.AsyncClient, TokenIssuer]) -> dict[str, Any]:
    """A campaign with the Kobo export imported, run by one focal point (module-wide)."""
    client, issuer = mapping_app
    owner = uuid.uuid4()
    coordinator_org = uuid.uuid4()
    h = issuer.headers(owner, FOCAL)
    survey = await upload_template(client, h, f"standard-{uuid.uuid4().hex[:6]}")
    c = await launch(client, h, survey["id"], coordinating_organisations=[str(coordinator_org)])
    r = await client.post(
        f"/v1/mapping/campaigns/{c['id']}/imports?format=kobo_json",
        content=json.dumps({"results": kobo_export()}),
        headers=h,
    )
    assert r.status_code == 200, r.text
    return {
        **c,
        "owner": owner,
        "headers": h,
        "survey": survey,
        "coordinator_org": coordinator_org,
        "import": r.json(),
    }


# ---- questionnaires ----------------------------------------------------------------------


async def test_the_shipped_template_imports_as_a_multilingual_versioned_survey(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
) -> None:
    client, issuer = mapping_app
    h = issuer.headers(uuid.uuid4(), FOCAL)
    key = f"tpl-{uuid.uuid4().hex[:6]}"
    first = await upload_template(client, h, key)
    assert first["version"] == 1 and first["languages"] == ["en", "es", "fr"]
    names = {q["name"]: q for q in first["questions"]}
    for required in (
        "consent",
        "gender",
        "birth_year",
        "country_of_origin",
        "country_of_residence",
        "years_abroad",
        "generation",
        "education_level",
        "occupation",
        "skills",
        "languages",
        "needs",
        "attachment",
        "contribution_modes",
        "sends_remittances",
        "investment_interest",
        "organisation_member",
    ):
        assert required in names, required
    assert names["country_of_origin"]["type"] == "country"
    assert names["skills"]["type"] == "skill" and names["skills"]["multiple"]
    assert names["attachment"]["type"] == "likert"
    assert names["gender"]["labels"]["fr"] == "Genre"
    assert "selected(${needs}, 'other')" in names["needs_other"]["relevant"]
    second = await upload_template(client, h, key)
    assert second["version"] == 2 and second["id"] != first["id"]
    # the template itself can be downloaded
    r = await client.get("/v1/mapping/template.xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"


async def test_a_broken_workbook_and_unauthorised_uploads_are_problems(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
) -> None:
    client, issuer = mapping_app
    r = await client.post(
        "/v1/mapping/surveys/xlsform?key=x",
        content=b"not a workbook",
        headers=issuer.headers(uuid.uuid4(), FOCAL),
    )
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    r = await client.post(
        "/v1/mapping/surveys/xlsform?key=x",
        content=TEMPLATE.read_bytes(),
        headers=issuer.headers(uuid.uuid4(), MEMBER),
    )
    assert r.status_code == 403
    r = await client.post("/v1/mapping/surveys/xlsform?key=x", content=TEMPLATE.read_bytes())
    assert r.status_code == 401


# ---- Kobo import -------------------------------------------------------------------------


async def test_a_kobo_json_export_imported_twice_gives_one_set_of_responses(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    profiles_service: ProfilesService,
) -> None:
    client, issuer = mapping_app
    h = issuer.headers(uuid.uuid4(), FOCAL)
    survey = await upload_template(client, h, f"kobo-{uuid.uuid4().hex[:6]}")
    c = await launch(client, h, survey["id"])
    rng = random.Random(11)
    good = [kobo_record(rng, "2026-03", i) for i in range(30)]
    bad_country = kobo_record(rng, "2026-03", 31, **{"about_you/country_of_residence": "XX"})
    no_id = kobo_record(rng, "2026-03", 32)
    del no_id["_uuid"], no_id["meta/instanceID"]
    refused = kobo_record(rng, "2026-03", 33, consent="no")
    twice = {**good[0], "_uuid": "another-id", "meta/instanceID": "uuid:another-id", "_id": 34}
    export = json.dumps({"results": [*good, bad_country, no_id, refused, twice]})
    url = f"/v1/mapping/campaigns/{c['id']}/imports?format=kobo_json"

    first = (await client.post(url, content=export, headers=h)).json()
    # the same answers under another submission id are another person: kept, never merged
    assert first["accepted"] == 31 and first["already_imported"] == 0
    reasons = {row["row"]: row["reason"] for row in first["rejected"]}
    assert reasons == {
        31: "invalid answers",
        32: "no _uuid or meta/instanceID",
        33: "no consent",
    }
    bad = next(row for row in first["rejected"] if row["row"] == 31)
    assert "country_of_residence" in bad["errors"]

    second = (await client.post(url, content=export, headers=h)).json()
    assert second["accepted"] == 0 and second["already_imported"] == 31

    async with profiles_service.chassis.engine.connect() as conn:
        stored = await conn.scalar(
            select(func.count())
            .select_from(responses)
            .where(responses.c.campaign_id == uuid.UUID(c["id"]))
        )
    assert stored == 31
    # imports announce tallies only: no answers, no rows
    events = await outbox(
        profiles_service, "profiles.mapping_campaign.submissions_imported", c["id"]
    )
    assert [e["accepted"] for e in events] == [31, 0]
    assert all(
        set(e)
        <= {"campaign_id", "source", "accepted", "already_imported", "rejected", "imported_at"}
        for e in events
    )


async def test_a_kobo_csv_export_imports_the_same_way(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
) -> None:
    client, issuer = mapping_app
    h = issuer.headers(uuid.uuid4(), FOCAL)
    survey = await upload_template(client, h, f"csv-{uuid.uuid4().hex[:6]}")
    c = await launch(client, h, survey["id"])
    rng = random.Random(5)
    rows = [kobo_record(rng, "2026-05", i) for i in range(12)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    url = f"/v1/mapping/campaigns/{c['id']}/imports?format=kobo_csv"
    first = (await client.post(url, content=out.getvalue().encode(), headers=h)).json()
    again = (await client.post(url, content=out.getvalue().encode(), headers=h)).json()
    assert (first["accepted"], again["accepted"], again["already_imported"]) == (12, 0, 12)
    # someone else's campaign cannot be imported into
    r = await client.post(
        url, content=out.getvalue().encode(), headers=issuer.headers(uuid.uuid4(), FOCAL)
    )
    assert r.status_code == 404


async def outbox(service: ProfilesService, type_name: str, subject: str) -> list[dict[str, Any]]:
    table = service.chassis.outbox_table
    async with service.chassis.engine.connect() as conn:
        rows = await conn.execute(
            select(table.c.payload)
            .where(table.c.type == type_name, table.c.aggregateid == subject)
            .order_by(table.c.position)
        )
        return [dict(p) for p in rows.scalars()]


# ---- aggregates --------------------------------------------------------------------------


async def test_a_gender_by_sector_table_is_protected_and_exported(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    campaign: dict[str, Any],
    profiles_service: ProfilesService,
) -> None:
    client, _ = mapping_app
    assert campaign["import"]["accepted"] == sum(MONTHS.values()) + 4
    url = f"/v1/mapping/campaigns/{campaign['id']}/tables"
    r = await client.get(
        url, params={"dimensions": "gender,residence"}, headers=campaign["headers"]
    )
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["disclosure"]["method"] == "cell_key"
    assert doc["disclosure"]["k"] == 10 and doc["disclosure"]["max_noise"] == 3
    cells = {(c["gender"], c["residence"]): c for c in doc["cells"]}
    total = cells[("total", "total")]["count"]
    assert total is not None and abs(total - 404) <= 3  # perturbed, never the exact total
    assert cells[("total", "BE")]["count"] is None  # four people in Belgium
    assert cells[("total", "BE")]["below_k"] is True
    # nothing is withheld to protect a neighbour: a count is missing only below k, or for a
    # cell that cannot be told apart from a coarser one (which then gives that one's count)
    for c in doc["cells"]:
        assert (c["count"] is None) == (c["below_k"] or c["same_as"] is not None)
        assert not (c["below_k"] and c["same_as"] is not None)
        assert c["count"] is None or c["count"] >= 10
        assert c["basis"] in ("perturbed", "kept", "same_as_coarser")
    assert all(cells[("total", r)]["count"] is not None for r in ("US", "CA", "FR"))

    r = await client.get(
        url, params={"dimensions": "gender,sector", "format": "csv"}, headers=campaign["headers"]
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(r.text)))
    assert lines[0] == ["gender", "sector", "count", "below_k", "share"]
    assert lines[1] == [
        "#indicator+gender",
        "#sector+code+isic",
        "#population+num",
        "#meta+below_k",
        "#indicator+pct",
    ]
    assert len(lines) > 4


async def test_a_filter_isolating_fewer_than_k_people_is_refused(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    campaign: dict[str, Any],
) -> None:
    client, _ = mapping_app
    url = f"/v1/mapping/campaigns/{campaign['id']}/tables"
    r = await client.get(
        url, params={"dimensions": "gender", "filter": "residence:BE"}, headers=campaign["headers"]
    )
    assert r.status_code == 422 and r.json()["title"] == "Population Too Small"
    assert "4" not in r.json()["detail"]  # the refusal does not say how many


async def test_the_same_cell_asked_another_way_gets_the_same_number(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    campaign: dict[str, Any],
) -> None:
    """Cell keys: the women living in the US are one cell whether they are a cell of gender x
    residence or of gender filtered on the US, and a margin is the same cell as the total of a
    coarser table; asking again gives the same numbers."""
    client, _ = mapping_app
    url = f"/v1/mapping/campaigns/{campaign['id']}/tables"
    h = campaign["headers"]

    async def table(**params: str) -> dict[tuple[str, ...], int | None]:
        r = await client.get(url, params=params, headers=h)
        assert r.status_code == 200, r.text
        doc = r.json()
        return {tuple(c[d] for d in doc["dimensions"]): c["count"] for c in doc["cells"]}

    crossed = await table(dimensions="gender,residence")
    us = await table(dimensions="gender", filter="residence:US")
    for gender in ("female", "male", "total"):
        assert us[(gender,)] == crossed[(gender, "US")]
    by_gender = await table(dimensions="gender")
    assert by_gender[("total",)] == crossed[("total", "total")]
    assert by_gender[("female",)] == crossed[("female", "total")]
    assert await table(dimensions="gender,residence") == crossed


async def test_time_windows_are_whole_months_of_the_campaign(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    campaign: dict[str, Any],
) -> None:
    """A window covering the whole campaign is no window (the same cells); a month with three
    respondents is below k on its own; months outside the campaign or malformed are refused."""
    client, _ = mapping_app
    url = f"/v1/mapping/campaigns/{campaign['id']}/tables"
    h = campaign["headers"]

    async def get(**params: str) -> httpx.Response:
        return await client.get(url, params={"dimensions": "gender", **params}, headers=h)

    # The campaign's ledger is shared by the module's tests: the first read of a cell publishes
    # it ("perturbed"), every later read shows it "kept". Read the plain table first, so this
    # test does not depend on whether an earlier test asked it.
    plain = await get()
    assert plain.status_code == 200, plain.text
    whole = await get(**{"from": "2026-01", "to": "2026-12"})
    assert whole.status_code == 200, whole.text
    # the very cells just published, not new definitions (those would be published anew)
    assert all(c["basis"] == "kept" for c in whole.json()["cells"])
    counts = [[c["count"] for c in r.json()["cells"]] for r in (plain, whole)]
    assert counts[0] == counts[1]
    assert (await get()).json()["cells"] == whole.json()["cells"]
    march = await get(**{"from": "2026-03", "to": "2026-03"})  # three respondents
    assert march.status_code == 422 and march.json()["title"] == "Population Too Small"
    assert "3" not in march.json()["detail"]
    assert (await get(**{"from": "2026-01", "to": "2026-02"})).status_code == 200
    assert (await get(**{"from": "2027-01"})).status_code == 422  # after the campaign
    assert (await get(**{"from": "2026-13"})).status_code == 422
    # no dimension at all is the asker's mistake, not the server's (schemathesis found a 500)
    empty = await get(dimensions="")
    assert empty.status_code == 422 and "dimensions" in empty.json()["detail"]


async def test_a_small_filtered_population_is_published_cell_by_cell(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    campaign: dict[str, Any],
) -> None:
    """16 people live in the Dominican Republic: their table is published like any other,
    counts below k not shown; nothing else is withheld."""
    client, _ = mapping_app
    r = await client.get(
        f"/v1/mapping/campaigns/{campaign['id']}/tables",
        params={"dimensions": "gender", "filter": "residence:DO"},
        headers=campaign["headers"],
    )
    assert r.status_code == 200, r.text
    cells = r.json()["cells"]
    assert all(c["count"] is None or c["count"] >= 10 for c in cells)
    (total,) = [c for c in cells if c["gender"] == "total"]
    assert total["count"] is not None and abs(total["count"] - 16) <= 3


async def test_only_the_owner_coordinators_and_admins_see_aggregates(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    campaign: dict[str, Any],
) -> None:
    client, issuer = mapping_app
    url = f"/v1/mapping/campaigns/{campaign['id']}/tables?dimensions=gender"
    coordinator = headers(
        issuer, uuid.uuid4(), ("organisation_admin",), [str(campaign["coordinator_org"])]
    )
    stranger_org = headers(issuer, uuid.uuid4(), ("organisation_admin",), [str(uuid.uuid4())])
    assert (await client.get(url, headers=campaign["headers"])).status_code == 200
    assert (await client.get(url, headers=coordinator)).status_code == 200
    assert (await client.get(url, headers=issuer.headers(uuid.uuid4(), ADMIN))).status_code == 200
    assert (await client.get(url, headers=issuer.headers(uuid.uuid4(), FOCAL))).status_code == 404
    assert (await client.get(url, headers=stranger_org)).status_code == 404
    assert (await client.get(url, headers=issuer.headers(uuid.uuid4(), MEMBER))).status_code == 404
    assert (await client.get(url)).status_code == 401


# ---- charts ------------------------------------------------------------------------------


async def test_charts_render_as_valid_png_and_svg(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    campaign: dict[str, Any],
) -> None:
    client, _ = mapping_app
    h = campaign["headers"]
    for need in (
        {"sector": "Q", "skill": "S1", "positions": 40},
        {"sector": "P", "positions": 25},
        {"sector": "C", "skill": "T1", "positions": 15, "region": "Nord"},
    ):
        r = await client.post("/v1/mapping/needs", json={"origin_country": "HT", **need}, headers=h)
        assert r.status_code == 201, r.text
    base = f"/v1/mapping/campaigns/{campaign['id']}/charts"
    for name in ("population-pyramid", "skills-by-sector", "supply-vs-needs"):
        png = await client.get(f"{base}/{name}.png", headers=h)
        assert png.status_code == 200 and png.headers["content-type"] == "image/png", png.text
        with Image.open(io.BytesIO(png.content)) as image:
            image.verify()
        with Image.open(io.BytesIO(png.content)) as image:
            assert image.format == "PNG" and image.width > 300 and image.height > 200
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
            assert colours is not None and len(colours) > 10  # something was drawn
        svg = await client.get(f"{base}/{name}.svg", headers=h)
        assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
        root = ET.fromstring(svg.content)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert len(list(root.iter("{http://www.w3.org/2000/svg}path"))) > 5
    # words, not codes, in the reader's language; text stays text (<text>, not glyph paths)
    svg_ns = "{http://www.w3.org/2000/svg}text"
    for lang, sector_q, title in (
        ("fr", "Activités de santé humaine", "Compétences disponibles"),
        ("ar", "صحة الإنسان", "المهارات المتاحة"),
    ):
        r = await client.get(f"{base}/supply-vs-needs.svg", params={"lang": lang}, headers=h)
        assert r.headers["content-language"] == lang
        texts = " ".join("".join(t.itertext()) for t in ET.fromstring(r.content).iter(svg_ns))
        assert title in texts, texts
        assert sector_q in texts.replace("\n", " "), texts
        assert " Q " not in f" {texts} " and "Q/S1" not in texts
    spanish = await client.get(
        f"{base}/skills-by-sector.svg", headers={**h, "Accept-Language": "es-MX,es;q=0.9"}
    )
    assert spanish.headers["content-language"] == "es"
    gaps = (await client.get(f"/v1/mapping/campaigns/{campaign['id']}/gaps", headers=h)).json()
    rows = {(r["sector"], r["skill"]): r for r in gaps["rows"]}
    assert rows[("Q", "S1")]["needed"] >= 40 and rows[("P", "*")]["needed"] >= 25
    r = await client.get(f"{base}/population-pyramid.gif", headers=h)
    assert r.status_code in (404, 422)


async def test_needs_belong_to_their_campaign_and_can_be_corrected_or_withdrawn(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    campaign: dict[str, Any],
    profiles_service: ProfilesService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found from the outside: a need declared for one campaign showed in another campaign's
    gaps, and a declared need could be neither corrected nor withdrawn, so repeated
    declarations added up."""
    client, issuer = mapping_app
    h = campaign["headers"]
    # the service's clock dates needs and their corrections (not the machine's time)
    clock = FixedClock(datetime(2026, 3, 1, 9, 30, tzinfo=UTC))
    monkeypatch.setattr(profiles_service.chassis, "clock", clock)
    other = await launch(client, h, campaign["survey"]["id"], name="Another mapping")
    declared = await client.post(
        "/v1/mapping/needs",
        json={"origin_country": "HT", "sector": "F", "positions": 7, "campaign_id": other["id"]},
        headers=h,
    )
    assert declared.status_code == 201, declared.text
    mine = await client.post(
        "/v1/mapping/needs",
        json={"origin_country": "ht", "sector": "j", "positions": 9, "campaign_id": campaign["id"]},
        headers=h,
    )
    assert mine.status_code == 201, mine.text
    need = mine.json()
    assert mine.headers["Location"] == f"/v1/mapping/needs/{need['id']}"
    assert need["sector"] == "J" and need["campaign_id"] == campaign["id"]
    assert datetime.fromisoformat(need["declared_at"]) == clock.now()

    async def gap_rows() -> dict[tuple[str, str], dict[str, Any]]:
        r = await client.get(f"/v1/mapping/campaigns/{campaign['id']}/gaps", headers=h)
        assert r.status_code == 200, r.text
        return {(row["sector"], row["skill"]): row for row in r.json()["rows"]}

    rows = await gap_rows()
    assert ("F", "*") not in rows  # the other campaign's need
    assert rows[("J", "*")]["needed"] == 9

    # listed per campaign, a page at a time
    listed = await client.get(
        "/v1/mapping/needs", params={"origin": "HT", "campaign_id": other["id"]}, headers=h
    )
    assert [n["id"] for n in listed.json()["items"]] == [declared.json()["id"]]
    page = await client.get("/v1/mapping/needs", params={"origin": "HT", "limit": 1}, headers=h)
    assert len(page.json()["items"]) == 1 and page.json()["next_cursor"]
    following = await client.get(
        "/v1/mapping/needs",
        params={"origin": "HT", "limit": 1, "cursor": page.json()["next_cursor"]},
        headers=h,
    )
    assert following.json()["items"][0]["id"] != page.json()["items"][0]["id"]
    bad = await client.get("/v1/mapping/needs", params={"origin": "HT", "cursor": "x"}, headers=h)
    assert bad.status_code == 400

    # corrected: it replaces what was declared (no second need adding up), naming the
    # version read (If-Match): without it 428, with a stale one 412, and nothing changes
    path = f"/v1/mapping/needs/{need['id']}"
    assert mine.headers["etag"] == 'W/"1"' and need["version"] == 1
    assert (await client.patch(path, json={"positions": 4}, headers=h)).status_code == 428
    clock.advance(timedelta(hours=1))
    fixed = await client.patch(
        path, json={"positions": 4, "priority": 5}, headers={**h, "If-Match": 'W/"1"'}
    )
    assert fixed.status_code == 200, fixed.text
    assert fixed.headers["etag"] == 'W/"2"' and fixed.json()["version"] == 2
    assert fixed.json()["declared_at"] == need["declared_at"]
    stale = await client.patch(path, json={"positions": 99}, headers={**h, "If-Match": 'W/"1"'})
    assert stale.status_code == 412, stale.text
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert (await gap_rows())[("J", "*")]["needed"] == 4
    [corrected] = await outbox(profiles_service, "profiles.sector_need.corrected", need["id"])
    assert corrected["positions"] == 4 and corrected["campaign_id"] == campaign["id"]
    assert datetime.fromisoformat(corrected["corrected_at"]) == clock.now()
    current = {**h, "If-Match": '"2"'}  # a strong tag names the same version

    # bad corrections and strangers are problems, and change nothing
    for body, status in (({}, 422), ({"sector": "ZZ"}, 422), ({"positions": 0}, 422)):
        r = await client.patch(path, json=body, headers=current)
        assert r.status_code == status, (body, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    stranger = issuer.headers(uuid.uuid4(), FOCAL)
    r = await client.patch(path, json={"positions": 1}, headers={**stranger, "If-Match": "*"})
    assert r.status_code == 403
    member = issuer.headers(uuid.uuid4(), MEMBER)
    assert (await client.delete(path, headers={**member, "If-Match": "*"})).status_code == 403
    unknown = await client.patch(
        f"/v1/mapping/needs/{uuid.uuid4()}", json={"positions": 1}, headers={**h, "If-Match": "*"}
    )
    assert unknown.status_code == 404
    elsewhere = await client.post(
        "/v1/mapping/needs",
        json={"origin_country": "SN", "sector": "F", "positions": 1, "campaign_id": campaign["id"]},
        headers=h,
    )
    assert elsewhere.status_code == 422  # the campaign maps another country's diaspora

    # withdrawn at the version read: it counts nowhere any more (an admin who oversees
    # campaigns may too)
    admin = issuer.headers(uuid.uuid4(), ADMIN)
    assert (await client.delete(path, headers=admin)).status_code == 428
    stale = await client.delete(path, headers={**admin, "If-Match": 'W/"1"'})
    assert stale.status_code == 412
    assert (await gap_rows())[("J", "*")]["needed"] == 4
    assert (await client.delete(path, headers={**admin, **current})).status_code == 204
    assert ("J", "*") not in await gap_rows()
    assert await outbox(profiles_service, "profiles.sector_need.withdrawn", need["id"])
    assert (await client.delete(path, headers={**h, "If-Match": "*"})).status_code == 404


# ---- responses and consent ----------------------------------------------------------------


async def test_web_responses_anonymous_or_linked_with_consent_and_access_is_logged(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    profiles_service: ProfilesService,
) -> None:
    client, issuer = mapping_app
    h = issuer.headers(uuid.uuid4(), FOCAL)
    survey = await upload_template(client, h, f"web-{uuid.uuid4().hex[:6]}")
    c = await launch(client, h, survey["id"])
    url = f"/v1/mapping/campaigns/{c['id']}/responses"
    answers = {
        "consent": "yes",
        "gender": "female",
        "birth_year": 1990,
        "country_of_origin": "HT",
        "country_of_residence": "CA",
        "skills": ["S1"],
        "needs": ["housing"],
    }

    anonymous = await client.post(url, json={"answers": answers})
    assert anonymous.status_code == 201, anonymous.text
    assert anonymous.json()["linked_to_profile"] is False
    code = anonymous.json()["referral_code"]
    # the same answer sheet again is someone else who answered the same: nobody learns
    # whether an identical response exists (no membership oracle)
    twin = await client.post(url, json={"answers": answers})
    assert twin.status_code == 201
    assert twin.json()["response_id"] != anonymous.json()["response_id"]
    # skip logic: "needs_other" is dropped unless "other" is selected; bad codes are refused
    r = await client.post(
        url, json={"answers": {**answers, "gender": "male", "country_of_residence": "ZZ"}}
    )
    assert r.status_code == 422
    assert [e["loc"] for e in r.json()["errors"]] == [["body", "answers", "country_of_residence"]]
    # no consent, nothing stored
    assert (await client.post(url, json={"answers": {"consent": "no"}})).status_code == 422
    # linking needs a signed-in respondent
    assert (
        await client.post(url, json={"answers": answers, "link_to_profile": True})
    ).status_code == 422

    me, friend, stranger = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    linked = await client.post(
        url,
        json={
            "answers": {**answers, "gender": "male", "needs": ["other"], "needs_other": "x"},
            "link_to_profile": True,
            "recipients": [str(friend)],
            "referral_code": code,
        },
        headers=issuer.headers(me, MEMBER),
    )
    assert linked.status_code == 201, linked.text
    rid = linked.json()["response_id"]
    # its address, read below by its respondent (each read is in the access log)
    assert linked.headers["Location"] == f"/v1/mapping/responses/{rid}"
    again = await client.post(
        url,
        json={"answers": {**answers, "gender": "other"}, "link_to_profile": True},
        headers=issuer.headers(me, MEMBER),
    )
    assert again.status_code == 409  # one linked response per person and campaign
    r = await client.post(
        url, json={"answers": {**answers, "gender": "other"}, "referral_code": "NOPE"}
    )
    assert r.status_code == 422

    mine = (
        await client.get("/v1/mapping/responses/mine", headers=issuer.headers(me, MEMBER))
    ).json()
    assert [i["id"] for i in mine["items"]] == [rid]
    own = await client.get(f"/v1/mapping/responses/{rid}", headers=issuer.headers(me, MEMBER))
    assert own.status_code == 200 and own.json()["answers"]["needs_other"] == "x"
    assert (
        await client.get(f"/v1/mapping/responses/{rid}", headers=issuer.headers(friend, MEMBER))
    ).status_code == 200
    # not even the campaign owner or a platform admin reads an individual response
    for who, roles in ((stranger, MEMBER), (c_owner := uuid.uuid4(), FOCAL), (uuid.uuid4(), ADMIN)):
        assert (
            await client.get(f"/v1/mapping/responses/{rid}", headers=issuer.headers(who, roles))
        ).status_code == 404
    del c_owner
    async with profiles_service.chassis.engine.connect() as conn:
        log = (
            await conn.execute(
                select(access_log.c.accessor_account_id, access_log.c.allowed)
                .where(
                    access_log.c.response_id == uuid.UUID(rid),
                    access_log.c.action == "read_response",
                )
                .order_by(access_log.c.at)
            )
        ).all()
    assert [(a, ok) for a, ok in log[:3]] == [(me, True), (friend, True), (stranger, False)]
    assert len(log) == 5
    # the launch event carries no personal data
    launched = await outbox(profiles_service, "profiles.mapping_campaign.launched", c["id"])
    assert launched and launched[0]["origin_country"] == "HT"


async def test_closing_a_campaign_stops_responses(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    profiles_service: ProfilesService,
) -> None:
    client, issuer = mapping_app
    owner = uuid.uuid4()
    h = issuer.headers(owner, FOCAL)
    survey = await upload_template(client, h, f"close-{uuid.uuid4().hex[:6]}")
    c = await launch(client, h, survey["id"])
    assert (
        await client.post(
            f"/v1/mapping/campaigns/{c['id']}/close", headers=issuer.headers(uuid.uuid4(), FOCAL)
        )
    ).status_code == 404
    r = await client.post(f"/v1/mapping/campaigns/{c['id']}/close", headers=h)
    assert r.status_code == 200 and r.json()["status"] == "closed"
    r = await client.post(
        f"/v1/mapping/campaigns/{c['id']}/responses", json={"answers": {"consent": "yes"}}
    )
    assert r.status_code == 409
    closed = await outbox(profiles_service, "profiles.mapping_campaign.closed", c["id"])
    assert closed[0]["responses"] == 0
    # an organisation cannot open a government campaign
    r = await client.post(
        "/v1/mapping/campaigns",
        json={
            "survey_id": survey["id"],
            "name": "x",
            "owner_kind": "government",
            "origin_country": "HT",
            "opens_on": "2026-01-01",
            "closes_on": "2026-02-01",
        },
        headers=issuer.headers(owner, ("organisation_admin",)),
    )
    assert r.status_code == 403
    r = await client.post(
        "/v1/mapping/campaigns",
        json={
            "survey_id": survey["id"],
            "name": "x",
            "owner_kind": "organisation",
            "origin_country": "XX",
            "opens_on": "2026-01-01",
            "closes_on": "2026-02-01",
        },
        headers=h,
    )
    assert r.status_code == 422


async def test_a_focal_point_lists_the_campaigns_they_run_with_their_protection(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
) -> None:
    """Open and closed, newest first, each with the k it is published with; nobody else's,
    never a count; a member without a campaign role is refused."""
    client, issuer = mapping_app
    owner = uuid.uuid4()
    h = issuer.headers(owner, FOCAL)
    survey = await upload_template(client, h, f"mine-{uuid.uuid4().hex[:6]}")
    first = await launch(client, h, survey["id"])
    second = await launch(client, h, survey["id"], k=15)
    await client.post(f"/v1/mapping/campaigns/{first['id']}/close", headers=h)
    await launch(client, issuer.headers(uuid.uuid4(), FOCAL), survey["id"])
    r = await client.get("/v1/mapping/campaigns/mine", headers=h)
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [(c["id"], c["status"], c["k"]) for c in items] == [
        (second["id"], "open", 15),
        (first["id"], "closed", 10),
    ]
    assert all("responses" not in c for c in items)
    r = await client.get("/v1/mapping/campaigns/mine", headers=issuer.headers(owner, MEMBER))
    assert r.status_code == 403


async def test_anyone_finds_the_campaigns_open_today(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    profiles_service: ProfilesService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A person finds a survey to answer without being sent its link: the campaigns open on
    the service's today, soonest to close first, by origin; public facts only, no count."""
    client, issuer = mapping_app
    h = issuer.headers(uuid.uuid4(), FOCAL)
    survey = await upload_template(client, h, f"find-{uuid.uuid4().hex[:6]}")
    tuvalu = {"origin_country": "TV"}
    later = await launch(client, h, survey["id"], **tuvalu, closes_on="2026-06-30")
    sooner = await launch(client, h, survey["id"], **tuvalu, closes_on="2026-04-30")
    await launch(client, h, survey["id"], **tuvalu, opens_on="2026-05-01")  # not open yet
    await launch(client, h, survey["id"], **tuvalu, closes_on="2026-03-31")  # over
    closed = await launch(client, h, survey["id"], **tuvalu)
    assert (await client.post(f"/v1/mapping/campaigns/{closed['id']}/close", headers=h)).is_success
    await launch(client, h, survey["id"], origin_country="FJ")  # another origin

    monkeypatch.setattr(
        profiles_service.chassis, "clock", FixedClock(datetime(2026, 4, 15, 12, tzinfo=UTC))
    )
    r = await client.get("/v1/mapping/campaigns", params={"origin": "tv"})  # anonymous
    assert r.status_code == 200, r.text
    found = r.json()["items"]
    assert [c["id"] for c in found] == [sooner["id"], later["id"]]
    assert all(c["origin_country"] == "TV" and c["status"] == "open" for c in found)
    assert not {"k", "responses"} & set().union(*found), "public facts only"
    assert (await client.get("/v1/mapping/campaigns", params={"origin": "XX"})).status_code == 422
    limited = await client.get("/v1/mapping/campaigns", params={"origin": "TV", "limit": 1})
    assert [c["id"] for c in limited.json()["items"]] == [sooner["id"]]


async def test_the_profiles_app_serves_the_mapping_routes(client: httpx.AsyncClient) -> None:
    """Wired in bootstrap: the real profiles app (its own token verifier) answers /v1/mapping."""
    r = await client.get("/v1/mapping/template.xlsx")
    assert r.status_code == 200 and r.headers["content-type"] == mapping.XLSX
    r = await client.get(f"/v1/mapping/campaigns/{uuid.uuid4()}/tables?dimensions=gender")
    assert r.status_code == 401


async def test_admins_of_a_coordinating_organisation_see_aggregates_by_verified_membership(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    campaign: dict[str, Any],
    profiles_service: ProfilesService,
) -> None:
    """No token claim needed: the organisations module's admin membership is read."""
    from sqlalchemy import text

    client, issuer = mapping_app
    admin, member = uuid.uuid4(), uuid.uuid4()
    async with profiles_service.chassis.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO profiles.organisations (id, name, sort_name, kind, country, document,"
                " created_by, version, created_at, updated_at) VALUES (:id, 'Consulate', "
                "'consulate', 'consulate', 'US', to_tsvector('simple', ''), :by, 1, now(), now())"
            ),
            {"id": campaign["coordinator_org"], "by": admin},
        )
        for person, role in ((admin, "admin"), (member, "member")):
            await conn.execute(
                text(
                    "INSERT INTO profiles.organisation_members (organisation_id, person_id, role,"
                    " joined_at) VALUES (:org, :person, :role, now())"
                ),
                {"org": campaign["coordinator_org"], "person": person, "role": role},
            )
    url = f"/v1/mapping/campaigns/{campaign['id']}/tables?dimensions=gender"
    ok = await client.get(url, headers=issuer.headers(admin, ("organisation_admin",)))
    assert ok.status_code == 200, ok.text
    no = await client.get(url, headers=issuer.headers(member, ("organisation_admin",)))
    assert no.status_code == 404


# ---- revocation ----------------------------------------------------------------------------

ANSWERS = {
    "consent": "yes",
    "gender": "female",
    "country_of_origin": "HT",
    "country_of_residence": "CA",
}


async def test_a_respondent_withdraws_or_unlinks_a_linked_response_and_aggregates_follow(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    profiles_service: ProfilesService,
) -> None:
    client, issuer = mapping_app
    owner_h = issuer.headers(uuid.uuid4(), FOCAL)
    survey = await upload_template(client, owner_h, f"revoke-{uuid.uuid4().hex[:6]}")
    c = await launch(client, owner_h, survey["id"])
    url = f"/v1/mapping/campaigns/{c['id']}/responses"
    people = [uuid.uuid4() for _ in range(12)]
    ids = []
    for i, person in enumerate(people):
        r = await client.post(
            url,
            json={
                "answers": {**ANSWERS, "birth_year": 1960 + i},
                "link_to_profile": True,
            },
            headers=issuer.headers(person, MEMBER),
        )
        assert r.status_code == 201, r.text
        ids.append(r.json()["response_id"])
    anonymous = await client.post(url, json={"answers": {**ANSWERS, "birth_year": 1999}})
    assert anonymous.status_code == 201

    async def total() -> int:
        r = await client.get(
            f"/v1/mapping/campaigns/{c['id']}/tables?dimensions=gender", headers=owner_h
        )
        assert r.status_code == 200, r.text
        (grand,) = [c["count"] for c in r.json()["cells"] if c["gender"] == "total"]
        return int(grand)

    async def stored() -> int:
        async with profiles_service.chassis.engine.connect() as conn:
            n = await conn.scalar(
                select(func.count()).where(responses.c.campaign_id == uuid.UUID(c["id"]))
            )
        return int(n or 0)

    published = await total()
    assert abs(published - 13) <= 3 and await stored() == 13
    me, other = people[0], people[1]
    me_h = issuer.headers(me, MEMBER)
    # nobody else withdraws my response, not even the campaign owner or an admin
    for h in (issuer.headers(other, MEMBER), owner_h, issuer.headers(uuid.uuid4(), ADMIN)):
        assert (
            await client.delete(f"/v1/mapping/responses/{ids[0]}", headers=h)
        ).status_code == 404
    # an anonymous response is nobody's to withdraw
    anon_id = anonymous.json()["response_id"]
    assert (
        await client.delete(f"/v1/mapping/responses/{anon_id}", headers=me_h)
    ).status_code == 404

    r = await client.delete(f"/v1/mapping/responses/{ids[0]}", headers=me_h)
    assert r.status_code == 204
    # gone from the data; the published count does not move for one respondent (reading the
    # table before and after a withdrawal tells nobody who left, or that anyone did)
    assert await stored() == 12 and await total() == published
    assert (await client.get(f"/v1/mapping/responses/{ids[0]}", headers=me_h)).status_code == 404
    assert (await client.delete(f"/v1/mapping/responses/{ids[0]}", headers=me_h)).status_code == 404
    async with profiles_service.chassis.engine.connect() as conn:
        assert (
            await conn.scalar(select(func.count()).where(responses.c.id == uuid.UUID(ids[0])))
        ) == 0
    # withdrawing publishes nothing: no consumer holds per-response data
    assert not await outbox(
        profiles_service, "profiles.mapping_campaign.response_withdrawn", c["id"]
    )

    # unlinking: the response stays counted but is nobody's any more
    other_h = issuer.headers(other, MEMBER)
    assert (await client.get(f"/v1/mapping/responses/{ids[1]}", headers=other_h)).status_code == 200
    assert (
        await client.post(f"/v1/mapping/responses/{ids[1]}/unlink", headers=me_h)
    ).status_code == 404
    r = await client.post(f"/v1/mapping/responses/{ids[1]}/unlink", headers=other_h)
    assert r.status_code == 204
    assert await stored() == 12 and await total() == published
    async with profiles_service.chassis.engine.connect() as conn:
        row = (
            await conn.execute(
                select(responses.c.respondent_account_id, responses.c.recipients).where(
                    responses.c.id == uuid.UUID(ids[1])
                )
            )
        ).one()
        assert row.respondent_account_id is None and row.recipients == []
        # the access log no longer links the former respondent's reads to the response
        linked_reads = await conn.scalar(
            select(func.count()).where(access_log.c.response_id == uuid.UUID(ids[1]))
        )
        assert linked_reads == 0
    # nobody reads, withdraws or lists it any more (a read attempt is logged like any other)
    assert (await client.get(f"/v1/mapping/responses/{ids[1]}", headers=other_h)).status_code == 404
    assert (
        await client.delete(f"/v1/mapping/responses/{ids[1]}", headers=other_h)
    ).status_code == 404
    mine = (await client.get("/v1/mapping/responses/mine", headers=other_h)).json()
    assert mine["items"] == []
    assert await stored() == 12


# ---- promises kept ---------------------------------------------------------------------------


async def test_no_campaign_goes_below_the_floor_or_switches_perturbation_off(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
) -> None:
    client, issuer = mapping_app
    h = issuer.headers(uuid.uuid4(), FOCAL)
    survey = await upload_template(client, h, f"floor-{uuid.uuid4().hex[:6]}")
    low = await client.post(
        "/v1/mapping/campaigns",
        json={
            "survey_id": survey["id"],
            "name": "x",
            "owner_kind": "government",
            "origin_country": "HT",
            "opens_on": "2026-01-01",
            "closes_on": "2026-12-31",
            "k": 5,
        },
        headers=h,
    )
    assert low.status_code == 422 and "at least 10" in low.json()["detail"]
    for switch_off in ({"rounding_base": 0}, {"perturbation": False}):
        r = await client.post(
            "/v1/mapping/campaigns",
            json={
                "survey_id": survey["id"],
                "name": "x",
                "owner_kind": "government",
                "origin_country": "HT",
                "opens_on": "2026-01-01",
                "closes_on": "2026-12-31",
                **switch_off,
            },
            headers=h,
        )
        assert r.status_code == 422, r.text
    default = await launch(client, h, survey["id"])
    assert default["k"] == 10
    stricter = await launch(client, h, survey["id"], k=15)
    assert stricter["k"] == 15


async def test_respondents_read_the_campaigns_actual_protection_in_their_language(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
) -> None:
    """The consent question promises what the statistics do: this campaign's k (15, not the
    template's 10), in each of the form's languages and in Arabic."""
    client, issuer = mapping_app
    h = issuer.headers(uuid.uuid4(), FOCAL)
    survey = await upload_template(client, h, f"promise-{uuid.uuid4().hex[:6]}")
    c = await launch(client, h, survey["id"], k=15)
    r = await client.get(f"/v1/mapping/campaigns/{c['id']}/questionnaire")
    assert r.status_code == 200, r.text
    doc = r.json()
    protection = doc["protection"]
    assert protection["k"] == 15 and protection["method"] == "cell_key"
    assert set(protection["promise"]) >= {"en", "fr", "es", "ar"}
    assert all("15" in text and "10" not in text for text in protection["promise"].values())
    (consent,) = [q for q in doc["survey"]["questions"] if q["name"] == "consent"]
    assert set(consent["labels"]) >= {"en", "fr", "es", "ar"}
    for language, label in consent["labels"].items():
        assert "15" in label and "10" not in label, (language, label)
    assert "Acceptez-vous" in consent["labels"]["fr"]
    assert "k" not in doc["campaign"]  # the promise says it in words


async def test_the_campaign_shows_its_published_total_never_the_exact_count(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
    campaign: dict[str, Any],
) -> None:
    client, _ = mapping_app
    r = await client.get(f"/v1/mapping/campaigns/{campaign['id']}", headers=campaign["headers"])
    assert r.status_code == 200, r.text
    shown = r.json()["responses"]
    assert shown is not None and abs(shown - 404) <= 3
    table = await client.get(
        f"/v1/mapping/campaigns/{campaign['id']}/tables",
        params={"dimensions": "gender"},
        headers=campaign["headers"],
    )
    (grand,) = [c["count"] for c in table.json()["cells"] if c["gender"] == "total"]
    assert shown == grand  # the same cell wherever it is shown


def standard_form() -> bytes:
    """A plain Kobo/XLSForm form, as an organisation already has one: no ``dimension`` column."""
    from openpyxl import Workbook

    wb = Workbook()
    survey = wb.active
    assert survey is not None
    survey.title = "survey"
    for row in [
        ["type", "name", "label"],
        ["select_one yes_no", "consent", "Do you agree?"],
        ["select_one sex", "sex", "Sex"],
        ["integer", "year_of_birth", "Year of birth"],
        ["select_one country", "country_of_birth", "Country of birth"],
        ["select_one country", "residence_country", "Where do you live?"],
        ["text", "comments", "Anything else?"],
        ["note", "thanks", "Thank you"],
    ]:
        survey.append(row)
    choices = wb.create_sheet("choices")
    for row in [
        ["list_name", "name", "label"],
        ["yes_no", "yes", "Yes"],
        ["yes_no", "no", "No"],
        ["sex", "female", "Female"],
        ["sex", "male", "Male"],
        *(["country", code, code] for code in ("HT", "US", "CA", "FR")),
    ]:
        choices.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


async def test_a_standard_form_is_mapped_explicitly_before_it_feeds_statistics(
    mapping_app: tuple[httpx.AsyncClient, TokenIssuer],
) -> None:
    """Issue #26: a form without the platform's ``dimension`` column imports, says that none
    of its questions feeds a statistic (and what each looks like), cannot open a campaign
    until someone maps it, and once mapped its Kobo submissions make tables."""
    client, issuer = mapping_app
    h = issuer.headers(uuid.uuid4(), FOCAL)
    r = await client.post(
        f"/v1/mapping/surveys/xlsform?key=plain-{uuid.uuid4().hex[:6]}",
        content=standard_form(),
        headers={**h, "Content-Type": mapping.XLSX},
    )
    assert r.status_code == 201, r.text
    plain = r.json()
    report = plain["statistics"]
    assert report["feeds"] == {}
    assert report["feeds_no_statistic"] == [
        "consent", "sex", "year_of_birth", "country_of_birth", "residence_country", "comments"
    ]  # fmt: skip
    assert "gender" in report["dimensions_not_fed"] and "age_band" in report["dimensions_not_fed"]
    suggested = {
        "sex": "gender",
        "year_of_birth": "birth_year",
        "country_of_birth": "origin",
        "residence_country": "residence",
    }
    assert report["suggestions"] == suggested

    # nothing collected silently for no statistic: no campaign on the unmapped form
    body = {"survey_id": plain["id"], "name": "Plain form", "owner_kind": "government",
            "origin_country": "HT", "opens_on": "2026-01-01", "closes_on": "2026-12-31",
            "channels": ["kobo"]}  # fmt: skip
    r = await client.post("/v1/mapping/campaigns", json=body, headers=h)
    assert r.status_code == 422 and "feeds no statistic" in r.json()["detail"], r.text

    # a mapping that cannot work is refused with every problem named
    url = f"/v1/mapping/surveys/{plain['id']}/dimensions"
    bad = {"ghost": "origin", "comments": "gender", "sex": "planet", "thanks": "education"}
    r = await client.post(url, json={"dimensions": bad}, headers=h)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    for problem in ("'ghost' is not a question", "'thanks' is not a question",
                    "'comments' cannot feed 'gender'", "unknown dimension 'planet'"):  # fmt: skip
        assert problem in detail, detail
    twice = {"country_of_birth": "origin", "residence_country": "origin"}
    r = await client.post(url, json={"dimensions": twice}, headers=h)
    assert r.status_code == 422 and "takes one value per respondent" in r.json()["detail"]
    member = issuer.headers(uuid.uuid4(), MEMBER)
    r = await client.post(url, json={"dimensions": suggested}, headers=member)
    assert r.status_code == 403

    # the mapping step: a new version of the questionnaire, the report says what feeds what
    r = await client.post(url, json={"dimensions": suggested}, headers=h)
    assert r.status_code == 201, r.text
    mapped = r.json()
    assert mapped["key"] == plain["key"] and mapped["version"] == plain["version"] + 1
    assert mapped["statistics"]["feeds"] == suggested
    assert mapped["statistics"]["feeds_no_statistic"] == ["consent", "comments"]
    assert mapped["statistics"]["suggestions"] == {}

    c = await launch(client, h, mapped["id"])
    rng = random.Random(26)
    results = [
        {
            "_uuid": str(uuid.UUID(int=rng.getrandbits(128))),
            "_submission_time": "2026-03-10T10:00:00",
            "consent": "yes",
            "sex": rng.choice(["female", "male"]),
            "year_of_birth": str(rng.randint(1960, 2000)),
            "country_of_birth": "HT",
            "residence_country": rng.choice(["US", "CA", "FR"]),
            "comments": "",
        }
        for _ in range(60)
    ]
    r = await client.post(
        f"/v1/mapping/campaigns/{c['id']}/imports?format=kobo_json",
        content=json.dumps({"results": results}),
        headers=h,
    )
    assert r.status_code == 200 and r.json()["accepted"] == 60, r.text
    r = await client.get(
        f"/v1/mapping/campaigns/{c['id']}/tables",
        params={"dimensions": "gender,residence"},
        headers=h,
    )
    assert r.status_code == 200, r.text
    cells = {(x["gender"], x["residence"]): x["count"] for x in r.json()["cells"]}
    assert cells[("total", "total")] is not None and abs(cells[("total", "total")] - 60) <= 3
    assert cells[("female", "total")] is not None and cells[("male", "total")] is not None
