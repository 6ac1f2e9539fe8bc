"""The demo seed over the in-memory unit of work: every record, one commit, and nothing the
second time (the real-database run is tests/api/test_alliance_youth_and_seed.py)."""

from __future__ import annotations

from alliance_fakes import NOW, FakeAllianceUnitOfWork

from alliance.domain.recommendation import Stage
from alliance.seed import ORGANISATIONS, SLUG, STATES, YOUTH_2022, seed_demo, sid
from contracts.events import alliance as contract
from eventkit.clock import FixedClock


async def test_the_demo_is_seeded_once() -> None:
    uow = FakeAllianceUnitOfWork()
    assert await seed_demo(lambda: uow, FixedClock(NOW))
    assert uow.commits == 1
    counts = {name: len(uow.committed(name)) for name in ("members", "bodies", "meetings")}
    assert counts == {
        "members": len(STATES) + len(ORGANISATIONS) + len(YOUTH_2022),
        "bodies": 6,
        "meetings": 2,
    }
    [rec] = uow.committed("recommendations").values()
    assert rec.id == sid("rec:youth") and rec.stage is Stage.PUBLISHED
    assert len(uow.committed("commitments")) == 3
    [cohort] = uow.committed("cohorts").values()
    assert len(cohort.leaders) == len(YOUTH_2022)
    async with uow:
        assert (await uow.alliances.by_slug(SLUG)) is not None
    assert len(uow.published_of(contract.MemberAdmitted)) == counts["members"]

    assert not await seed_demo(lambda: uow, FixedClock(NOW))
    assert uow.commits == 1
