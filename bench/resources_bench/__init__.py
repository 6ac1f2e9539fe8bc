"""Shared helpers of the resources benchmarks (bench_resources_*.py)."""
