"""A person who has not confirmed their email address yet and searches the directory is told
so, in their language, and gets a new link from the page (with JavaScript off too), instead of
a generic "could not be done"."""

from __future__ import annotations

import re

import pytest
from browser import browsing, sign_in
from playwright.sync_api import Browser, expect
from web_stack import World

from devstack.system import Platform
from devstack.waiting import wait_until


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_unverified_searcher_is_asked_to_confirm_and_gets_a_new_link(
    site: Platform, world: World, chromium: Browser, javascript: bool
) -> None:
    _, email = world.api.register("Not Yet Confirmed")
    with browsing(chromium, site.gateway_url, javascript=javascript) as (page, audit):
        sign_in(page, email)
        world.mail.wait_link(email, "/verify?token=")  # the first link has arrived
        before = len(world.mail.to(email))
        page.goto("/language/fr?next=/people")
        page.get_by_label("Chercher par nom, compétence, profession…").fill("elodie")
        page.get_by_role("button", name="Chercher", exact=True).click()
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("Confirmez d'abord votre adresse électronique")
        expect(page.locator("main")).not_to_contain_text("n'a pas pu être faite")
        audit.axe(page, "/people (unverified)")
        page.get_by_role("button", name="M'envoyer un nouveau lien").click()
        expect(page.get_by_role("status")).to_contain_text("Nous vous avons envoyé un nouveau lien")
        expect(page).to_have_url(re.compile(r"/people\?done=link-sent"))
        wait_until(lambda: len(world.mail.to(email)) > before, 60, what="a new link by email")
        audit.assert_clean()
