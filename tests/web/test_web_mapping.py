"""The government focal point's console in a real browser, against the real platform: a
campaign opened from the form (bad input kept and explained beside its field), its
protection shown as the API enforces it, a KoboToolbox export imported (result summary with
each rejected row's reason; the same export again adds nothing, with the progress bar when
scripts run), the table builder (withheld cells marked and explained, never a count under k,
the API's chart inline with a text alternative, the released table as the API's CSV), sector
needs declared, corrected and withdrawn beside the supply; members without the role never
see it; Arabic, right to left, on a phone. Core forms with JavaScript off."""

from __future__ import annotations

import json
import random
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, Page, expect
from web_stack import World, unique, verified_member

from devstack.system import Platform

K = 10


def kobo_export(folder: Path, respondents: int) -> Path:
    """A KoboToolbox JSON export of today's submissions, plus one without consent and one
    without a submission id (rejected, each with its reason)."""
    rng = random.Random(28)
    today = datetime.now(UTC).date().isoformat()
    records: list[dict[str, Any]] = []
    for n in range(respondents):
        records.append(
            {
                "_id": n,
                "_uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                "_submission_time": f"{today}T00:00:01",
                "consent": "yes",
                "about_you/gender": rng.choice(["female", "male"]),
                "about_you/birth_year": str(rng.randint(1950, 2000)),
                "about_you/country_of_origin": "HT",
                "about_you/country_of_residence": rng.choice(["US", "CA", "FR"]),
                # a few in agriculture: a column of cells under k
                "education_work/sectors": "A" if n < 4 else rng.choice(["Q", "P", "Q C"]),
                "education_work/skills": rng.choice(["S1", "S3", "S1 S4"]),
            }
        )
    refused = {**records[0], "_uuid": str(uuid.uuid4()), "consent": "no"}
    nameless = {k: v for k, v in records[1].items() if k != "_uuid"}
    path = folder / "kobo-export.json"
    path.write_text(json.dumps([*records, refused, nameless]))
    return path


def shown_counts(page: Page) -> list[int]:
    """Every plain number the built table shows."""
    cells = page.locator("#built-table tbody td").all_inner_texts()
    return [int(text) for text in (c.strip() for c in cells) if text.isdigit()]


