"""The connection budget of the rendered prod overlay (deploy/README.md, "Connection budget").

Per service role: every Deployment at its most replicas (HPA maxReplicas, KEDA
maxReplicaCount, else replicas) plus one surge pod of a rolling update, each process opening
at most DB_POOL_SIZE + DB_POOL_MAX_OVERFLOW connections, plus the migration Job, must fit
the role's ``connectionLimit``. The roles together, plus what PostgreSQL and the operator
reserve, must stay 10% under the cluster's ``max_connections``.
"""

from __future__ import annotations

from typing import Any

import pytest

Doc = dict[str, Any]
#: superuser_reserved_connections (3), streaming replicas (instances - 1 = 2) and the
#: operator's instance manager and metrics exporter (5, generously)
RESERVED = 3 + 2 + 5
HEADROOM = 0.9


def env_of(pod: Doc) -> dict[str, str]:
    (c,) = pod["containers"]
    return {e["name"]: e.get("value", "") for e in c["env"]}


def per_process(pod: Doc) -> int:
    env = env_of(pod)
    return int(env["DB_POOL_SIZE"]) + int(env["DB_POOL_MAX_OVERFLOW"])


def most_replicas(d: Doc, docs: list[Doc]) -> int:
    name = d["metadata"]["name"]
    for a in docs:
        if a["kind"] == "HorizontalPodAutoscaler" and a["spec"]["scaleTargetRef"]["name"] == name:
            return int(a["spec"]["maxReplicas"])
        if a["kind"] == "ScaledObject" and a["spec"]["scaleTargetRef"]["name"] == name:
            return int(a["spec"]["maxReplicaCount"])
    return int(d["spec"]["replicas"])


def role_demand(docs: list[Doc]) -> dict[str, int]:
    demand: dict[str, int] = {}
    for d in docs:
        if d["kind"] not in ("Deployment", "Job"):
            continue
        svc = d["metadata"]["labels"]["app.kubernetes.io/name"]
        pod = d["spec"]["template"]["spec"]
        if "DB_POOL_SIZE" not in env_of(pod):
            assert "DATABASE_URL" not in env_of(pod), f"{svc} connects without a pool budget"
            continue  # a process without a database (e.g. the web client's)
        if d["kind"] == "Job":
            pods = 1
        else:
            surge = int(d["spec"]["strategy"]["rollingUpdate"]["maxSurge"])
            pods = most_replicas(d, docs) + surge
        demand[svc] = demand.get(svc, 0) + pods * per_process(pod)
    return demand


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_every_role_fits_its_connection_limit(rendered: dict[str, list[Doc]], overlay: str) -> None:
    docs = rendered[overlay]
    (cluster,) = [d for d in docs if d["kind"] == "Cluster"]
    limits = {r["name"]: r["connectionLimit"] for r in cluster["spec"]["managed"]["roles"]}
    demand = role_demand(docs)
    assert sorted(demand) == sorted(limits)
    over = {svc: (need, limits[svc]) for svc, need in demand.items() if need > limits[svc]}
    assert not over, f"connections needed > role limit: {over}"


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_the_roles_fit_max_connections_with_headroom(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    (cluster,) = [d for d in rendered[overlay] if d["kind"] == "Cluster"]
    max_connections = int(cluster["spec"]["postgresql"]["parameters"]["max_connections"])
    roles = sum(r["connectionLimit"] for r in cluster["spec"]["managed"]["roles"])
    assert roles + RESERVED <= HEADROOM * max_connections, (roles, RESERVED, max_connections)


def test_the_budget_check_can_fail(rendered: dict[str, list[Doc]]) -> None:
    """Ten more API replicas would not fit: the check counts what it claims to."""
    docs = [dict(d) for d in rendered["prod"]]
    for i, d in enumerate(docs):
        if d["kind"] == "HorizontalPodAutoscaler":
            docs[i] = {**d, "spec": {**d["spec"], "maxReplicas": d["spec"]["maxReplicas"] + 10}}
    (cluster,) = [d for d in docs if d["kind"] == "Cluster"]
    limits = {r["name"]: r["connectionLimit"] for r in cluster["spec"]["managed"]["roles"]}
    assert any(need > limits[svc] for svc, need in role_demand(docs).items())
