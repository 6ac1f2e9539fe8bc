"""checkov over everything that ships: both rendered overlays and every Dockerfile, in one
run per session (checkov is slow to start). Findings are fixed, or skipped in place with a
reason (``checkov.io/skipN`` annotations in the generator, ``# checkov:skip=`` in the
Dockerfiles). A deliberately insecure canary proves the scan can fail."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

# checkov: seconds each (make test, not make test-unit)
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SERVICES = ["alliance", "notifications", "profiles", "resources"]
CANARY = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: canary, namespace: canary}
spec:
  selector: {matchLabels: {app: canary}}
  template:
    metadata: {labels: {app: canary}}
    spec:
      containers:
        - name: canary
          image: busybox:latest
          securityContext: {privileged: true}
"""


@pytest.fixture(scope="session")
def checkov_report(rendered_text: dict[str, str], tmp_path_factory: Any) -> list[dict[str, Any]]:
    root = tmp_path_factory.mktemp("checkov")
    for overlay, text in rendered_text.items():
        (root / "k8s").mkdir(exist_ok=True)
        (root / "k8s" / f"{overlay}.yaml").write_text(text)
    for svc in SERVICES:
        (root / "images" / svc).mkdir(parents=True)
        shutil.copy(REPO / "services" / svc / "Dockerfile", root / "images" / svc / "Dockerfile")
    (root / "canary").mkdir()
    (root / "canary" / "canary.yaml").write_text(CANARY)
    checkov = Path(sys.executable).parent / "checkov"
    done = subprocess.run(
        [
            str(checkov),
            "--directory",
            str(root),
            "--framework",
            "kubernetes",
            "dockerfile",
            "--skip-download",
            "--compact",
            "--output",
            "json",
        ],
        env={**os.environ, "BC_SKIP_MAPPING": "TRUE"},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.stdout.strip(), done.stderr
    report = json.loads(done.stdout)
    return report if isinstance(report, list) else [report]


def failures(report: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for r in report for f in r["results"]["failed_checks"]]


def test_no_findings_outside_the_canary(checkov_report: list[dict[str, Any]]) -> None:
    real = [f for f in failures(checkov_report) if "/canary/" not in f["file_abs_path"]]
    listed = [
        f"{f['check_id']} {f['resource']} ({f['file_path']}): {f['check_name']}" for f in real
    ]
    assert not listed, "\n".join(listed)
    by_type = {r["check_type"]: r["summary"] for r in checkov_report}
    assert by_type["kubernetes"]["parsing_errors"] == 0
    assert by_type["dockerfile"]["resource_count"] >= len(SERVICES)
    assert by_type["kubernetes"]["resource_count"] > 100


def test_the_scan_can_fail(checkov_report: list[dict[str, Any]]) -> None:
    canary = {f["check_id"] for f in failures(checkov_report) if "/canary/" in f["file_abs_path"]}
    assert {"CKV_K8S_16", "CKV_K8S_14"} <= canary  # privileged, image tag latest


def test_every_skip_is_justified(checkov_report: list[dict[str, Any]]) -> None:
    skipped = [s for r in checkov_report for s in r["results"]["skipped_checks"]]
    assert skipped
    for s in skipped:
        reason = (s.get("check_result") or {}).get("suppress_comment", "")
        assert len(reason.strip()) > 20, f"{s['check_id']} on {s['resource']} lacks a reason"
    dockerfile = {
        s["check_id"]
        for r in checkov_report
        if r["check_type"] == "dockerfile"
        for s in r["results"]["skipped_checks"]
    }
    assert dockerfile == {"CKV_DOCKER_2"}  # HEALTHCHECK: probes live in Kubernetes


def test_skips_are_only_the_documented_ones(rendered_text: dict[str, str]) -> None:
    ids = set()
    for text in rendered_text.values():
        for doc in yaml.safe_load_all(text):
            for key, value in ((doc or {}).get("metadata", {}).get("annotations") or {}).items():
                if key.startswith("checkov.io/skip"):
                    ids.add(value.split("=", 1)[0])
    assert ids == {"CKV_K8S_43", "CKV_K8S_35"}  # every process has liveness and readiness
