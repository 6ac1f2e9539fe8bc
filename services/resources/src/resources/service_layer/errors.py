"""Errors of the use cases: eventkit's kinds, which the chassis answers with their status."""

from __future__ import annotations

from eventkit.domain_errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)

__all__ = [
    "Conflict",
    "Forbidden",
    "InvalidInput",
    "NotFound",
    "PreconditionFailed",
    "PreconditionRequired",
]
