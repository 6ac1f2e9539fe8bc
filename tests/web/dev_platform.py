"""For whoever works on the browser tests: start the folder's platform once and keep it,
so the tests run against it in seconds instead of starting it each time.

    python tests/web/dev_platform.py &                 # prints when ready
    WEB_TEST_PLATFORM=/tmp/web-dev-platform.json pytest tests/web -k journey

The tests then attach to this platform (conftest.py) instead of starting one. It shares the
test Postgres of your port block: a service's own API tests run meanwhile reset its tables
(the platform's data with them), so run those with another block or restart this."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
from pathlib import Path

from admin_console import admin_console
from browser import launch
from playwright.sync_api import sync_playwright
from web_stack import ENV, SERVICES, build_world, oidc_env, oidc_provider

from devstack.harness import ensure_test_infra
from devstack.system import start_platform

#: where it says it is ready (another path for a second engineer's platform on this machine)
STATE = Path(os.environ.get("WEB_TEST_PLATFORM") or "/tmp/web-dev-platform.json")


def main() -> int:
    STATE.unlink(missing_ok=True)  # a file left by an earlier run names a platform long gone
    infra = ensure_test_infra()
    with oidc_provider() as issuer:
        env = {**ENV, "profiles": {**ENV["profiles"], **oidc_env(issuer)}}
        with start_platform(infra, SERVICES, env) as platform:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                with admin_console(browser, platform.gateway_url) as console:
                    world = build_world(platform, console.grant)
                browser.close()
            fields = {
                f.name: getattr(world, f.name)
                for f in dataclasses.fields(world)
                if f.name not in ("api", "mail")
            }
            STATE.write_text(
                json.dumps(
                    {
                        "gateway_url": platform.gateway_url,
                        "maildir": str(platform.smtp.maildir),
                        "provider": issuer,
                        "world": fields,
                    }
                )
            )
            print(f"ready: {STATE}", flush=True)
            # blocked (once every process is started: children inherit the mask), so sigwait
            # receives them and the platform stops on the way out; unblocked, SIGTERM would
            # kill this process at once and leave every service running
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
    STATE.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
