"""Errors of the use cases (the HTTP layer maps them to problem+json)."""

from __future__ import annotations


class NotFound(Exception):
    pass


class Forbidden(Exception):
    pass


class Conflict(Exception):
    pass
