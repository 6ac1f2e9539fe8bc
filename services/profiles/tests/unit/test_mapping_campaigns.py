"""Campaign rules: who reads aggregates, what a campaign may be, sector needs (pure)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from profiles.mapping.domain.campaign import (
    Campaign,
    CampaignStatus,
    InvalidCampaign,
    OwnerKind,
    SectorNeed,
    new_referral_code,
)

OWNER, OWNER_ORG, COORDINATOR = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def campaign(**kw: object) -> Campaign:
    values: dict[str, object] = {
        "id": uuid.uuid4(),
        "survey_id": uuid.uuid4(),
        "name": "Mapping",
        "owner_kind": OwnerKind.GOVERNMENT,
        "owner_account_id": OWNER,
        "origin_country": "ht",
        "opens_on": date(2026, 1, 1),
        "closes_on": date(2026, 6, 30),
        "owner_organisation_id": OWNER_ORG,
        "coordinating_organisations": [COORDINATOR],
        **kw,
    }
    return Campaign(**values)  # type: ignore[arg-type]


def test_who_reads_aggregates() -> None:
    c = campaign()
    someone = uuid.uuid4()
    assert c.origin_country == "HT"
    assert c.may_read_aggregates(OWNER, [], [])
    assert c.may_read_aggregates(someone, ["platform_admin"], [])
    assert c.may_read_aggregates(someone, ["organisation_admin"], [COORDINATOR])
    assert c.may_read_aggregates(someone, ["government_focal_point"], [OWNER_ORG])
    # belonging to the organisation is not enough without an admin/focal-point role
    assert not c.may_read_aggregates(someone, ["member"], [COORDINATOR])
    assert not c.may_read_aggregates(someone, ["organisation_admin"], [uuid.uuid4()])
    assert not c.may_read_aggregates(someone, ["government_focal_point"], [])


def test_campaign_period_and_closing() -> None:
    c = campaign()
    assert c.accepts_responses_on(date(2026, 3, 1)) and not c.accepts_responses_on(date(2026, 7, 1))
    c.close()
    assert c.status == CampaignStatus.CLOSED and c.version == 2
    assert not c.accepts_responses_on(date(2026, 3, 1))
    with pytest.raises(InvalidCampaign):
        c.close()


@pytest.mark.parametrize(
    "bad",
    [
        {"origin_country": "XX"},
        {"closes_on": date(2025, 1, 1)},
        {"name": "  "},
        {"channels": ["carrier_pigeon"]},
        {"k": 1},
        {"k": 101},
    ],
)
def test_invalid_campaigns(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidCampaign):
        campaign(**bad)


def test_a_campaign_is_published_with_at_least_the_platforms_floor() -> None:
    assert campaign(k=15).protection(min_k=10) == 15
    assert campaign(k=5).protection(min_k=10) == 10  # launched before the floor was raised


def test_sector_needs_use_the_classifications() -> None:
    by, at = uuid.uuid4(), datetime(2026, 12, 7, tzinfo=UTC)
    need = SectorNeed(uuid.uuid4(), "HT", "Q", 10, 3, by, skill="S1", region="Nord", declared_at=at)
    assert need.version == 1
    corrected = need.corrected({"positions": 4, "skill": "s2"})
    assert (corrected.positions, corrected.skill, corrected.version) == (4, "S2", 2)
    assert corrected.declared_at == at and need.positions == 10
    with pytest.raises(InvalidCampaign):
        need.corrected({"priority": 0})
    for bad in (
        {"sector": "ZZ"},
        {"skill": "S99"},
        {"positions": 0},
        {"priority": 9},
        {"origin_country": "XX"},
    ):
        values = {
            "id": uuid.uuid4(),
            "origin_country": "HT",
            "sector": "Q",
            "positions": 10,
            "priority": 3,
            "declared_by": by,
            "declared_at": at,
            **bad,
        }
        with pytest.raises(InvalidCampaign):
            SectorNeed(**values)  # type: ignore[arg-type]


def test_referral_codes() -> None:
    codes = {new_referral_code() for _ in range(200)}
    assert len(codes) == 200 and all(len(c) == 10 and c.isalnum() for c in codes)
