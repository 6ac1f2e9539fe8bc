"""Errors of the use cases (the HTTP layer maps them to problem+json)."""

from __future__ import annotations


class NotFound(Exception):
    pass


class Forbidden(Exception):
    pass


class Conflict(Exception):
    pass


class PreconditionRequired(Exception):
    """A change of an existing entry needs If-Match (no blind overwrites)."""


class PreconditionFailed(Exception):
    """If-Match names a revision that is no longer current."""

    def __init__(self, current_etag: str) -> None:
        super().__init__("the entry changed since you read it; read it again")
        self.current_etag = current_etag
