"""Retention on the real database: old messages, never-verified accounts and old audit entries
go; recent ones and verified accounts stay."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from profiles_testkit import member, outbox_events, register
from sqlalchemy import func, select, update

from devstack.testing import api_client
from profiles.adapters import orm
from profiles.bootstrap import ProfilesService
from profiles.service_layer.retention import apply_retention


async def test_retention_deletes_only_what_is_older_than_configured(
    profiles_service: ProfilesService,
) -> None:
    now = datetime.now(UTC)
    async with api_client(profiles_service.create_app()) as client:
        stale, _ = await register(client)  # never verified
        fresh, _ = await register(client)
        verified, _ = await member(client)
    # a verified account is kept whatever its age; make both look old
    async with profiles_service.chassis.engine.begin() as conn:
        await conn.execute(
            update(orm.accounts)
            .where(orm.accounts.c.id.in_([uuid.UUID(stale), uuid.UUID(verified)]))
            .values(created_at=now - timedelta(days=40))
        )
        await conn.execute(
            update(orm.accounts)
            .where(orm.accounts.c.id == uuid.UUID(verified))
            .values(status="active", verified_at=now - timedelta(days=39))
        )
        conversation = uuid.uuid4()
        a, b = sorted([stale, verified])
        await conn.execute(
            orm.conversations.insert().values(
                id=conversation,
                pair_key=f"{a}:{b}",
                person_a=uuid.UUID(a),
                person_b=uuid.UUID(b),
                message_count=2,
                created_at=now - timedelta(days=100),
                last_message_at=now,
            )
        )
        old_msg, new_msg = uuid.uuid4(), uuid.uuid4()
        for mid, at in ((old_msg, now - timedelta(days=91)), (new_msg, now - timedelta(days=1))):
            await conn.execute(
                orm.messages.insert().values(
                    id=mid,
                    conversation_id=conversation,
                    sender_id=uuid.UUID(a),
                    body="hi",
                    sent_at=at,
                )
            )
        old_entry, new_entry = uuid.uuid4(), uuid.uuid4()
        for eid, at in ((old_entry, now - timedelta(days=800)), (new_entry, now)):
            await conn.execute(
                orm.audit_log.insert().values(
                    id=eid,
                    person_id=uuid.UUID(verified),
                    service="resources",
                    accessor_id=uuid.uuid4(),
                    accessor_role="moderator",
                    record_type="resource",
                    accessed_at=at,
                )
            )
    settings = profiles_service.settings.model_copy(
        update={
            "retention_messages_days": 90,
            "retention_unverified_accounts_days": 30,
            "retention_audit_log_days": 730,
        }
    )
    report = await apply_retention(
        profiles_service.uow(), settings, profiles_service.subject_keys, now
    )
    assert report.deleted["messages"] >= 1 and report.deleted["unverified_accounts"] >= 1
    assert report.deleted["audit_log"] >= 1

    async with profiles_service.chassis.engine.connect() as conn:
        accounts = set(
            (
                await conn.execute(
                    select(orm.accounts.c.id).where(
                        orm.accounts.c.id.in_([uuid.UUID(x) for x in (stale, fresh, verified)])
                    )
                )
            ).scalars()
        )
        messages = set(
            (
                await conn.execute(
                    select(orm.messages.c.id).where(orm.messages.c.conversation_id == conversation)
                )
            ).scalars()
        )
        entries = set(
            (
                await conn.execute(
                    select(orm.audit_log.c.id).where(orm.audit_log.c.id.in_([old_entry, new_entry]))
                )
            ).scalars()
        )
        destroyed = (
            await conn.execute(
                select(func.count()).where(
                    orm.subject_keys.c.subject == stale,
                    orm.subject_keys.c.wrapped_key.is_(None),
                )
            )
        ).scalar_one()
    assert accounts == {uuid.UUID(fresh), uuid.UUID(verified)}
    assert messages == {new_msg}
    assert entries == {new_entry}
    assert destroyed == 1  # the account's personal fields on Kafka are unreadable now
    # every other service forgets the account too
    assert await outbox_events(profiles_service, "profiles.account.erased", stale)
    # nothing configured: nothing deleted but the sign-in throttle's own memory, which is
    # always kept only as long as it counts (none of it is old enough here)
    quiet = settings.model_copy(
        update={
            "retention_messages_days": None,
            "retention_unverified_accounts_days": None,
            "retention_audit_log_days": None,
        }
    )
    report = await apply_retention(profiles_service.uow(), quiet, None, now)
    assert report.deleted == {"sign_in_records": 0, "sign_in_challenges": 0}
