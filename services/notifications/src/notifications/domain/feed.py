"""An in-app feed item: what a person sees in the app's notification list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID


@dataclass(kw_only=True)
class FeedItem:
    id: UUID = field(default_factory=uuid.uuid4)
    person_id: UUID
    category: str
    template: str
    source_event_id: str
    locale: str
    title: str
    body: str
    link: str | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    read_at: datetime | None = None
    #: assigned by the store; orders the feed and is the SSE event id
    position: int = 0
