"""Integration event models, one module per owning service."""
