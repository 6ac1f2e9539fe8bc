"""The core forms with JavaScript off, in a real browser: register (a weak password keeps
what was typed and says what is wrong beside the field), sign out and in, save the profile,
search people, ask to connect, write a message, join an event, answer a survey, change the
notification settings, contribute a resource with a file the API refuses (the error beside
the file field). Every page: axe-core, no request to another origin."""

from __future__ import annotations

import re

from browser import browsing
from playwright.sync_api import Browser, expect
from web_stack import PASSWORD, World, unique

from devstack.system import Platform


def test_core_forms_work_without_javascript(
    site: Platform, world: World, chromium: Browser
) -> None:
    email = f"{unique('nojs')}@example.org"
    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        # registration: a weak password is refused beside its field, the rest is kept
        page.goto("/register")
        page.get_by_label("Your name").fill("Kofi Mensah")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill("short")
        page.get_by_role("button", name="Create my account").click()
        summary = page.locator("#error-summary")
        expect(summary).to_be_visible()
        expect(summary.get_by_role("link")).to_have_attribute("href", "#f-password")
        password = page.locator("#f-password")
        expect(password).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#e-password")).to_contain_text("at least 12 characters")
        expect(page.get_by_label("Your name")).to_have_value("Kofi Mensah")
        expect(page.get_by_label("Email address")).to_have_value(email)
        audit.axe(page, "/register (errors)")
        password.fill(PASSWORD)
        page.get_by_role("button", name="Create my account").click()
        expect(page).to_have_url(re.compile("/me/profile"))
        # confirm the address from the email (the directory is for confirmed people)
        page.goto(world.mail.wait_link(email, "/verify?token="))
        page.get_by_role("button", name="Confirm my address").click()
        expect(page.get_by_role("status")).to_contain_text("Your email address is confirmed")

        # sign out, and back in
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_role("status")).to_contain_text("You are signed out")
        page.goto("/signin")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill("not the password at all")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("#error-summary")).to_contain_text("not right")
        audit.axe(page, "/signin (errors)")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("status")).to_contain_text("You are signed in")

        # the profile
        page.get_by_label("Headline").fill("Civil engineer, bridges and roads")
        page.get_by_label("Country of origin or heritage").select_option("GH")
        page.get_by_label("communication, collaboration and creativity").check()
        page.get_by_role("button", name="Save my profile").click()
        expect(page.get_by_role("status")).to_contain_text("Your profile is saved")
        expect(page.get_by_label("Headline")).to_have_value("Civil engineer, bridges and roads")

        # search people without typing accents, and ask to connect
        page.goto(f"/people?q={world.findable['query']}")
        page.get_by_role("link", name=re.compile(world.findable["name"])).click()
        page.get_by_label("A short note to introduce yourself").fill("Hello from Accra.")
        page.get_by_role("button", name="Ask to connect").click()
        expect(page.get_by_role("status")).to_contain_text("Your request is sent")

        # an event: register (the waiting list, it is full), then cancel
        event = world.full_event
        page.goto(f"/events/{event['id']}")
        page.get_by_role("button", name=re.compile("Join the waiting list|Register")).click()
        expect(page.locator("#reg-status")).to_be_visible()
        page.get_by_role("button", name="Cancel my registration").click()
        expect(page.get_by_role("status")).to_contain_text("Your registration is cancelled")

        # a survey: a missing answer is said beside its question; then answered
        page.goto(f"/surveys/{world.campaign['id']}")
        page.get_by_role("button", name="Send my answers").click()
        expect(page.locator("#error-summary")).to_be_visible()
        audit.axe(page, "/surveys/{id} (errors)")
        from test_web_journey import answer_survey

        answer_survey(page)
        expect(page.get_by_role("status")).to_contain_text("Thank you for your answers")

        # notification settings
        page.goto("/notifications/preferences")
        page.get_by_label("My time zone").select_option("Africa/Accra")
        page.get_by_role("button", name="Save my settings").click()
        expect(page.get_by_role("status")).to_contain_text("Your settings are saved")
        expect(page.get_by_label("My time zone")).to_have_value("Africa/Accra")

        # contribute: a file type the API refuses is said beside the file field
        page.goto("/library/contribute")
        page.get_by_label(re.compile(r"^Type\b")).select_option("toolkit")
        page.get_by_label("Title").fill("Roads toolkit")
        page.get_by_label("File").set_input_files(
            {
                "name": "tool.exe",
                "mimeType": "application/octet-stream",
                "buffer": b"MZ\x90\x00" * 64,
            }
        )
        page.get_by_role("button", name="Send for review").click()
        expect(page.locator("#e-file")).to_contain_text("not accepted")
        expect(page.get_by_label("Title")).to_have_value("Roads toolkit")
        audit.axe(page, "/library/contribute (errors)")
        page.get_by_label("File").set_input_files(
            {
                "name": "tool.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
            }
        )
        page.get_by_role("button", name="Send for review").click()
        expect(page.get_by_role("status")).to_contain_text("sent for review")
        expect(page.get_by_role("cell", name="Waiting for review")).to_be_visible()
        audit.axe(page, "/library/mine")
        audit.assert_clean()
