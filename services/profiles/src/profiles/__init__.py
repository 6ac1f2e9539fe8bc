"""profiles service."""
