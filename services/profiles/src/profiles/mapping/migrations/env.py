"""Alembic environment of the mapping module: its own tables and version table in the
profiles schema (a second migration stream beside the main profiles one)."""

from eventkit.migrations import run_env
from profiles.mapping.adapters.orm import metadata

run_env(metadata, version_table="alembic_version_mapping")
