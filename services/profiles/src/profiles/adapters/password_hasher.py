"""argon2id password hashing (default parameters: argon2-cffi's RFC 9106 low-memory profile)."""

from __future__ import annotations

import asyncio
import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

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


#: argon2id is deliberately expensive (64 MiB and a core per hash): bounding how many run at
#: once keeps memory flat and the event loop responsive under a burst of sign-ups/sign-ins
_slots = asyncio.Semaphore(max(1, (os.cpu_count() or 2) // 2))


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
