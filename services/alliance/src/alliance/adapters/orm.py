"""Tables of the alliance schema."""

from __future__ import annotations

from eventkit.db import messaging_tables, service_metadata

SCHEMA = "alliance"
metadata = service_metadata(SCHEMA)
outbox, inbox = messaging_tables(metadata)
