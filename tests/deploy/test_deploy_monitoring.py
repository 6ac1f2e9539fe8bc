"""Monitoring ships with the platform: every process is scraped, the alerting rules are valid
and each alert fires on the series it is about (``promtool check rules`` and ``promtool test
rules``, Prometheus' own tool from the Go module proxy: ``make tools``), the rendered
PrometheusRule is that file, and the Grafana dashboard is one valid definition whose
queries name metrics the platform exports."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml
from deploy_tools import go_tool

REPO = Path(__file__).resolve().parents[2]
MONITORING = REPO / "deploy" / "monitoring"
Doc = dict[str, Any]


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [go_tool("promtool"), *args],
        cwd=MONITORING,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_alerting_rules_are_valid_and_fire_on_what_they_watch() -> None:
    checked = promtool("check", "rules", "alerts.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tested = promtool("test", "rules", "alerts_test.yaml")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    alerts = {
        r["alert"]
        for g in yaml.safe_load((MONITORING / "alerts.yaml").read_text())["groups"]
        for r in g["rules"]
    }
    tests = (MONITORING / "alerts_test.yaml").read_text()
    untested = sorted(a for a in alerts if f"alertname: {a}" not in tests)
    assert not untested, f"alerts without a promtool test: {untested}"
    # the list: 5xx rate, outbox backlog age, consumer lag, DLQ growth, failed
    # sign-in spikes, relay without leader
    assert {
        "DiasporaApiErrorRate",
        "DiasporaOutboxBacklogOld",
        "DiasporaConsumerLagHigh",
        "DiasporaDeadLetters",
        "DiasporaFailedSignInSpike",
        "DiasporaRelayWithoutLeader",
    } <= alerts


def test_promtool_rejects_a_broken_rule(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("groups:\n- name: x\n  rules:\n  - alert: X\n    expr: sum(rate(up[5m])\n")
    assert promtool("check", "rules", str(broken)).returncode != 0


def test_every_process_is_scraped(rendered: dict[str, list[Doc]]) -> None:
    docs = rendered["prod"]
    monitors = {
        d["metadata"]["name"]: d for d in docs if d["kind"] in ("ServiceMonitor", "PodMonitor")
    }
    assert set(monitors) == {
        "diaspora-apis",
        "diaspora-processes",
        "kafka-metrics",
        "postgres-metrics",
    }
    apis = monitors["diaspora-apis"]["spec"]
    assert apis["selector"]["matchLabels"]["app.kubernetes.io/component"] == "api"
    assert apis["endpoints"][0]["port"] == "http"
    services = [
        d for d in docs if d["kind"] == "Service" and d["metadata"]["name"].endswith("-api")
    ]
    for svc in services:
        assert [p["name"] for p in svc["spec"]["ports"]] == ["http"]
    processes = monitors["diaspora-processes"]["spec"]
    assert processes["selector"]["matchExpressions"][0]["values"] == ["relay", "worker"]
    assert processes["podMetricsEndpoints"][0]["port"] == "health"
    (kafka,) = [d for d in docs if d["kind"] == "Kafka"]
    assert kafka["spec"]["kafka"]["metricsConfig"]["type"] == "strimziMetricsReporter"
    assert "kafkaExporter" in kafka["spec"]
    assert monitors["kafka-metrics"]["spec"]["podMetricsEndpoints"][0]["port"] == "tcp-prometheus"
    assert monitors["postgres-metrics"]["spec"]["podMetricsEndpoints"][0]["port"] == "metrics"
    (rule,) = [d for d in docs if d["kind"] == "PrometheusRule"]
    assert rule["spec"] == yaml.safe_load((MONITORING / "alerts.yaml").read_text())
    # the monitoring namespace reaches what it scrapes
    policies = {p["metadata"]["name"]: p["spec"] for p in docs if p["kind"] == "NetworkPolicy"}
    assert policies["health-from-monitoring"]["ingress"][0]["ports"][0]["port"] == 9000


def test_the_dashboard_is_one_valid_definition(rendered: dict[str, list[Doc]]) -> None:
    (config,) = [
        d
        for d in rendered["prod"]
        if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "diaspora-dashboard"
    ]
    assert config["metadata"]["labels"]["grafana_dashboard"] == "1"
    dashboard = json.loads(config["data"]["diaspora-platform.json"])
    assert dashboard == json.loads((MONITORING / "dashboard.json").read_text())
    assert dashboard["uid"] and dashboard["panels"]
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    ours = set(
        re.findall(
            r"\b((?:http|outbox|relay|events|consumer|worker|dead_letter)_[a-z_]+)", " ".join(exprs)
        )
    )
    exported = "\n".join(
        path.read_text() for path in (REPO / "libs" / "eventkit" / "src" / "eventkit").rglob("*.py")
    )
    for name in ours:
        base = re.sub(r"_(bucket|total)$", "", name)
        assert f'"{base}' in exported, f"the dashboard queries {name}, which nothing exports"
