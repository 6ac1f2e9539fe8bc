"""Alembic environment of the resources service: its own schema and version table only."""

from eventkit.migrations import run_env
from resources.adapters.orm import metadata

run_env(metadata)
