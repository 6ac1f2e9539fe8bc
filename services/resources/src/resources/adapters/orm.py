"""Tables of the resources schema."""

from __future__ import annotations

from eventkit.db import messaging_tables, service_metadata

SCHEMA = "resources"
metadata = service_metadata(SCHEMA)
outbox, inbox = messaging_tables(metadata)
