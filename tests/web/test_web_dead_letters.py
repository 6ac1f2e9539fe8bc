"""The dead-letter topics on the platform administrator's console, in a real browser with
JavaScript off: a real poison message (a record that is no CloudEvent, published to a topic
the notifications worker consumes; the broker is the test's infrastructure, the page only
talks to the gateway) lands in its dead-letter topic and the page counts it; replaying it
shows the result, and the notifications worker, handed it again, dead-letters it again (the
count comes back: the replay really reached the consumer). Members are refused, by the page
and by the API (problem+json). Arabic, right to left, on a phone."""

from __future__ import annotations

import asyncio
import re
import time
from concurrent.futures import ThreadPoolExecutor

from aiokafka import AIOKafkaProducer
from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, Page, expect
from web_stack import ADMIN_EMAIL, ADMIN_PASSWORD, World, verified_member

from devstack.harness import TestInfra
from devstack.system import Platform

#: consumed by the notifications worker only: one dead letter per poison record
TOPIC = "resources.resource.v1"
DLQ = TOPIC + ".dlq"


def publish_poison(bootstrap: str) -> None:
    async def send() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
        await producer.start()
        try:
            await producer.send_and_wait(TOPIC, key=b"poison", value=b"\x00 not a cloud event")
        finally:
            await producer.stop()

    # Playwright's sync API holds this thread's event loop: the producer runs in another
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, send()).result()


def counts(page: Page) -> tuple[int, int]:
    """(held, waiting) on the page's row of the dead-letter topic."""
    cells = page.locator("#dead-letters tr").filter(has_text=DLQ).locator("td")
    return int(cells.nth(0).inner_text()), int(cells.nth(1).inner_text())


def reload_until(page: Page, done: object, timeout_s: float = 90) -> tuple[int, int]:
    deadline = time.monotonic() + timeout_s
    while True:
        found = counts(page)
        if done(*found) or time.monotonic() > deadline:  # type: ignore[operator]
            return found
        time.sleep(1)
        page.goto("/admin/dead-letters")


def test_the_platform_admin_sees_and_replays_dead_letters(
    site: Platform, world: World, chromium: Browser, infra: TestInfra
) -> None:
    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
        page.goto("/admin")
        page.get_by_role("link", name="Dead letters").click()
        expect(page.get_by_role("heading", level=2, name="Dead letters")).to_be_visible()
        held, waiting = counts(page)
        audit.axe(page, "/admin/dead-letters")

        publish_poison(infra.kafka_bootstrap)
        held, waiting = reload_until(page, lambda h, w: h > held and w > waiting)
        assert waiting >= 1, "the poison message never reached the dead-letter topic"
        screenshot(page, "admin-dead-letters-desktop")

        page.get_by_role("button", name=f"Replay {DLQ}").click()
        result = page.locator("#replay-result")
        # other suites of the same run may have left poison there too: a replay moves at most
        # 100 per press and offers the next ones, until every waiting message went back
        replayed = 0
        for _ in range(waiting // 100 + 1):
            expect(result).to_contain_text(f"messages of {DLQ} replayed")
            done = re.search(r"(\d+) of (\d+) messages", result.inner_text())
            assert done, result.inner_text()
            replayed += int(done[1])
            more = page.get_by_role("button", name="Replay the next ones")
            if not more.count():
                break
            more.click()
        assert replayed == waiting and done[1] == done[2], (replayed, waiting, done.group(0))
        expect(page.locator("#replay-progress")).to_have_attribute("value", done[1])
        audit.axe(page, "/admin/dead-letters (replayed)")
        screenshot(page, "admin-dead-letters-replayed")
        # the worker got it again, could not process it again, and set it aside again
        again_held, again_waiting = reload_until(page, lambda h, w: h > held and w >= 1)
        assert again_held >= held + waiting and again_waiting >= 1, (again_held, again_waiting)

        page.goto("/language/ar?next=/admin/dead-letters")
        page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        assert page_fits_width(page)
        audit.axe(page, "/admin/dead-letters (ar, phone)")
        screenshot(page, "admin-dead-letters-ar-phone")
        audit.assert_clean()

    # members: neither the page nor the API
    admin = world.api.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    _, member_email, member = verified_member(world.api, world.mail, "Curious Member")
    refused = world.api.call("GET", "/v1/admin/dead-letters", member)
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    replay = world.api.call("POST", f"/v1/admin/dead-letters/{DLQ}/replay", member)
    assert replay.status_code == 403
    unknown = world.api.call("POST", "/v1/admin/dead-letters/no.such.dlq/replay", admin, json={})
    assert unknown.status_code == 404, unknown.text
    too_many = world.api.call(
        "POST", f"/v1/admin/dead-letters/{DLQ}/replay", admin, json={"limit": 0}
    )
    assert too_many.status_code == 422, too_many.text
    with browsing(chromium, site.gateway_url) as (page, _audit):
        sign_in(page, member_email)
        response = page.goto("/admin/dead-letters")
        assert response is not None and response.status == 403
