"""The kinds of rule violation every service's domain and use cases raise.

A service subclasses a kind for its own rules (``class NoQuorum(Conflict)``) and raises it
with a sentence for the person who asked (``detail``); the chassis answers every kind with
one problem+json status (``eventkit.http.problems.DOMAIN_STATUS``: the one status table), so
entrypoints catch nothing and translate nothing. No HTTP here: the same errors reach the
event consumers, which treat them as the rules they are.
"""

from __future__ import annotations

from typing import Any, ClassVar


class DomainError(Exception):
    """Base of every rule violation. ``title`` is the short, stable problem title;
    ``detail`` says what happened to this request; ``extensions`` are extra members of the
    problem document (e.g. ``current_etag``)."""

    title: ClassVar[str] = "Conflict"
    #: the problem type: a URI naming this kind of problem for clients that act on it
    type: ClassVar[str] = "about:blank"
    #: the sentence for the person who asked when the raise gives none
    message: ClassVar[str] = ""

    def __init__(self, detail: str = "", **extensions: Any) -> None:
        detail = detail or self.message
        super().__init__(detail or self.title)
        self.detail = detail or None
        self.extensions = extensions


class BadRequest(DomainError):
    """The request cannot be understood as asked (e.g. an invalid or used link)."""

    title = "Bad Request"


class Unauthenticated(DomainError):
    """Who is asking could not be established (e.g. a wrong password)."""

    title = "Unauthorized"


class Forbidden(DomainError):
    """The actor may not do this."""

    title = "Forbidden"


class NotFound(DomainError):
    """Absent, or hidden from this actor: the two answer the same (no existence oracle)."""

    title = "Not Found"


class Conflict(DomainError):
    """The thing is not in a state where this is possible."""

    title = "Conflict"


class Gone(DomainError):
    """It existed and no longer can be used (e.g. an expired link)."""

    title = "Gone"


class PreconditionFailed(DomainError):
    """``If-Match`` names a version that is no longer current."""

    title = "Precondition Failed"


class PreconditionRequired(DomainError):
    """A change that needs ``If-Match`` came without it (no blind overwrites)."""

    title = "Precondition Required"


class ContentTooLarge(DomainError):
    """A file or document is larger than the rules allow."""

    title = "Content Too Large"


class UnsupportedMediaType(DomainError):
    """A file or document is of a type the rules do not accept."""

    title = "Unsupported Media Type"


class InvalidInput(DomainError):
    """A value breaks a rule of the domain (beyond what the request model checks)."""

    title = "Unprocessable Content"

    def __init__(self, detail: str = "", *, field: str | None = None, **extensions: Any) -> None:
        if field is not None:
            extensions.setdefault("errors", [{"loc": ["body", field], "msg": detail}])
        super().__init__(detail, **extensions)
        self.field = field


class UpstreamFailed(DomainError):
    """Another party the request needs (e.g. a sign-in provider) failed or is away."""

    title = "Bad Gateway"


class TooManyRequests(DomainError):
    """Slow down: try again after ``retry_after_s`` seconds."""

    title = "Too Many Requests"

    def __init__(self, detail: str = "", *, retry_after_s: int, **extensions: Any) -> None:
        super().__init__(detail, retry_after=retry_after_s, **extensions)
        self.retry_after_s = retry_after_s
