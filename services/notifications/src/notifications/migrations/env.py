"""Alembic environment of the notifications service: its own schema and version table only."""

from eventkit.migrations import run_env
from notifications.adapters.orm import metadata

run_env(metadata)
