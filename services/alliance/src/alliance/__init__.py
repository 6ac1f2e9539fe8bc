"""alliance service."""
