"""Issue #26: an attacker with a focal point's access, an integer program over everything the
platform shows, and the generated campaign of issue #26 (473 respondents, a cell of 9 women
aged 65+ born in Fiji living in Belgium).

What the attacker does, for every campaign setting the platform accepts:

1. reads every table of one to three dimensions, every two-dimensional table filtered on each
   value of each other dimension, and every small table in every time window (direct cells,
   totals minus others, overlapping groupings and filters, time windows);
2. watches two small cells while it adds its own respondents with their facts one at a time
   (five, half of them in another wave so that tables by wave see different sets), then
   withdraws them one at a time, re-reading every table around the cell after each change,
   then imports three more dated in an earlier month, for the time windows;
3. solves, for every cell it was shown whose true count is 1..9, the smallest and largest
   count consistent with all of it (``privacy_attack_ip``).

The respondents were promised (the standard questionnaire's consent text) that their answers
are only published as statistics about at least 10 people: no such cell may be learned
exactly, and none may be narrowed below the protection interval ``docs/privacy.md`` documents.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import numpy as np
import pytest
from privacy_attack_ip import Attacker, Interval
from privacy_attack_platform import (
    MONTHS,
    PLANTED_TARGET,
    SECOND_TARGET,
    Platform,
    overlapping_tables,
    small_cells,
    tables_around,
)
from privacy_attack_population import Person, atom_counts, generate, truth_vector

from devstack.testing import TokenIssuer

pytestmark = pytest.mark.timeout(2400)

#: what the standard questionnaire's consent text promises every respondent
PROMISED_K = 10
#: the narrowest feasible interval (number of values) docs/privacy.md promises for a cell
#: below k, whatever a focal point reads, adds or withdraws (fewer than k respondents)
PROTECTION_INTERVAL = 3
#: settings a campaign may ask for; the attack runs on each one the platform accepts
CANDIDATE_SETTINGS: tuple[dict[str, Any], ...] = (
    {},  # the defaults
    {"k": 5, "rounding_base": 0},  # the weakest the method before #26 allowed
    {"k": 5},
    {"rounding_base": 0},
)


async def run_attack(platform: Platform, people: list[Person]) -> dict[Any, tuple[int, Interval]]:
    attacker = Attacker()
    truth = atom_counts(people)
    seen = await platform.read_all(overlapping_tables())
    attacker.observe_all(o for _, o in seen if o is not None)
    targets = small_cells((c for c, _ in seen), truth, PROMISED_K)
    for n, target in enumerate((PLANTED_TARGET, SECOND_TARGET)):

        async def watch(window: tuple[str, str], target: dict[str, str] = target) -> None:
            around = tables_around(target, window)
            cells = await platform.read_all(around)
            attacker.observe_all(o for _, o in cells if o is not None)
            targets.update(small_cells((c for c, _ in cells), truth, PROMISED_K))

        await watch((MONTHS[2], MONTHS[2]))
        for i in range(5):
            pad = Person(**target, month=MONTHS[-1], wave=str(1 + i % 2), city=f"Pad {n}.{i}")
            await platform.add_own(pad)
            await watch((MONTHS[2], MONTHS[2]))
        for _ in range(5):
            await platform.withdraw_own()
            await watch((MONTHS[2], MONTHS[2]))
        for i in range(3):
            pad = Person(**target, month=MONTHS[0], city=f"Imported pad {n}.{i}")
            await platform.add_own(pad, kobo_seed=1000 * n + i)
            await watch((MONTHS[0], MONTHS[1]))
    intervals = attacker.feasible_intervals(
        targets, np.array(truth_vector(people), dtype=float), PROTECTION_INTERVAL
    )
    return {cell: (targets[cell], interval) for cell, interval in intervals.items()}


def describe(cell: Any) -> str:
    return ", ".join(f"{d}={sorted(v) if isinstance(v, frozenset) else v}" for d, v in sorted(cell))


@pytest.mark.xfail(
    strict=True,
    reason="issue #26: today's method (suppression + deterministic rounding, k and rounding "
    "chosen per campaign) lets the attacker narrow or pin cells below k",
)
async def test_no_cell_below_k_is_learned_under_any_accepted_setting(
    mapping_api: tuple[httpx.AsyncClient, TokenIssuer], survey_id: str
) -> None:
    client, issuer = mapping_api
    people = generate()
    failures: list[str] = []
    attacked = 0
    for settings in CANDIDATE_SETTINGS:
        platform = Platform(client, issuer)
        launched = await platform.launch(survey_id, **settings)
        if launched.status_code != 201:
            # a setting the platform refuses cannot be attacked; it must be refused as bad
            # input, not crash
            assert launched.status_code == 422, launched.text
            continue
        attacked += 1
        await platform.import_people(people, seed=26)
        started = time.perf_counter()
        results = await run_attack(platform, people)
        print(
            f"\nsettings {settings or 'default'}: {platform.requests} tables read, "
            f"{len(results)} cells below {PROMISED_K} attacked in "
            f"{time.perf_counter() - started:.1f} s"
        )
        for cell, (true, interval) in sorted(results.items(), key=lambda r: r[1][1].width):
            if interval.exact or interval.width < PROTECTION_INTERVAL:
                failures.append(
                    f"{settings or 'default'}: {describe(cell)}: true {true}, attacker's "
                    f"interval [{interval.low}, {interval.high}]"
                    + (" (exact)" if interval.exact else "")
                )
        assert results, "the attack found no small cell to attack: the data is not what it seems"
    assert attacked, "the platform accepted no campaign setting at all"
    assert not failures, "cells below k narrowed or learned exactly:\n" + "\n".join(failures)
