"""Every log line is one JSON object with a time and a level, the libraries' too, and the
consumer group's membership changes are kept while other library chatter is not."""

from __future__ import annotations

import json
import subprocess
import sys

_EMIT = """
import logging
from eventkit.logging import configure_logging, get_logger

configure_logging("svc", "WARNING")
logging.getLogger("aiokafka.consumer.group_coordinator").info("Joined group 'g' (generation 7)")
logging.getLogger("aiokafka.conn").info("connection chatter")
logging.getLogger("sqlalchemy.engine.Engine").info("SELECT 1")
try:
    raise ValueError("the cause")
except ValueError:
    logging.getLogger("uvicorn.error").error("request failed", exc_info=True)
get_logger().warning("relay.interrupted", error="ConnectionError")
get_logger().info("below the level")
"""


def _lines() -> list[dict[str, object]]:
    out = subprocess.run(
        [sys.executable, "-c", _EMIT], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_library_records_are_json_lines_with_time_level_and_logger() -> None:
    lines = _lines()
    events = [line["event"] for line in lines]
    assert events == ["Joined group 'g' (generation 7)", "request failed", "relay.interrupted"]
    membership, failure, own = lines
    assert membership["level"] == "info"
    assert membership["logger"] == "aiokafka.consumer.group_coordinator"
    assert membership["service"] == "svc"
    assert str(membership["timestamp"]).endswith("Z")
    assert failure["level"] == "error" and "ValueError: the cause" in str(failure["exception"])
    assert own["level"] == "warning" and own["error"] == "ConnectionError"
    assert "timestamp" in own
