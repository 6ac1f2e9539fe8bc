"""A new member's whole journey in a real browser, against the real platform: registers,
confirms the address from the email the SMTP sink caught, fills in a profile with a photo,
finds a person without typing accents, connects, messages (the reply arrives live), finds a
resource in French, joins a full event's waiting list and is promoted when someone cancels
(and sees it in the feed), answers a survey, exports their data (the emailed link lands on
the page) and erases the account. Every page: axe-core, no request to another origin."""

from __future__ import annotations

import io
import re
import secrets
import zipfile
from pathlib import Path

from browser import Audit, browsing, screenshot
from pictures import png
from playwright.sync_api import Browser, Page, expect
from web_stack import PASSWORD, World, full_event, unique

from devstack.system import Platform


def register(page: Page, audit: Audit, name: str, email: str) -> None:
    page.goto("/")
    audit.axe(page, "/")
    page.get_by_role("link", name="Join", exact=True).click()
    audit.axe(page)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/me/profile"))


def test_member_journey(site: Platform, world: World, chromium: Browser) -> None:
    api, mail = world.api, world.mail
    email = f"{unique('journey')}@example.org"
    name = unique("Amina")
    with browsing(chromium, site.gateway_url) as (page, audit):
        # register, then confirm the address from the email
        register(page, audit, name, email)
        expect(page.get_by_role("status")).to_contain_text("We sent you an email")
        link = mail.wait_link(email, "/verify?token=")
        page.goto(link)
        audit.axe(page, "/verify")
        page.get_by_role("button", name="Confirm my address").click()
        expect(page.get_by_role("status")).to_contain_text("Your email address is confirmed")

        # the profile: fields with their visibility, a photo with its preview
        audit.axe(page, "/me/profile")
        page.get_by_label("Country of origin or heritage").select_option("HT")
        page.get_by_label("Country of residence").select_option("FR")
        page.get_by_label("City", exact=True).fill("Lyon")
        page.locator("#f-lang_0").select_option("fr")
        page.get_by_label("communication, collaboration and creativity").check()
        page.get_by_label("Mentoring", exact=True).check()
        page.get_by_label("Show me opportunities that match my profile").check()
        page.get_by_role("button", name="Save my profile").click()
        expect(page.get_by_role("status")).to_contain_text("Your profile is saved")
        page.get_by_label("Choose a picture").set_input_files(
            {"name": "me.png", "mimeType": "image/png", "buffer": png()}
        )
        expect(page.locator("#photo-preview")).to_have_attribute("src", re.compile("^blob:"))
        page.get_by_role("button", name="Upload the photo").click()
        expect(page.get_by_role("status")).to_contain_text("Your photo is saved")
        expect(page.get_by_alt_text("Your photo")).to_be_visible()

        # find a person by an accent-free query, ask to connect with a note
        page.get_by_role("link", name="People", exact=True).click()
        page.get_by_label("Search by name, skill, occupation…").fill(world.findable["query"])
        page.get_by_role("button", name="Search").click()
        person = page.get_by_role("link", name=re.compile(world.findable["name"]))
        expect(person).to_be_visible()
        audit.axe(page, "/people")
        person.click()
        audit.axe(page, "/people/{id}")
        page.get_by_label("A short note to introduce yourself").fill("We met at the Lyon forum.")
        page.get_by_role("button", name="Ask to connect").click()
        expect(page.get_by_role("status")).to_contain_text("Your request is sent")

        # the other person accepts (their own client); then we write, and the reply arrives live
        findable = api.login(world.findable["email"])
        pending = api.call("GET", "/v1/connections", findable, expect=200).json()
        request = next(c for c in pending if c["status"] == "pending")
        api.call("POST", f"/v1/connections/{request['connection_id']}/accept", findable, expect=200)
        page.get_by_role("link", name="Connections", exact=True).click()
        audit.axe(page, "/connections")
        page.get_by_role("link", name="Write", exact=True).click()
        page.get_by_label("Your message").fill("Hello! Shall we talk about mentoring?")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("status")).to_contain_text("Your message is sent")
        audit.axe(page, "/messages/{id}")
        conversation = api.call("GET", "/v1/conversations", findable, expect=200).json()[0]
        api.call(
            "POST",
            f"/v1/conversations/{conversation['conversation_id']}/messages",
            findable,
            json={"body": "With pleasure, see you Tuesday."},
            expect=201,
        )
        expect(page.locator("#thread")).to_contain_text("see you Tuesday", timeout=45_000)

        # a resource in French: switch the language, search, open it
        page.get_by_role("link", name="Français", exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        page.get_by_role("link", name="Bibliothèque", exact=True).click()
        page.get_by_label("Chercher dans la bibliothèque").fill(
            world.french_resource["word"].lower()
        )
        page.get_by_role("button", name="Chercher").click()
        found = page.get_by_role("link", name=re.compile(world.french_resource["word"]))
        expect(found).to_be_visible()
        audit.axe(page, "/library")
        found.click()
        expect(page.locator("article")).to_have_attribute("lang", "fr")
        # its theme in the reader's words, from the shared vocabulary (not the code)
        expect(page.locator("main")).to_contain_text("Transferts de fonds")
        audit.axe(page, "/library/{id}")
        page.get_by_role("link", name="English", exact=True).click()

        # a full event (its own): waiting list, then promoted when the seat holder cancels
        event, (holder_email, _) = full_event(api, mail, api.login(world.staff_email))
        page.goto(f"/events/{event['id']}")
        audit.axe(page, "/events/{id}")
        page.get_by_role("button", name="Join the waiting list").click()
        expect(page.locator("#reg-status")).to_contain_text(
            re.compile(r"waiting list, position \d")
        )
        holder = api.login(holder_email)
        api.call("DELETE", f"/v1/events/{event['id']}/registrations/me", holder, expect=204)
        page.get_by_role("link", name="Notifications", exact=True).first.click()
        feed = page.locator("#feed")
        expect(feed).to_contain_text(event["title"], timeout=60_000)
        audit.axe(page, "/notifications")
        page.goto(f"/events/{event['id']}")
        expect(page.locator("#reg-status")).to_contain_text("You are registered")

        # a survey, in the person's language, with the protection shown
        page.goto(f"/surveys/{world.campaign['id']}")
        expect(page.get_by_role("heading", name="How your answers are protected")).to_be_visible()
        audit.axe(page, "/surveys/{id}")
        answer_survey(page)
        expect(page.get_by_role("status")).to_contain_text("Thank you for your answers")
        audit.axe(page, "/surveys")

        # export: progress, then the emailed link lands on the page and gives the archive
        page.get_by_role("link", name="Privacy centre", exact=True).click()
        audit.axe(page, "/privacy")
        page.get_by_role("button", name="Prepare my archive").click()
        expect(page.locator("#export-ready")).to_be_visible(timeout=90_000)
        audit.axe(page, "/privacy/exports/{id}")
        download_link = mail.wait_link(email, "/privacy/exports/")
        page.goto(download_link)
        with page.expect_download() as waiting:
            page.get_by_role("link", name="Download my archive (zip)").click()
        archive = zipfile.ZipFile(io.BytesIO(Path(waiting.value.path()).read_bytes()))
        assert "data.json" in archive.namelist()
        assert name in archive.read("data.json").decode()

        # erase: password confirmation, then the receipt shows every service confirming
        page.goto("/privacy/erase")
        audit.axe(page, "/privacy/erase")
        page.get_by_label("Your password, to confirm it is you").fill(PASSWORD)
        page.get_by_label("I understand that my account is erased for good.").check()
        page.get_by_role("button", name="Erase my account now").click()
        expect(page).to_have_url(re.compile(r"/privacy/erasures/"))
        expect(page.locator("#erasure-complete")).to_be_visible(timeout=90_000)
        audit.axe(page, "/privacy/erasures/{id}")
        screenshot(page, "journey-erasure-receipt")
        # the account is gone: signing in fails
        assert (
            api.call(
                "POST", "/v1/auth/login", json={"email": email, "password": PASSWORD}
            ).status_code
            == 401
        )
        audit.assert_clean()


def answer_survey(page: Page) -> None:
    """Answer every required question the questionnaire shows (first choice, or a value),
    and the optional choices and numbers at random: the platform refuses a second response
    identical to one already recorded, and each test's respondent is another person."""
    for fieldset in page.locator("form fieldset.field").all():
        if "(required)" in (fieldset.locator("legend").text_content() or ""):
            fieldset.locator("input").first.check()  # consent's first choice is yes
            continue
        choices = fieldset.locator("input[type=radio]").all()
        if choices:
            choices[secrets.randbelow(len(choices))].check()
    for select in page.locator("form select[required]").all():
        select.select_option(index=1)
    year = str(1940 + secrets.randbelow(60))
    for box in page.locator("form input:not([type=radio]):not([type=checkbox])").all():
        kind = box.get_attribute("type") or "text"
        if kind == "hidden" or not (kind == "number" or box.get_attribute("required")):
            continue
        box.fill({"number": year, "date": "2020-01-01"}.get(kind, unique("Words")))
    page.get_by_label(
        "Link my answers to my profile, so that I can see and withdraw them later."
    ).check()
    page.get_by_role("button", name="Send my answers").click()
