"""The consent ledger's rules, without infrastructure."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from contracts.events import privacy
from profiles.domain.consent import ConsentAction, ConsentLedger, InvalidConsent, Recipient

NOW = datetime(2026, 11, 22, tzinfo=UTC)
PLATFORM = Recipient(privacy.RECIPIENT_PLATFORM)


def test_giving_and_withdrawing_appends_and_never_rewrites() -> None:
    ledger = ConsentLedger(uuid.uuid4(), privacy.NEWSLETTERS, PLATFORM, [])
    assert not ledger.granted
    first = ledger.give(policy_version="v1", channel="web", now=NOW)
    assert first is not None and ledger.granted
    assert ledger.give(policy_version="v1", channel="api", now=NOW) is None  # in force already
    renewed = ledger.give(policy_version="v2", channel="web", now=NOW + timedelta(days=1))
    assert renewed is not None  # a new notice agreed to is a new entry
    withdrawn = ledger.withdraw(channel="email", now=NOW + timedelta(days=2))
    assert withdrawn is not None and withdrawn.action == ConsentAction.WITHDRAWN
    assert ledger.withdraw(channel="web", now=NOW + timedelta(days=3)) is None
    assert [e.action for e in ledger.entries] == ["given", "given", "withdrawn"]
    assert ledger.entries[0] is first and first.policy_version == "v1"  # history kept as was
    assert not ledger.granted


def test_directory_listing_is_on_until_withdrawn_and_others_are_off() -> None:
    listing = ConsentLedger(uuid.uuid4(), privacy.DIRECTORY_LISTING, PLATFORM, [])
    assert listing.granted
    assert listing.withdraw(channel="web", now=NOW) is not None
    assert not listing.granted
    named = Recipient(privacy.RECIPIENT_ORGANISATION, uuid.uuid4())
    assert not ConsentLedger(uuid.uuid4(), privacy.GOVERNMENT_CONTACT, named, []).granted


@pytest.mark.parametrize(
    ("purpose", "kind", "rid", "field"),
    [
        ("spam", "platform", None, "purpose"),
        ("newsletters", "embassy", None, "recipient_kind"),
        ("newsletters", "platform", uuid.uuid4(), "recipient_id"),
        ("mapping_sharing", "platform", None, "recipient_kind"),
        ("government_contact", "organisation", None, "recipient_id"),
        ("directory_listing", "partner", uuid.uuid4(), "recipient_kind"),
    ],
)
def test_purpose_and_recipient_must_fit(
    purpose: str, kind: str, rid: uuid.UUID | None, field: str
) -> None:
    with pytest.raises(InvalidConsent) as caught:
        Recipient.of(purpose, kind, rid)
    assert caught.value.field_name == field


def test_channel_and_policy_version_are_checked() -> None:
    ledger = ConsentLedger(uuid.uuid4(), privacy.NEWSLETTERS, PLATFORM, [])
    with pytest.raises(InvalidConsent):
        ledger.give(policy_version="v1", channel="fax", now=NOW)
    with pytest.raises(InvalidConsent):
        ledger.give(policy_version=" ", channel="web", now=NOW)
