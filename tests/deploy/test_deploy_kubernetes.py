"""Every overlay renders and every object validates offline: core kinds against the
Kubernetes OpenAPI schemas shipped by ``kubernetes-validate`` (strict: unknown fields fail),
operator CRDs (Strimzi, CloudNativePG, KEDA, Gateway API) against ``deploy/schemas``."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "deploy" / "schemas"
#: the oldest Kubernetes we support and the newest the wheel knows
KUBERNETES_VERSIONS = ("1.31.0", kubernetes_validate.latest_version())
Doc = dict[str, Any]


def crd_schema(doc: Doc) -> Path:
    group, _, version = doc["apiVersion"].rpartition("/")
    return SCHEMAS / f"{group}_{version}_{doc['kind']}.json"


def is_core(doc: Doc) -> bool:
    group = doc["apiVersion"].rpartition("/")[0]
    return "." not in group or (group.endswith(".k8s.io") and not group.startswith("gateway."))


def validate(doc: Doc) -> None:
    if is_core(doc):
        for version in KUBERNETES_VERSIONS:
            kubernetes_validate.validate(doc, version, strict=True)
    else:
        path = crd_schema(doc)
        assert path.exists(), f"no schema for {doc['apiVersion']} {doc['kind']} in deploy/schemas"
        jsonschema.Draft202012Validator(json.loads(path.read_text())).validate(doc)


def test_vendored_crd_schemas_are_valid_json_schemas() -> None:
    paths = sorted(SCHEMAS.glob("*.json"))
    assert len(paths) >= 9
    for path in paths:
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text()))


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_every_object_validates(rendered: dict[str, list[Doc]], overlay: str) -> None:
    docs = rendered[overlay]
    kinds = {d["kind"] for d in docs}
    expected = {"Deployment", "Job", "Service", "PodDisruptionBudget", "NetworkPolicy"}
    expected |= {"ScaledObject", "Gateway", "HTTPRoute", "KafkaTopic", "KafkaUser", "Cluster"}
    assert expected <= kinds
    failures = []
    for doc in docs:
        try:
            validate(doc)
        except (jsonschema.ValidationError, kubernetes_validate.ValidationError) as exc:
            failures.append(f"{doc['kind']}/{doc['metadata']['name']}: {exc}")
    assert not failures, "\n".join(failures)


def test_validation_rejects_broken_objects(rendered: dict[str, list[Doc]]) -> None:
    """Both validators can fail: a typo in a core object and a wrong type in a CRD."""
    docs = rendered["prod"]
    deployment = copy.deepcopy(next(d for d in docs if d["kind"] == "Deployment"))
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(deployment)
    topic = copy.deepcopy(next(d for d in docs if d["kind"] == "KafkaTopic"))
    topic["spec"]["partitions"] = "six"
    with pytest.raises(jsonschema.ValidationError):
        validate(topic)
    scaled = copy.deepcopy(next(d for d in docs if d["kind"] == "ScaledObject"))
    scaled["spec"]["triggers"][0]["metadata"]["lagThreshold"] = 50
    with pytest.raises(jsonschema.ValidationError):
        validate(scaled)


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
