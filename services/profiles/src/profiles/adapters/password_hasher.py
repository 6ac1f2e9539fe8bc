"""argon2id password hashing (default parameters: argon2-cffi's RFC 9106 low-memory profile)."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from eventkit.limits import parallel_slots

_hasher = PasswordHasher()
# verified against when the email is unknown, so a failed sign-in takes the same time
# whether or not the account exists (no account enumeration by timing)
_dummy_hash = _hasher.hash("not-a-real-password-just-for-timing")


def configure(*, time_cost: int | None = None, memory_cost_kib: int | None = None) -> None:
    """Tune the cost (settings); existing hashes keep verifying with their own parameters."""
    global _hasher, _dummy_hash
    defaults = PasswordHasher()
    _hasher = PasswordHasher(
        time_cost=time_cost or defaults.time_cost,
        memory_cost=memory_cost_kib or defaults.memory_cost,
    )
    _dummy_hash = _hasher.hash("not-a-real-password-just-for-timing")
    _size_slots()


def _size_slots() -> None:
    """argon2id is deliberately expensive (64 MiB and a core per hash by default): bounding
    how many run at once keeps memory flat and the event loop responsive under a burst of
    sign-ups and sign-ins. As many as the container has whole CPUs (its cgroup limit, not the
    node's cores), and no more than fit in half its memory limit (eventkit.limits)."""
    global _slots
    _slots = asyncio.Semaphore(parallel_slots(_hasher.memory_cost * 1024))


_slots: asyncio.Semaphore
_size_slots()


async def hash_password_async(password: str) -> str:
    async with _slots:
        return await asyncio.to_thread(hash_password, password)


async def verify_password_async(password_hash: str | None, password: str) -> bool:
    async with _slots:
        return await asyncio.to_thread(verify_password, password_hash, password)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy_hash, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
