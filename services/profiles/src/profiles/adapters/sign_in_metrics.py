"""Prometheus counters of failed and held-back sign-ins (an attack shows as a rate)."""

from __future__ import annotations

from prometheus_client import Counter

#: every refused sign-in: ``wrong_credentials`` (a guess that failed) or ``throttled``
SIGN_IN_FAILURES = Counter(
    "profiles_sign_in_failures_total", "Sign-ins refused, by reason", ["reason"]
)
#: throttled sign-ins by the count that held them back: client, account or address
SIGN_IN_THROTTLED = Counter(
    "profiles_sign_in_throttled_total", "Sign-ins held back by the throttle, by count", ["scope"]
)
