"""Rule violations of the alliance domain, each a kind of eventkit's domain errors: the
chassis answers every kind with its one status (eventkit.http.problems.DOMAIN_STATUS)."""

from __future__ import annotations

from eventkit import domain_errors as kinds


class AllianceError(kinds.DomainError):
    """Base of every alliance rule violation (409 unless a more precise kind says)."""

    title = "Alliance rule violated"


class NotFound(AllianceError, kinds.NotFound):
    title = "Not Found"


class NotAllowed(AllianceError, kinds.Forbidden):
    """The actor may not do this (e.g. a non-member voting)."""

    title = "Not allowed"


class InvalidTransition(AllianceError, kinds.Conflict):
    """The aggregate is not in a state where this step is possible."""

    title = "Invalid transition"


class SeatTaken(InvalidTransition):
    """A state applies while it holds or requested a seat (one standing seat per state)."""

    def __init__(self, detail: str = "This state already holds or requested a seat.") -> None:
        super().__init__(detail)


class InvalidInput(AllianceError, kinds.InvalidInput):
    title = "Invalid input"


class NoQuorum(AllianceError, kinds.Conflict):
    title = "No quorum"


class AlreadyVoted(AllianceError, kinds.Conflict):
    title = "Already voted"


class ConcurrentUpdate(AllianceError, kinds.Conflict):
    """Someone else changed the aggregate since it was read; retry the request."""

    title = "Concurrent update"
