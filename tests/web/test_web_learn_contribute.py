"""The longer set (`make test-web`): learning and contributing in a real browser. A member
enrols in a course, completes its lessons, gets the verification code once and the public
page proves it; sees opportunities "for me" with the reasons in words, expresses interest and
follows its status; declines, withdraws, blocks and unblocks connections."""

from __future__ import annotations

import re

import pytest
from browser import browsing, sign_in
from playwright.sync_api import Browser, expect
from web_stack import World, unique, verified_member

from devstack.system import Platform

pytestmark = pytest.mark.web_full


def test_a_course_from_enrolment_to_a_verified_completion(
    site: Platform, world: World, chromium: Browser
) -> None:
    _, email, _ = verified_member(world.api, world.mail, unique("Learner"))
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, email)
        page.get_by_role("link", name="Courses").click()
        audit.axe(page, "/courses")
        page.get_by_role("link", name=world.course["title"]).click()
        page.get_by_role("button", name="Enrol").click()
        expect(page.get_by_role("status")).to_contain_text("You are enrolled")
        audit.axe(page, "/courses/{id}")
        page.get_by_role("button", name=re.compile("Mark as done: Read the guide")).click()
        expect(page.get_by_role("status")).to_contain_text("Lesson completed")
        page.get_by_role("button", name=re.compile("Mark as done: Compare providers")).click()
        code = page.locator("#completion-code")
        expect(code).to_be_visible()
        value = code.text_content() or ""
        page.get_by_role("link", name="The public page that proves it").click()
        expect(page.get_by_role("status")).to_contain_text(world.course["title"])
        audit.axe(page, "/courses/verify")
        page.goto("/courses/verify?code=not-a-code")
        expect(page.get_by_role("alert")).to_contain_text("does not prove")
        assert value
        audit.assert_clean()


def test_opportunities_for_me_with_reasons_and_my_interest(
    site: Platform, world: World, chromium: Browser
) -> None:
    _, email, token = verified_member(world.api, world.mail, unique("Mentor"))
    world.api.call(
        "PUT",
        "/v1/me/profile",
        token,
        json={
            "display_name": "Mentor",
            "languages": [{"code": "fr", "level": "native"}],
            "contribution_modes": ["mentoring"],
            "open_to_opportunities": True,
        },
        expect=201,
    )
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, email)
        page.goto("/opportunities?mode=mentoring")
        audit.axe(page, "/opportunities")
        found = page.get_by_role("link", name=world.opportunity["title"])
        expect(found).to_be_visible()
        # the matching projection follows profile events: the reasons arrive within seconds
        for _ in range(30):
            page.goto("/opportunities/for-me")
            if page.get_by_text("You would like to contribute this way: Mentoring").count():
                break
            page.wait_for_timeout(1000)
        expect(page.get_by_text("You speak the languages asked for: French")).to_be_visible()
        audit.axe(page, "/opportunities/for-me")
        page.get_by_role("link", name=world.opportunity["title"]).first.click()
        page.get_by_label("A message to the organisation").fill("I mentor founders in Lyon.")
        page.get_by_role("button", name="I am interested").click()
        expect(page.get_by_role("status")).to_contain_text("Your interest is sent")
        page.goto("/opportunities/mine")
        expect(page.get_by_role("cell", name="Sent")).to_be_visible()
        audit.axe(page, "/opportunities/mine")
        audit.assert_clean()


def test_connections_decline_withdraw_block_unblock(
    site: Platform, world: World, chromium: Browser
) -> None:
    api = world.api
    me_id, email, me = verified_member(api, world.mail, unique("Host"))
    asker_id, _, asker = verified_member(api, world.mail, unique("Asker"))
    other_id, _, _ = verified_member(api, world.mail, unique("Other"))
    api.call("POST", "/v1/connections", asker, json={"person_id": me_id, "note": "Hi!"}, expect=201)
    api.call("POST", "/v1/connections", me, json={"person_id": other_id}, expect=201)
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, email)
        page.goto("/connections")
        expect(page.get_by_text("Hi!")).to_be_visible()
        audit.axe(page, "/connections")
        page.get_by_role("button", name="Decline").click()
        expect(page.get_by_role("status")).to_contain_text("Done")
        page.get_by_role("button", name="Withdraw").click()
        expect(page.get_by_role("status")).to_contain_text("Done")
        page.goto(f"/people/{other_id}")
        page.get_by_role("button", name="Block this person").click()
        page.goto("/connections")
        page.get_by_role("button", name="Unblock").click()
        expect(page.get_by_role("status")).to_contain_text("Done")
        assert asker_id
        audit.assert_clean()
