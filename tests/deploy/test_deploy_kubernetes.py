"""Every overlay renders and every object validates offline: core kinds against the
Kubernetes OpenAPI schemas shipped by ``kubernetes-validate`` (strict: unknown fields fail),
custom resources (Strimzi, CloudNativePG and its Barman Cloud plugin, KEDA, Gateway API,
Prometheus Operator) with ``kubeconform -strict`` against the operators' own published CRD
schemas in ``shared/crd-schemas`` (tests/deploy/tools.py); a custom resource whose schema is
not there fails."""

from __future__ import annotations

import copy
import json
import subprocess
from typing import Any

import kubernetes_validate
import pytest
import yaml
from deploy_tools import crd_schemas, go_tool

# kubectl/kustomize and the schema validator: seconds each (make test, not make test-unit)
pytestmark = pytest.mark.slow

#: the oldest Kubernetes we support and the newest the wheel knows
KUBERNETES_VERSIONS = ("1.31.0", kubernetes_validate.latest_version())
Doc = dict[str, Any]


def is_core(doc: Doc) -> bool:
    group = doc["apiVersion"].rpartition("/")[0]
    return "." not in group or (group.endswith(".k8s.io") and not group.startswith("gateway."))


def kubeconform(docs: list[Doc]) -> list[str]:
    """kubeconform's verdict on custom resources: one line per object that is not valid
    (invalid, or no schema for its kind and version)."""
    location = str(crd_schemas()) + "/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json"
    done = subprocess.run(
        [
            go_tool("kubeconform"),
            "-strict",
            "-summary",
            "-output",
            "json",
            "-schema-location",
            location,
            "-",
        ],
        input=yaml.safe_dump_all(docs),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(done.stdout)
    seen = report["summary"]["valid"] + report["summary"]["invalid"] + report["summary"]["errors"]
    assert seen == len(docs), done.stdout + done.stderr
    return [
        f"{r['kind']}/{r['name']}: {r['status']}: {r['msg']}"
        for r in report["resources"]
        if r["status"] != "statusValid"
    ]


def core_failures(docs: list[Doc]) -> list[str]:
    failures = []
    for doc in docs:
        for version in KUBERNETES_VERSIONS:
            try:
                kubernetes_validate.validate(doc, version, strict=True)
            except kubernetes_validate.ValidationError as exc:
                failures.append(f"{doc['kind']}/{doc['metadata']['name']} ({version}): {exc}")
    return failures


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_every_object_validates(rendered: dict[str, list[Doc]], overlay: str) -> None:
    docs = rendered[overlay]
    kinds = {d["kind"] for d in docs}
    expected = {"Deployment", "Job", "Service", "PodDisruptionBudget", "NetworkPolicy"}
    expected |= {"HorizontalPodAutoscaler", "ScaledObject", "Gateway", "HTTPRoute"}
    expected |= {"Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster"}
    expected |= {"ServiceMonitor", "PodMonitor", "PrometheusRule"}
    if overlay == "prod":
        expected |= {"ObjectStore", "ScheduledBackup"}
    assert expected <= kinds
    core = [d for d in docs if is_core(d)]
    custom = [d for d in docs if not is_core(d)]
    failures = core_failures(core) + kubeconform(custom)
    assert not failures, "\n".join(failures)


def test_strimzi_resources_use_the_v1_api(rendered: dict[str, list[Doc]]) -> None:
    """Strimzi 1.0 and later serve only kafka.strimzi.io/v1."""
    for overlay in ("dev", "prod"):
        strimzi = [d for d in rendered[overlay] if d["apiVersion"].startswith("kafka.strimzi.io/")]
        assert strimzi and {d["apiVersion"] for d in strimzi} == {"kafka.strimzi.io/v1"}


def test_validation_rejects_broken_objects(rendered: dict[str, list[Doc]]) -> None:
    """Both validators can fail: a typo in a core object, a wrong type in a custom
    resource, a misspelt field (strict), an old API version and an unknown kind."""
    docs = rendered["prod"]
    deployment = copy.deepcopy(next(d for d in docs if d["kind"] == "Deployment"))
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}
    assert core_failures([deployment])
    topic = copy.deepcopy(next(d for d in docs if d["kind"] == "KafkaTopic"))
    topic["spec"]["partitions"] = "six"
    misspelt = copy.deepcopy(next(d for d in docs if d["kind"] == "Kafka"))
    misspelt["spec"]["kafka"]["listners"] = []
    old_api = copy.deepcopy(next(d for d in docs if d["kind"] == "KafkaUser"))
    old_api["apiVersion"] = "kafka.strimzi.io/v1beta2"
    unknown = {"apiVersion": "example.org/v1", "kind": "Gadget", "metadata": {"name": "g"}}
    scaled = copy.deepcopy(next(d for d in docs if d["kind"] == "ScaledObject"))
    scaled["spec"]["triggers"][0]["metadata"]["lagThreshold"] = 50
    broken = [topic, misspelt, old_api, unknown, scaled]
    failures = kubeconform(broken)
    assert len(failures) == len(broken), failures


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_everything_is_namespaced_by_the_overlay(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    namespace = {"dev": "diaspora-dev", "prod": "diaspora"}[overlay]
    for doc in rendered[overlay]:
        if doc["kind"] == "Namespace":
            assert doc["metadata"]["name"] == namespace
            assert doc["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
        else:
            assert doc["metadata"]["namespace"] == namespace, doc["metadata"]["name"]
