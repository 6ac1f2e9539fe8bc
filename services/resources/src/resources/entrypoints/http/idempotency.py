"""``Idempotency-Key`` on creating POSTs: a retry with the same key and the same request gets
the first response again (nothing is created twice); the same key with a different request is
refused. The key is claimed before the work and released if the work fails."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert

from eventkit.http.problems import Problem
from resources.adapters.orm import idempotency_keys


async def idempotent(
    request: Request,
    principal_id: UUID,
    body: BaseModel,
    status: int,
    work: Callable[[], Awaitable[tuple[BaseModel, dict[str, str]]]],
) -> Response:
    """Run ``work`` once per (principal, Idempotency-Key); replay its response to retries."""
    key = request.headers.get("idempotency-key")
    if key is None:
        result, headers = await work()
        return JSONResponse(result.model_dump(mode="json"), status_code=status, headers=headers)
    if not 1 <= len(key) <= 200:
        raise Problem(400, "Bad Request", "Idempotency-Key must be 1 to 200 characters")
    digest = hashlib.sha256(
        f"{request.method} {request.url.path}\n{body.model_dump_json()}".encode()
    ).hexdigest()
    sessions = request.app.state.chassis.sessions
    async with sessions() as s, s.begin():
        claimed = await s.execute(
            insert(idempotency_keys)
            .values(
                principal_id=principal_id,
                key=key,
                request_hash=digest,
                created_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing()
            .returning(idempotency_keys.c.key)
        )
        first = claimed.first() is not None
        if not first:
            row = (
                (
                    await s.execute(
                        select(idempotency_keys).where(
                            idempotency_keys.c.principal_id == principal_id,
                            idempotency_keys.c.key == key,
                        )
                    )
                )
                .mappings()
                .one()
            )
    if not first:
        if row["request_hash"] != digest:
            raise Problem(
                422,
                "Unprocessable Content",
                "This Idempotency-Key was used for a different request.",
            )
        if row["status"] is None:
            raise Problem(409, "Conflict", "A request with this Idempotency-Key is in progress.")
        stored: dict[str, Any] = row["body"]
        return JSONResponse(
            stored["content"],
            status_code=row["status"],
            headers={**stored.get("headers", {}), "Idempotent-Replayed": "true"},
        )
    try:
        result, headers = await work()
    except BaseException:
        async with sessions() as s, s.begin():
            await s.execute(
                delete(idempotency_keys).where(
                    idempotency_keys.c.principal_id == principal_id, idempotency_keys.c.key == key
                )
            )
        raise
    content = json.loads(result.model_dump_json())
    async with sessions() as s, s.begin():
        await s.execute(
            update(idempotency_keys)
            .where(idempotency_keys.c.principal_id == principal_id, idempotency_keys.c.key == key)
            .values(status=status, body={"content": content, "headers": headers})
        )
    return JSONResponse(content, status_code=status, headers=headers)
