"""KEK rotation of the subject keys (eventkit.subject_keys), against the real Postgres.

Keys wrapped under KEK A are read by a store whose current KEK is B and previous A; rewrap
moves every live key to B in batches (two workers take different rows) and never touches a
destroyed key; afterwards B alone reads everything; a KEK that wrapped nothing fails cleanly.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
from collections.abc import AsyncIterator

import kit
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from eventkit.subject_keys import KeyWrapper, SqlSubjectKeys, UnwrapError, decode_kek, kek_id

A, B, C = os.urandom(32), os.urandom(32), os.urandom(32)
t = kit.subject_keys


def store(current: bytes, *previous: bytes) -> SqlSubjectKeys:
    return SqlSubjectKeys(t, KeyWrapper(current, previous))


@pytest.fixture
async def sessions(kit_db: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_async_engine(kit_db)
    yield async_sessionmaker(engine, expire_on_commit=False)
    await engine.dispose()


async def _keys_of(keys: SqlSubjectKeys, session: AsyncSession, ids: list[str]) -> dict:
    return {key_id: await keys.key(session, key_id) for key_id in ids}


def test_kek_ids_are_short_public_and_distinct() -> None:
    assert kek_id(A) == hashlib.sha256(A).hexdigest()[:16]
    assert len(kek_id(A)) == 16 and kek_id(A) != kek_id(B)
    wrapper = KeyWrapper(B, [A, A, B])  # repeats change nothing
    assert wrapper.current_id == kek_id(B) and wrapper.previous_ids == [kek_id(A)]
    assert base64.b64encode(B).decode() not in repr(wrapper.kek_ids)


def test_malformed_keks_are_refused_by_name_never_by_value() -> None:
    with pytest.raises(ValueError, match="SOME_KEK is not valid base64") as err:
        decode_kek("not*base64!", "SOME_KEK")
    assert "not*base64" not in str(err.value)
    stray = base64.b64encode(A).decode()
    with pytest.raises(ValueError, match="not valid base64"):  # no character is ignored
        decode_kek(stray[:10] + "*" + stray[10:], "SOME_KEK")
    assert decode_kek(f" {stray[:20]}\n{stray[20:]}\n", "SOME_KEK") == A  # whitespace aside
    short = base64.b64encode(os.urandom(16)).decode()
    with pytest.raises(ValueError, match="SOME_KEK must be 32 bytes") as err:
        decode_kek(short, "SOME_KEK")
    assert short not in str(err.value)
    with pytest.raises(ValueError, match="previous key-encryption key #2"):
        KeyWrapper.from_b64(base64.b64encode(B).decode(), f"{base64.b64encode(A).decode()},xx")
    with pytest.raises(ValueError, match="32 bytes"):
        KeyWrapper(B, [os.urandom(31)])


def test_a_kek_that_did_not_wrap_a_key_fails_cleanly() -> None:
    blob = KeyWrapper(A).wrap(b"k" * 32, "key-1")
    assert KeyWrapper(B, [A]).unwrap(blob, "key-1") == b"k" * 32  # no kek_id: tries each
    assert KeyWrapper(B, [A]).unwrap(blob, "key-1", kek_id(A)) == b"k" * 32
    with pytest.raises(UnwrapError, match="no configured KEK"):
        KeyWrapper(C).unwrap(blob, "key-1")
    with pytest.raises(UnwrapError, match=f"wrapped under KEK {kek_id(A)}, which is not config"):
        KeyWrapper(C, [B]).unwrap(blob, "key-1", kek_id(A))
    with pytest.raises(UnwrapError):  # the row names a configured KEK that did not wrap it
        KeyWrapper(C, [A]).unwrap(KeyWrapper(C).wrap(b"k" * 32, "key-1"), "key-1", kek_id(A))
    with pytest.raises(UnwrapError):  # bound to its key id
        KeyWrapper(A).unwrap(blob, "key-2", kek_id(A))


async def test_rotation_reads_everything_rewraps_everything_and_spares_destroyed_keys(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    old = store(A)
    subjects = [f"person-{n}" for n in range(7)]
    async with sessions() as s:
        found = {subject: await old.key_for(s, subject) for subject in subjects}
        await s.commit()
    keys = {key_id: key for key_id, key in (f for f in found.values() if f)}
    assert len(keys) == 7
    async with sessions() as s:
        rows = (await s.execute(select(t.c.kek_id))).scalars().all()
        assert set(rows) == {kek_id(A)}
        # two rows from before KEK ids (the migration leaves them NULL)
        legacy = [found["person-0"][0], found["person-1"][0]]  # type: ignore[index]
        await s.execute(update(t).where(t.c.key_id.in_(legacy)).values(kek_id=None))
        # one person erased under KEK A, one erased while still without a kek_id
        assert await old.destroy(s, "person-2") and await old.destroy(s, "person-1")
        await s.commit()
        destroyed = (
            await s.execute(
                select(t.c.key_id, t.c.kek_id, t.c.destroyed_at).where(t.c.wrapped_key.is_(None))
            )
        ).all()
    assert len(destroyed) == 2
    live = {k: v for k, v in keys.items() if k not in {d.key_id for d in destroyed}}

    # restarted with current=B, previous=[A]: every key reads, old and new
    rotated = store(B, A)
    async with sessions() as s:
        assert await _keys_of(rotated, s, list(live)) == live
        assert await rotated.key(s, destroyed[0].key_id) is None
        assert await rotated.key_for(s, "person-3") == found["person-3"]
        assert await rotated.key_for(s, "person-2") is None  # erased stays erased
        new_id, new_key = await rotated.key_for(s, "person-new")  # type: ignore[misc]
        await s.commit()
        assert (
            await s.execute(select(t.c.kek_id).where(t.c.key_id == new_id))
        ).scalar_one() == kek_id(B)
        assert await rotated.kek_usage(s) == {kek_id(A): 4, None: 1, kek_id(B): 1}
        assert await rotated.left_to_rewrap(s) == 5

    # rewrap in batches until nothing is left
    done = []
    while True:
        async with sessions() as s:
            n = await rotated.rewrap(s, 2)
            await s.commit()
        if not n:
            break
        done.append(n)
    assert done == [2, 2, 1]
    async with sessions() as s:
        assert await rotated.left_to_rewrap(s) == 0
        assert await rotated.kek_usage(s) == {kek_id(B): 6}
        assert await rotated.destroyed_count(s) == 2
        after = (
            await s.execute(
                select(t.c.key_id, t.c.kek_id, t.c.destroyed_at).where(t.c.wrapped_key.is_(None))
            )
        ).all()
        assert sorted(after) == sorted(destroyed)  # untouched: same kek_id, same time
        assert await rotated.rewrap(s, 100) == 0

    # the previous KEK removed: B alone reads every key, old and new
    only_b = store(B)
    async with sessions() as s:
        assert await _keys_of(only_b, s, [*live, new_id]) == {**live, new_id: new_key}
        for d in destroyed:
            assert await only_b.key(s, d.key_id) is None
        # a KEK that never wrapped anything cannot read them: a clear error, not garbage
        with pytest.raises(UnwrapError, match=f"wrapped under KEK {kek_id(B)}"):
            await store(C).key(s, new_id)
        with pytest.raises(UnwrapError):
            await store(C, A).key_for(s, "person-3")


async def test_two_workers_rewrap_different_rows(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    old = store(A)
    async with sessions() as s:
        for n in range(10):
            await old.key_for(s, f"person-{n}")
        await s.commit()
    rotated = store(B, A)
    async with sessions() as first, sessions() as second:
        assert await rotated.rewrap(first, 4) == 4  # its rows stay locked until it commits
        # the second worker skips them rather than waiting
        assert await asyncio.wait_for(rotated.rewrap(second, 100), 10) == 6
        await second.commit()
        await first.commit()
    async with sessions() as s:
        assert await rotated.kek_usage(s) == {kek_id(B): 10}


async def test_a_key_no_configured_kek_opens_stops_the_batch_and_changes_nothing(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as s:
        await store(A).key_for(s, "person-a")
        await store(C).key_for(s, "person-c")
        # both from before KEK ids: nothing says which KEK wrapped them
        await s.execute(update(t).values(kek_id=None))
        await s.commit()
    rotated = store(B, A)  # C is missing from the configuration
    async with sessions() as s:
        before = (await s.execute(select(t.c.key_id, t.c.wrapped_key, t.c.kek_id))).all()
        with pytest.raises(UnwrapError, match="no configured KEK"):
            await rotated.rewrap(s, 10)
        await s.rollback()
        after = (await s.execute(select(t.c.key_id, t.c.wrapped_key, t.c.kek_id))).all()
        assert sorted(after) == sorted(before)
    # with C configured too, everything moves to B
    async with sessions() as s:
        assert await store(B, A, C).rewrap(s, 10) == 2
        await s.commit()
        assert await store(B).kek_usage(s) == {kek_id(B): 2}
