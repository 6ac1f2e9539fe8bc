"""profiles' core use cases over the in-memory unit of work (``profiles_fakes``): registration,
the profile's create/replace/patch with If-Match and the directory, organisation membership,
connections and blocks, consents (and the consent port profiles gives the mapping slice).
Each test reads what was committed and what went to the outbox; no PostgreSQL, no Kafka. The
real-database API tests (``tests/api``) keep the SQL honest."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from profiles_fakes import FakeProfilesUnitOfWork

from contracts.events import privacy
from contracts.events import profiles as contract
from eventkit.domain_errors import Forbidden, NotFound, PreconditionFailed
from eventkit.preconditions import IfMatch, etag
from profiles.adapters import password_hasher
from profiles.adapters.privacy_ledger import AuditLog
from profiles.config import ProfilesSettings
from profiles.domain.account import Account, AccountStatus
from profiles.domain.commands import RegisterAccount
from profiles.domain.connection import ConnectionStatus
from profiles.domain.consent import ConsentAction, ConsentEntry, Recipient
from profiles.domain.organisation import MemberRole
from profiles.domain.passwords import WeakPassword
from profiles.service_layer import connections, consents, organisations, people
from profiles.service_layer.registration import InvalidEmail, register_account
from profiles.service_layer.slice_ports import SliceConsents

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True, scope="module")
def cheap_hashing() -> Iterator[None]:
    """Still argon2id, at a cost a unit test can afford (the service's settings tune it too)."""
    password_hasher.configure(time_cost=1, memory_cost_kib=8192)
    yield
    password_hasher.configure()


@pytest.fixture
def uow() -> FakeProfilesUnitOfWork:
    return FakeProfilesUnitOfWork()


@pytest.fixture
def settings() -> ProfilesSettings:
    return ProfilesSettings()


async def an_account(uow: FakeProfilesUnitOfWork, name: str = "Ama Mensah") -> UUID:
    """A verified account, committed without events (as one made in another test step)."""
    account = Account.register(
        email=f"{uuid.uuid4().hex[:8]}@example.org",
        display_name=name,
        locale="en",
        password_hash=None,
    )
    account.status = AccountStatus.ACTIVE
    async with uow:
        await uow.accounts.add(account)
        await uow.commit()
    return account.id


# ---- registration ------------------------------------------------------------------------


async def test_registration_creates_an_unverified_account_and_announces_its_link(
    uow: FakeProfilesUnitOfWork, settings: ProfilesSettings
) -> None:
    cmd = RegisterAccount(email="Ama@Example.ORG", password=PASSWORD, display_name=" Ama ")
    account_id = await register_account(cmd, uow, settings, NOW)

    (stored,) = uow.committed("accounts").values()
    assert (stored.id, stored.email, stored.display_name) == (account_id, "ama@example.org", "Ama")
    assert stored.status == AccountStatus.UNVERIFIED and stored.password_hash != PASSWORD
    (event,) = uow.published_of(contract.AccountRegistered)
    assert event.account_id == account_id and event.email == "ama@example.org"
    assert event.verification_expires_at == NOW + timedelta(
        seconds=settings.verification_link_ttl_s
    )
    # the link's secret is kept only as a digest, for this account
    (token,) = uow.committed("one_time_tokens").values()
    assert token["account_id"] == account_id
    assert not any(
        kept in (event.verification_url or "") for kept in uow.committed("one_time_tokens")
    )


async def test_a_taken_address_gets_the_same_answer_and_its_owner_a_throttled_notice(
    uow: FakeProfilesUnitOfWork, settings: ProfilesSettings
) -> None:
    cmd = RegisterAccount(email="ama@example.org", password=PASSWORD, display_name="Ama")
    first = await register_account(cmd, uow, settings, NOW)
    answers = [
        await register_account(cmd, uow, settings, NOW + timedelta(minutes=n))
        for n in range(1, settings.link_emails_max_per_hour + 3)
    ]

    assert first not in answers and len(set(answers)) == len(answers)  # ids never used
    assert list(uow.committed("accounts")) == [first]  # no second account
    notices = uow.published_of(contract.AccountRegistrationAttempted)
    assert len(notices) == settings.link_emails_max_per_hour  # then silence, same answer
    assert {n.account_id for n in notices} == {first}


async def test_an_invalid_address_or_a_weak_password_commits_nothing(
    uow: FakeProfilesUnitOfWork, settings: ProfilesSettings
) -> None:
    with pytest.raises(InvalidEmail):
        await register_account(
            RegisterAccount(email="not-an-address", password=PASSWORD, display_name="Ama"),
            uow,
            settings,
            NOW,
        )
    with pytest.raises(WeakPassword):
        await register_account(
            RegisterAccount(email="ama@example.org", password="short", display_name="Ama"),
            uow,
            settings,
            NOW,
        )
    assert uow.commits == 0 and uow.published == []


# ---- profile update ----------------------------------------------------------------------


async def test_a_profile_is_created_then_replaced_only_with_the_current_etag(
    uow: FakeProfilesUnitOfWork,
) -> None:
    person = await an_account(uow)
    profile, created = await people.put_profile(
        person, {"display_name": "Ama", "country_of_origin": "GH"}, IfMatch(), uow, NOW
    )
    assert created and profile.version == 1
    assert uow.committed("directory_people")[person].origin == "GH"
    assert [e.person_id for e in uow.published_of(contract.PersonProfileCreated)] == [person]

    stale = IfMatch(etag(0))
    with pytest.raises(PreconditionFailed):
        await people.put_profile(person, {"display_name": "Ama M."}, stale, uow, NOW)
    later = NOW + timedelta(days=1)
    replaced, created = await people.put_profile(
        person, {"display_name": "Ama M."}, IfMatch(profile.etag), uow, later
    )
    assert not created and replaced.version == 2
    assert uow.committed("person_profiles")[person].details.display_name == "Ama M."
    assert uow.committed("directory_people")[person].origin is None
    (updated,) = uow.published_of(contract.PersonProfileUpdated)
    assert updated.person_id == person


async def test_a_merge_patch_changes_only_what_it_names_and_unchanged_publishes_nothing(
    uow: FakeProfilesUnitOfWork,
) -> None:
    person = await an_account(uow)
    profile, _ = await people.put_profile(
        person, {"display_name": "Ama", "city": "Accra"}, IfMatch(), uow, NOW
    )
    patched = await people.patch_profile(
        person, {"city": "Kumasi"}, IfMatch(profile.etag), uow, NOW
    )
    assert (patched.details.display_name, patched.details.city) == ("Ama", "Kumasi")
    commits = uow.commits
    same = await people.patch_profile(person, {"city": "Kumasi"}, IfMatch(patched.etag), uow, NOW)
    assert same.version == patched.version and uow.commits == commits
    assert len(uow.published_of(contract.PersonProfileUpdated)) == 1


async def test_who_withdrew_directory_listing_before_having_a_profile_stays_unlisted(
    uow: FakeProfilesUnitOfWork,
) -> None:
    person = await an_account(uow)
    async with uow:
        await uow.consents.add(
            ConsentEntry(
                id=uuid.uuid4(),
                person_id=person,
                purpose=privacy.DIRECTORY_LISTING,
                recipient=Recipient(privacy.RECIPIENT_PLATFORM),
                action=ConsentAction.WITHDRAWN,
                channel="web",
                at=NOW,
            )
        )
        await uow.commit()
    profile, _ = await people.put_profile(person, {"display_name": "Ama"}, IfMatch(), uow, NOW)
    assert not profile.listed and person not in uow.committed("directory_people")


async def test_an_erased_account_gets_no_profile(uow: FakeProfilesUnitOfWork) -> None:
    with pytest.raises(people.ProfileNotFound):
        await people.put_profile(uuid.uuid4(), {"display_name": "Ama"}, IfMatch(), uow, NOW)
    assert uow.committed("person_profiles") == {}


# ---- organisation membership -------------------------------------------------------------


async def test_an_invitation_accepted_by_the_invitee_makes_a_member(
    uow: FakeProfilesUnitOfWork,
) -> None:
    founder, invitee = await an_account(uow), await an_account(uow, "Kofi Boateng")
    org = await organisations.found(
        {"name": "Ghana Diaspora Nurses", "kind": "diaspora_association", "country": "GH"},
        founder,
        uow,
        NOW,
    )
    assert [e.organisation_id for e in uow.published_of(contract.OrganisationCreated)] == [org.id]
    request = await organisations.invite(
        org.id, invitee, MemberRole.MEMBER, "Join us", founder, uow, NOW
    )
    # only the invitee answers an invitation
    with pytest.raises(Forbidden):
        await organisations.answer(org.id, request.id, True, founder, uow, NOW)
    await organisations.answer(org.id, request.id, True, invitee, uow, NOW)

    stored = uow.committed("organisations")[org.id]
    assert stored.members == {founder: MemberRole.ADMIN, invitee: MemberRole.MEMBER}
    assert [m["id"] for m in await organisations.of_member(invitee, uow)] == [org.id]
    async with uow:
        assert await uow.organisations.administered_by(founder) == {org.id}
        assert await uow.organisations.administered_by(invitee) == set()
    changed = uow.published_of(contract.OrganisationMembershipChanged)
    assert {(c.person_id, c.role) for c in changed} >= {(invitee, "member")}


async def test_only_an_admin_invites_and_nobody_invites_someone_who_blocked_them(
    uow: FakeProfilesUnitOfWork,
) -> None:
    founder, member, other = [await an_account(uow) for _ in range(3)]
    org = await organisations.found(
        {"name": "Accra Alumni", "kind": "diaspora_association", "country": "GH"}, founder, uow, NOW
    )
    joining = await organisations.ask_to_join(org.id, member, None, uow, NOW)
    await organisations.answer(org.id, joining.id, True, founder, uow, NOW)
    with pytest.raises(Forbidden):  # a plain member
        await organisations.invite(org.id, other, MemberRole.MEMBER, None, member, uow, NOW)
    await connections.block(other, founder, uow, NOW)
    with pytest.raises(NotFound):
        await organisations.invite(org.id, other, MemberRole.MEMBER, None, founder, uow, NOW)
    assert [r.person_id for r in uow.committed("organisations")[org.id].requests.values()] == [
        member
    ]


# ---- connections -------------------------------------------------------------------------


async def test_a_request_accepted_connects_two_people_and_says_so(
    uow: FakeProfilesUnitOfWork,
) -> None:
    ama, kofi = await an_account(uow), await an_account(uow, "Kofi Boateng")
    connection = await connections.request_connection(ama, kofi, "Hello", uow, NOW)
    with pytest.raises(Forbidden):
        await connections.answer(ama, connection.id, "accept", uow, NOW)  # not the addressee
    await connections.answer(kofi, connection.id, "accept", uow, NOW)

    async with uow:
        assert await uow.connections.are_connected(ama, kofi)
    mine = await connections.my_connections(ama, ConnectionStatus.ACCEPTED, uow)
    assert [c.id for c in mine] == [connection.id]
    assert [e.connection_id for e in uow.published_of(contract.ConnectionRequested)] == [
        connection.id
    ]
    assert [e.connection_id for e in uow.published_of(contract.ConnectionAccepted)] == [
        connection.id
    ]


async def test_a_block_ends_the_connection_and_hides_each_from_the_other(
    uow: FakeProfilesUnitOfWork,
) -> None:
    ama, kofi = await an_account(uow), await an_account(uow, "Kofi Boateng")
    connection = await connections.request_connection(ama, kofi, None, uow, NOW)
    await connections.answer(kofi, connection.id, "accept", uow, NOW)
    await connections.block(kofi, ama, uow, NOW)

    assert uow.committed("connections")[connection.id].status == ConnectionStatus.REMOVED
    assert [e.connection_id for e in uow.published_of(contract.ConnectionRemoved)] == [
        connection.id
    ]
    with pytest.raises(connections.PersonNotFound):  # the same answer as "no such person"
        await connections.request_connection(ama, kofi, None, uow, NOW)
    assert [b for b, _ in await connections.my_blocks(kofi, uow)] == [ama]
    assert await connections.unblock(kofi, ama, uow)
    assert not await connections.unblock(kofi, ama, uow)
    again = await connections.request_connection(ama, kofi, None, uow, NOW)
    assert again.id == connection.id and again.status == ConnectionStatus.PENDING


# ---- consents ----------------------------------------------------------------------------

LISTING = consents.ConsentRequest(purpose=privacy.DIRECTORY_LISTING)


async def test_withdrawing_directory_listing_unlists_at_once_and_giving_it_back_relists(
    uow: FakeProfilesUnitOfWork,
) -> None:
    person = await an_account(uow)
    await people.put_profile(person, {"display_name": "Ama"}, IfMatch(), uow, NOW)
    change = await consents.withdraw(uow, person, LISTING, NOW)
    assert change.entry is not None and not change.ledger.granted
    assert person not in uow.committed("directory_people")
    assert not uow.committed("person_profiles")[person].listed
    # a second withdrawal changes nothing and says nothing
    assert (await consents.withdraw(uow, person, LISTING, NOW)).entry is None
    assert [e.person_id for e in uow.published_of(privacy.ConsentWithdrawn)] == [person]

    await consents.give(uow, person, LISTING, "2026-01", NOW + timedelta(days=1))
    assert person in uow.committed("directory_people")
    assert [e.policy_version for e in uow.published_of(privacy.ConsentGiven)] == ["2026-01"]
    # each change of the listing is a new snapshot for the matching services
    assert len(uow.published_of(contract.PersonProfileUpdated)) == 2


async def test_consent_towards_an_unknown_organisation_is_refused(
    uow: FakeProfilesUnitOfWork,
) -> None:
    request = consents.ConsentRequest(
        purpose=privacy.GOVERNMENT_CONTACT,
        recipient_kind=privacy.RECIPIENT_ORGANISATION,
        recipient_id=uuid.uuid4(),
    )
    with pytest.raises(consents.UnknownRecipient):
        await consents.give(uow, await an_account(uow), request, "2026-01", NOW)
    assert uow.committed("consents") == [] and uow.published_of(privacy.ConsentGiven) == []


async def test_the_mapping_slice_consent_port_writes_and_reads_profiles_ledger(
    uow: FakeProfilesUnitOfWork,
) -> None:
    """``SliceConsents`` (what bootstrap hands the mapping slice): naming a recipient in a survey
    is a ledger entry and its event in the caller's transaction; withdrawing it ends sharing."""
    person, recipient = uuid.uuid4(), uuid.uuid4()
    # the audit log is not written here (no read by a recipient): it only needs to exist
    async with uow:
        port = SliceConsents(uow.consents, AuditLog(uow.session), uow.publish)
        await port.record_sharing(person, recipient, NOW)
        assert await port.shares_with(person, recipient)
        assert not await port.shares_with(person, uuid.uuid4())
        await uow.commit()
    (given,) = uow.published_of(privacy.ConsentGiven)
    assert (given.purpose, given.recipient_id, given.channel) == (
        privacy.MAPPING_SHARING,
        recipient,
        "survey",
    )
    sharing = consents.ConsentRequest(
        purpose=privacy.MAPPING_SHARING,
        recipient_kind=privacy.RECIPIENT_ACCOUNT,
        recipient_id=recipient,
    )
    await consents.withdraw(uow, person, sharing, NOW + timedelta(hours=1))
    async with uow:
        port = SliceConsents(uow.consents, AuditLog(uow.session), uow.publish)
        assert not await port.shares_with(person, recipient)
