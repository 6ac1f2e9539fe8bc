"""Rule violations of the alliance domain; the HTTP layer maps each kind to a problem status."""

from __future__ import annotations


class AllianceError(Exception):
    """Base of every domain error. ``title`` is the short, stable problem title."""

    title = "Alliance rule violated"


class NotFound(AllianceError):
    title = "Not found"


class NotAllowed(AllianceError):
    """The actor may not do this (e.g. a non-member voting)."""

    title = "Not allowed"


class InvalidTransition(AllianceError):
    """The aggregate is not in a state where this step is possible."""

    title = "Invalid transition"


class InvalidInput(AllianceError):
    title = "Invalid input"


class NoQuorum(AllianceError):
    title = "No quorum"


class AlreadyVoted(AllianceError):
    title = "Already voted"


class ConcurrentUpdate(AllianceError):
    """Someone else changed the aggregate since it was read; retry the request."""

    title = "Concurrent update"


class StaleVersion(AllianceError):
    """The client edited an older version than the current one (If-Match mismatch)."""

    title = "Precondition Failed"
