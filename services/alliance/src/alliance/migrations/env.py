"""Alembic environment of the alliance service: its own schema and version table only."""

from alliance.adapters.orm import metadata
from eventkit.migrations import run_env

run_env(metadata)
