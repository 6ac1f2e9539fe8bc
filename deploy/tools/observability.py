"""Monitoring resources of the platform (Prometheus Operator and Grafana), for generate.py.

* ``ServiceMonitor diaspora-apis``: every API's ``/metrics`` through its Service;
* ``PodMonitor diaspora-processes``: relays' and workers' ``/metrics`` on their health port
  (eventkit.process_health);
* ``PodMonitor kafka-metrics``: the brokers (Strimzi Metrics Reporter) and Kafka Exporter;
* ``PodMonitor postgres-metrics``: CloudNativePG's instances (its exporter on ``metrics``);
* ``PrometheusRule diaspora-alerts``: ``deploy/monitoring/alerts.yaml``;
* ``ConfigMap diaspora-dashboard``: ``deploy/monitoring/dashboard.json`` for Grafana's
  dashboard sidecar.

Every scrape adds ``platform="diaspora"`` to its targets, so ``up{platform="diaspora"}`` and
the process metrics of the dashboard select the platform's own processes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

MONITORING = Path(__file__).resolve().parents[1] / "monitoring"
ALERTS = MONITORING / "alerts.yaml"
DASHBOARD = MONITORING / "dashboard.json"
Doc = dict[str, Any]
Meta = Callable[..., Doc]

#: what the Strimzi Metrics Reporter exports of each broker (regular expressions over the
#: Prometheus names): enough for the dashboard and Strimzi's own example alerts
KAFKA_METRICS_ALLOWLIST = [
    "kafka_controller.*",
    "kafka_log.*",
    "kafka_network.*",
    "kafka_server_brokertopicmetrics.*",
    "kafka_server_replicamanager.*",
    "kafka_server_kafkarequesthandlerpool.*",
    "kafka_server_socket_server_metrics.*",
    "kafka_server_raft.*",
]

_PLATFORM_LABEL = [{"action": "replace", "targetLabel": "platform", "replacement": "diaspora"}]


def monitoring_docs(cfg: dict[str, Any], meta: Meta, part_of: str) -> list[Doc]:
    mon = cfg["monitoring"]
    extra = dict(mon.get("labels") or {})
    lbls = {"app.kubernetes.io/part-of": part_of, **extra}

    def monitor_meta(name: str) -> Doc:
        return meta(name, lbls, "app")

    kafka_cluster = cfg["kafka"]["cluster"]
    pg_cluster = cfg["postgres"]["cluster"]
    return [
        {
            "apiVersion": "monitoring.coreos.com/v1",
            "kind": "ServiceMonitor",
            "metadata": monitor_meta("diaspora-apis"),
            "spec": {
                "selector": {
                    "matchLabels": {
                        "app.kubernetes.io/part-of": part_of,
                        "app.kubernetes.io/component": "api",
                    }
                },
                "endpoints": [
                    {
                        "port": "http",
                        "path": "/metrics",
                        "interval": "30s",
                        "relabelings": _PLATFORM_LABEL,
                    }
                ],
            },
        },
        {
            "apiVersion": "monitoring.coreos.com/v1",
            "kind": "PodMonitor",
            "metadata": monitor_meta("diaspora-processes"),
            "spec": {
                "selector": {
                    "matchLabels": {"app.kubernetes.io/part-of": part_of},
                    "matchExpressions": [
                        {
                            "key": "app.kubernetes.io/component",
                            "operator": "In",
                            "values": ["relay", "worker"],
                        }
                    ],
                },
                "podMetricsEndpoints": [
                    {
                        "port": "health",
                        "path": "/metrics",
                        "interval": "30s",
                        "relabelings": _PLATFORM_LABEL,
                    }
                ],
            },
        },
        {
            "apiVersion": "monitoring.coreos.com/v1",
            "kind": "PodMonitor",
            "metadata": monitor_meta("kafka-metrics"),
            "spec": {
                # brokers and Kafka Exporter both serve Strimzi's tcp-prometheus port
                "selector": {
                    "matchLabels": {"strimzi.io/cluster": kafka_cluster},
                    "matchExpressions": [
                        {"key": "strimzi.io/kind", "operator": "In", "values": ["Kafka"]}
                    ],
                },
                "podMetricsEndpoints": [
                    {"port": "tcp-prometheus", "path": "/metrics", "interval": "30s"}
                ],
            },
        },
        {
            "apiVersion": "monitoring.coreos.com/v1",
            "kind": "PodMonitor",
            # CloudNativePG's built-in PodMonitor option is deprecated: declared here instead
            "metadata": monitor_meta("postgres-metrics"),
            "spec": {
                "selector": {
                    "matchLabels": {"cnpg.io/cluster": pg_cluster, "cnpg.io/podRole": "instance"}
                },
                "podMetricsEndpoints": [{"port": "metrics", "interval": "30s"}],
            },
        },
        {
            "apiVersion": "monitoring.coreos.com/v1",
            "kind": "PrometheusRule",
            "metadata": monitor_meta("diaspora-alerts"),
            "spec": yaml.safe_load(ALERTS.read_text()),
        },
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": meta(
                "diaspora-dashboard",
                {"app.kubernetes.io/part-of": part_of, mon["grafana_dashboard_label"]: "1"},
                "app",
            ),
            "data": {"diaspora-platform.json": json.dumps(json.loads(DASHBOARD.read_text()))},
        },
    ]
