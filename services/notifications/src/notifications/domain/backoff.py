"""Retry schedule shared by email and webhooks: exponential backoff with jitter."""

from __future__ import annotations

import random


def retry_delay_s(attempts: int, base_s: float, cap_s: float = 3600.0) -> float:
    """Delay before the next try after ``attempts`` failures.

    "Equal jitter": half the exponential step is fixed, half random, so delays grow
    (attempt n waits at least base * 2^(n-2)) while parallel senders do not retry in lockstep.
    """
    step = min(cap_s, base_s * 2 ** max(attempts - 1, 0))
    return step / 2 + random.uniform(0, step / 2)
