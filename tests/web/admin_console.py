"""Staff roles for the browser tests, granted the way a platform administrator grants them:
on `/admin` in the browser (find the account by its exact email, grant the role), never by
calling the API. One administrator's browser context, signed in once, serves every grant of
the session (a grant is two page loads)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from browser import sign_in
from playwright.sync_api import Browser, Page, expect
from web_stack import ADMIN_EMAIL, ADMIN_PASSWORD


@dataclass
class AdminConsole:
    page: Page

    def grant(self, email: str, *roles: str) -> None:
        """Give the account of ``email`` each of ``roles`` (takes effect at its next sign-in
        or token refresh)."""
        page = self.page
        page.goto("/admin")
        if "/signin" in page.url:  # the administrator's session ended: sign in again
            sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
            page.goto("/admin")
        page.get_by_label("Email address").fill(email)
        page.get_by_role("button", name="Find the account").click()
        page.wait_for_url("**/admin/accounts/**")
        for role in roles:
            page.get_by_label("Role to grant").select_option(role)
            page.get_by_role("button", name="Grant the role").click()
            expect(page.get_by_role("status")).to_contain_text("The role is granted")


@contextmanager
def admin_console(browser: Browser, base_url: str) -> Iterator[AdminConsole]:
    # JavaScript off: the console's forms are plain forms, and the page loads are lighter
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
        yield AdminConsole(page)
    finally:
        context.close()
