"""Helpers of ``bench/bench_messaging.py`` (Kafka's own tools, Python clients, outbox relay)."""
