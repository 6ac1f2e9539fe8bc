"""Every log line is one JSON object with a time and a level, the libraries' too, and the
consumer group's membership changes are kept while other library chatter is not."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

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


_STORM = """
import logging, time
import eventkit.logging as logs

logs.REPEAT_INTERVAL_S = 0.5
logs.configure_logging("svc", "INFO")
client = logging.getLogger("aiokafka.client")
client.error("Unable connect to node with id %s: %s", 1, "refused")  # another message
started = time.monotonic()
for i in range(1000):  # a second or more of what a broker outage looks like
    client.error("Unable to update metadata from %s", [i % 3])
    time.sleep(0.0015)
logging.getLogger("uvicorn.error").warning("storm lasted %.3f", time.monotonic() - started)
logging.getLogger("uvicorn.error").error("not a library storm: never aggregated")
logging.getLogger("uvicorn.error").error("not a library storm: never aggregated")
time.sleep(1.5)  # the outage is over: the recovery line comes
"""


@pytest.mark.slow  # real rate-limit intervals: make test, not make test-unit
def test_a_storm_of_library_errors_is_one_line_per_interval_and_a_recovery() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _STORM], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    metadata = [
        line for line in lines if str(line["event"]).startswith("Unable to update metadata")
    ]
    assert metadata[0]["event"] == "Unable to update metadata from [0]"  # the first, clearly
    assert metadata[0]["level"] == "error"
    (lasted,) = [float(line["event"].split()[-1]) for line in lines if "lasted" in line["event"]]
    # the first, then at most one line per interval of 0.5 s
    assert 2 <= len(metadata) <= 2 + lasted / 0.5, [m["event"] for m in metadata]
    counted = 1 + sum(int(m["event"].split("(repeated ")[1].split()[0]) for m in metadata[1:])
    (stopped,) = [line for line in lines if line["event"] == "log.repeats_stopped"]
    assert stopped["message"] == "Unable to update metadata from %s"
    assert stopped["occurrences"] == 1000
    assert counted <= 1000
    assert sum(1 for line in lines if line["event"].startswith("not a library storm")) == 2
    assert len(lines) <= 8 + lasted / 0.5  # instead of 1,000
