"""resources service."""