def test_a_focal_point_runs_a_campaign_and_reads_its_protected_statistics(
    site: Platform, world: World, chromium: Browser, tmp_path: Path
) -> None:
    name = f"Diaspora skills {unique('Carte')}"
    export = kobo_export(tmp_path, 60)

    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, world.staff_email)
        page.get_by_role("link", name="Diaspora mapping", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Diaspora mapping")
        audit.axe(page, "/mapping")

        # an XLSForm of one's own (here the platform's template), then the mapping step
        page.get_by_role("link", name="Upload your own questionnaire (XLSForm)").click()
        page.get_by_role("button", name="Upload").click()
        expect(page.locator("#e-workbook")).to_contain_text("Choose the XLSForm workbook")
        workbook = tmp_path / "diaspora-survey.xlsx"
        workbook.write_bytes(world.api.call("GET", "/v1/mapping/template.xlsx", expect=200).content)
        page.get_by_label("XLSForm workbook").set_input_files(str(workbook))
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_role("status")).to_contain_text("Map its questions below")
        expect(page.get_by_label("Gender", exact=True)).to_have_value("gender")
        audit.axe(page, "/mapping/questionnaires/{id}")
        page.get_by_role("button", name="Save the mapping").click()
        expect(page.get_by_role("status")).to_contain_text("new version of the questionnaire")

        # a campaign from the form: bad input is kept and explained beside its field
        page.get_by_role("link", name="Open a campaign with this questionnaire").click()
        expect(page.locator("main")).to_contain_text("(uploaded and mapped)")
        page.get_by_label("Country of origin of the diaspora").select_option("HT")
        page.get_by_label("Closes on").fill("2020-01-01")
        page.get_by_role("button", name="Open the campaign").click()
        expect(page.get_by_role("alert")).to_contain_text("This field is required")
        expect(page.get_by_label("Name of the campaign")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#e-closes_on")).to_contain_text("close on or after")
        expect(page.get_by_label("Country of origin of the diaspora")).to_have_value("HT")
        audit.axe(page, "/mapping/new (errors)")
        page.get_by_label("Name of the campaign").fill(name)
        page.get_by_label("Closes on").fill("2099-12-31")
        page.get_by_label("Smallest count shown (k)").fill("5")
        page.get_by_role("button", name="Open the campaign").click()
        expect(page.locator("#e-k")).to_contain_text("below its floor")
        expect(page.get_by_label("Name of the campaign")).to_have_value(name)
        page.get_by_label("Smallest count shown (k)").fill("")
        page.get_by_role("button", name="Open the campaign").click()
        expect(page.get_by_role("status")).to_contain_text("The campaign is open")
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        campaign_url = page.url.split("?")[0]
        campaign_id = campaign_url.rsplit("/", 1)[1]
        # the protection as the API enforces it: the platform's floor, perturbation always on
        expect(page.locator("#protection-h + ul")).to_contain_text(f"No count below {K} people")
        expect(page.locator("#campaign-responses")).to_have_text(f"fewer than {K}")
        audit.axe(page, "/mapping/{id}")

        # a KoboToolbox export: accepted, and each rejected row with its reason
        page.get_by_label("Export file (JSON or CSV)").set_input_files(str(export))
        page.get_by_role("button", name="Import").click()
        result = page.locator("#import-result")
        expect(result).to_contain_text("60 submissions accepted")
        expect(result).to_contain_text("2 rejected")
        rejected = page.get_by_role("table", name="Rejected submissions")
        expect(rejected).to_contain_text("The respondent did not consent.")
        expect(rejected).to_contain_text("No submission id")
        audit.axe(page, "/mapping/{id} (import result)")
        screenshot(page, "mapping-campaign-desktop")
        # no file: the message beside the field
        page.get_by_role("button", name="Import").click()
        expect(page.locator("#e-export")).to_contain_text("Choose the export file")

        # the table builder: gender x sector
        page.get_by_role("link", name="Table builder").click()
        page.get_by_label("Rows").select_option("gender")
        page.get_by_label("Columns (optional)").select_option("sector")
        page.get_by_role("button", name="Build the table").click()
        table = page.locator("#built-table")
        expect(table).to_be_visible()
        expect(table).to_contain_text(re.compile("[Hh]ealth"))  # sectors in words, not ISIC letters
        counts = shown_counts(page)
        assert counts and all(c >= K for c in counts), counts  # never a count under k
        expect(page.locator("#built-table .protected").first).to_contain_text(f"under {K}")
        expect(page.locator("#protection-legend")).to_contain_text("never shown")
        audit.axe(page, "/mapping/{id}/tables")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download this table (CSV)").click()
        csv_text = Path(download.value.path()).read_text()
        assert csv_text.startswith("gender,sector,count,below_k,share\n#indicator+gender")
        # a filter that isolates too few people: explained, the form kept
        page.get_by_label("Filter 1: dimension").select_option("residence")
        page.get_by_label("Filter 1: value").fill("BE")
        page.get_by_role("button", name="Build the table").click()
        expect(page.get_by_role("alert")).to_contain_text("too few respondents")
        expect(page.get_by_label("Filter 1: value")).to_have_value("BE")

        # sector needs: declare (refused without positions), correct, withdraw
        page.get_by_role("link", name="Supply and needs").click()
        page.get_by_label("Sector").select_option("Q")
        page.get_by_role("button", name="Declare the need").click()
        expect(page.locator("#e-positions")).to_contain_text("This field is required")
        expect(page.get_by_label("Sector")).to_have_value("Q")
        page.get_by_label("Skill (optional)").select_option("S3")
        page.get_by_label("Positions needed").fill("12")
        page.get_by_label("Priority").select_option("5")
        page.get_by_role("button", name="Declare the need").click()
        expect(page.get_by_role("status")).to_contain_text("The need is declared")
        expect(page.locator("#gaps-table")).to_contain_text("12")
        expect(page.get_by_role("img", name=re.compile("Supply versus needs"))).to_be_visible()
        audit.axe(page, "/mapping/{id}/needs")
        screenshot(page, "mapping-needs-desktop")
        page.locator("#needs-table").get_by_role("link", name=re.compile("Correct")).click()
        page.get_by_label("Positions needed").fill("20")
        page.get_by_role("button", name="Save the correction").click()
        expect(page.get_by_role("status")).to_contain_text("The need is corrected")
        expect(page.locator("#needs-table")).to_contain_text("20")
        page.locator("#needs-table").get_by_role("link", name=re.compile("Correct")).click()
        audit.axe(page, "/mapping/{id}/needs/{need}")
        page.get_by_role("button", name="Withdraw the need").click()
        expect(page.get_by_role("status")).to_contain_text("The need is withdrawn")
        expect(page.locator("#needs-table")).to_have_count(0)

        audit.assert_clean()

    # with scripts: the chart inline, the import's progress bar, then the same summary
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, world.staff_email)
        page.goto(f"/mapping/{campaign_id}/tables?rows=age_band&columns=gender")
        chart = page.get_by_role("img", name=re.compile("Population pyramid"))
        expect(chart).to_be_visible()
        assert page.evaluate("img => img.naturalWidth", chart.element_handle()) > 0
        audit.axe(page, "/mapping/{id}/tables (chart)")
        screenshot(page, "mapping-tables-desktop")
        # the same export again, sent with a progress bar: nothing added twice
        page.goto(f"/mapping/{campaign_id}")
        page.get_by_label("Export file (JSON or CSV)").set_input_files(str(export))
        page.get_by_role("button", name="Import").click()
        expect(page.locator("#import-result")).to_contain_text("60 already imported before")
        expect(page.locator("#import-result")).to_contain_text("0 submissions accepted")
        # closing
        page.get_by_role("button", name="Close the campaign").click()
        expect(page.get_by_role("status")).to_contain_text("The campaign is closed")
        expect(page.locator("#campaign-status")).to_have_text("Closed")
        page.goto("/mapping")
        expect(page.get_by_role("link", name=name)).to_be_visible()
        audit.axe(page, "/mapping (a campaign)")
        screenshot(page, "mapping-campaigns-desktop")
        audit.assert_clean()

    # a member without the role: no menu item, and the console refuses
    _, member_email, _ = verified_member(world.api, world.mail, "Plain Member")
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, member_email)
        expect(page.get_by_role("link", name="Diaspora mapping", exact=True)).to_have_count(0)
        response = page.goto("/mapping")
        assert response is not None and response.status == 403
        response = page.goto(f"/mapping/{campaign_id}/tables?rows=gender")
        assert response is not None and response.status == 403

    # Arabic, right to left, on a phone
    with browsing(chromium, site.gateway_url, viewport=PHONE) as (page, audit):
        sign_in(page, world.staff_email)
        tables = f"/mapping/{campaign_id}/tables%3Frows%3Dgender%26columns%3Dsector"
        page.goto(f"/language/ar?next={tables}")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("#built-table")).to_be_visible()
        assert page_fits_width(page)
        audit.axe(page, "/mapping/{id}/tables (ar, phone)")
        screenshot(page, "mapping-tables-ar-phone")
        page.goto("/mapping")
        assert page_fits_width(page)
        audit.axe(page, "/mapping (ar, phone)")
        audit.assert_clean()
