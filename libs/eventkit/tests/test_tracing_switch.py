"""Tracing is off by default at no cost (nothing of OpenTelemetry's SDK is imported, every
hook is a shared null context) and on when the standard OTEL_* variables ask for it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from eventkit import tracing

_OFF = """
import sys
from eventkit import tracing
from eventkit.service import Chassis
from eventkit.db import service_metadata
from eventkit.settings import ServiceSettings

Chassis(ServiceSettings(service_name="quiet"), service_metadata("quiet"))
assert not tracing.enabled()
assert tracing.span("a") is tracing.span("b") is tracing.spans_of_batch("c", [None])
with tracing.span("a") as traceparent:
    assert traceparent is None
loaded = sorted(m for m in sys.modules if m.startswith("opentelemetry.sdk"))
assert not loaded, loaded
print("off")
"""


@pytest.mark.slow  # a fresh interpreter: make test, not make test-unit
def test_off_by_default_loads_nothing() -> None:
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("OTEL_")}
    done = subprocess.run(
        [sys.executable, "-c", _OFF], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and done.stdout.strip() == "off", done.stderr[-2000:]


def test_the_standard_variables_turn_it_on() -> None:
    assert not tracing.requested({})
    assert tracing.requested({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"})
    assert tracing.requested({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318/v1/traces"})
    assert tracing.requested({"OTEL_TRACES_EXPORTER": "otlp"})
    assert not tracing.requested({"OTEL_TRACES_EXPORTER": "none"})
    assert not tracing.requested(
        {"OTEL_SDK_DISABLED": "true", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}
    )
