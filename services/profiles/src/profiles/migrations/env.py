"""Alembic environment of the profiles service: its own schema and version table only."""

from eventkit.migrations import run_env
from profiles.adapters.orm import metadata

run_env(metadata)
