"""Opaque keyset-paging cursors: the sort key of a page's last row, as URL-safe base64 JSON.

Every list of every service pages the same way (``next_cursor`` in, ``cursor`` back), so a
client learns it once; a cursor the API did not give out is a 400, never a 500."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any
from uuid import UUID

from eventkit.domain_errors import BadRequest

__all__ = ["InvalidCursor", "decode_cursor", "decode_time_key", "encode_cursor", "encode_time_key"]


class InvalidCursor(BadRequest, ValueError):
    """A cursor this API did not give out (400)."""

    def __init__(self, detail: str = "The cursor is not one this API returned.") -> None:
        super().__init__(detail)


def encode_cursor(key: Any) -> str:
    """``key``: the last row's sort key, anything JSON can carry (a list or a dict)."""
    raw = json.dumps(key, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> Any:
    try:
        return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursor() from exc


def encode_time_key(at: datetime, row_id: UUID) -> str:
    """The commonest key: newest first by a timestamp, the row id breaking ties."""
    return encode_cursor([at.isoformat(), str(row_id)])


def decode_time_key(cursor: str) -> tuple[datetime, UUID]:
    key = decode_cursor(cursor)
    try:
        at, row_id = key
        return datetime.fromisoformat(at), UUID(row_id)
    except (TypeError, ValueError) as exc:
        raise InvalidCursor() from exc
