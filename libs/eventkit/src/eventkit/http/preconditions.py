"""The ``If-Match`` request header as a route parameter (the check: eventkit.preconditions)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from eventkit.preconditions import IfMatch


async def if_match(
    header: Annotated[
        str | None,
        Header(
            alias="If-Match",
            max_length=1000,
            description='The ETag you last read (W/"<version>"), or *: a change made since '
            "is not overwritten (412); changing an existing thing needs it (428).",
        ),
    ] = None,
) -> IfMatch:
    return IfMatch(header)


IfMatchHeader = Annotated[IfMatch, Depends(if_match)]
