"""``ETag`` / ``If-Match`` against lost updates (RFC 9110 §13.1.1), one format everywhere.

An entity's ETag is its version, weak: ``W/"7"`` (a representation varies with the reader's
language and rights, the version does not). ``If-Match`` is compared by version, so a tag
sent strong (``"7"``) or weak (``W/"7"``) both name version 7; ``*`` names any current
version; a list names any of them. Where a change needs a precondition and none came, the
answer is 428; where it names no current version (or the thing does not exist), 412 with
the current ETag.

The use case checks inside its transaction, against the version it just loaded:

    expected.check(profile.version if profile else None)
"""

from __future__ import annotations

from dataclasses import dataclass

from eventkit.domain_errors import PreconditionFailed, PreconditionRequired


def etag(version: int) -> str:
    return f'W/"{version}"'


def _tag_version(tag: str) -> int | None:
    tag = tag.strip().removeprefix("W/")
    if len(tag) < 2 or tag[0] != '"' or tag[-1] != '"' or not tag[1:-1].isdigit():
        return None
    return int(tag[1:-1])


@dataclass(frozen=True)
class IfMatch:
    """What an ``If-Match`` header asks for (``header`` None: it was not sent)."""

    header: str | None = None

    @property
    def sent(self) -> bool:
        return self.header is not None

    @property
    def any_version(self) -> bool:
        return self.header is not None and self.header.strip() == "*"

    def versions(self) -> frozenset[int]:
        if self.header is None:
            return frozenset()
        named = (_tag_version(tag) for tag in self.header.split(","))
        return frozenset(v for v in named if v is not None)

    def check(self, current: int | None, *, required: bool = True, what: str = "it") -> None:
        """Raise unless a change of the thing at version ``current`` (None: absent) may go on.

        ``required``: a change of an existing thing needs the header (428 without it).
        Creating (``current`` None) needs none, but a header sent for a thing that does not
        exist fails (412), as RFC 9110 says.
        """
        if self.header is None:
            if required and current is not None:
                raise PreconditionRequired(
                    f"Send If-Match with the ETag you last read of {what}, "
                    "so you do not overwrite someone else's change."
                )
            return
        if current is None:
            raise PreconditionFailed(f"If-Match names a version, but {what} does not exist.")
        if self.any_version or current in self.versions():
            return
        raise PreconditionFailed(
            f"{what[0].upper()}{what[1:]} changed since you read it: read it again and "
            "reapply your change.",
            current_etag=etag(current),
        )
