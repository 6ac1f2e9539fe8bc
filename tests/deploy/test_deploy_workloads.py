"""What the manifests promise operators: hardened pods, the right probes, graceful shutdown
longer than the consumer's graceful timeout, one relay, consumers autoscaled on lag up to
the partition count, a migration Job per service, PDBs, default-deny networking and secrets
only by reference."""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

import pytest

from contracts.registry import all_topics
from eventkit.settings import ServiceSettings

Doc = dict[str, Any]
OVERLAYS = ["dev", "prod"]
SERVICES = ["alliance", "notifications", "profiles", "resources"]


def of_kind(docs: list[Doc], kind: str) -> list[Doc]:
    return [d for d in docs if d["kind"] == kind]


def pod_templates(docs: list[Doc]) -> list[tuple[Doc, Doc]]:
    return [(d, d["spec"]["template"]["spec"]) for d in docs if d["kind"] in ("Deployment", "Job")]


def component(doc: Doc) -> str:
    return doc["metadata"]["labels"]["app.kubernetes.io/component"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pods_are_hardened(rendered: dict[str, list[Doc]], overlay: str) -> None:
    for owner, pod in pod_templates(rendered[overlay]):
        name = owner["metadata"]["name"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert pod["automountServiceAccountToken"] is False, name
        for c in pod["containers"]:
            sc = c["securityContext"]
            assert sc["readOnlyRootFilesystem"] is True, name
            assert sc["allowPrivilegeEscalation"] is False, name
            assert sc["capabilities"] == {"drop": ["ALL"]}, name
            assert c["resources"]["requests"] and c["resources"]["limits"], name
            # the only writable path is an emptyDir at /tmp
            assert [m["mountPath"] for m in c["volumeMounts"]] == ["/tmp"], name


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_processes_are_the_cli_commands(rendered: dict[str, list[Doc]], overlay: str) -> None:
    """The image's ENTRYPOINT is ``python -m <svc>``; the manifests only pick the command."""
    expected = {
        "api": ["api", "--host", "0.0.0.0", "--port", "8000"],
        "relay": ["relay"],
        "worker": ["worker"],
        "migrate": ["migrate"],
    }
    seen = set()
    for owner, pod in pod_templates(rendered[overlay]):
        (c,) = pod["containers"]
        assert "command" not in c  # keep the exec-form ENTRYPOINT (SIGTERM reaches Python)
        assert c["args"] == expected[component(owner)]
        svc = owner["metadata"]["labels"]["app.kubernetes.io/name"]
        assert c["image"].rsplit("/", 1)[1].split(":")[0] == svc
        seen.add((svc, component(owner)))
    for svc in SERVICES:
        assert {(svc, "api"), (svc, "relay"), (svc, "migrate")} <= seen


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_probes(rendered: dict[str, list[Doc]], overlay: str) -> None:
    """Every process is probed: APIs on their HTTP port, relays and workers on their health
    port (eventkit.process_health: /livez fails for a wedged relay or worker)."""
    seen = set()
    for d in of_kind(rendered[overlay], "Deployment"):
        (c,) = d["spec"]["template"]["spec"]["containers"]
        port = "http" if component(d) == "api" else "health"
        assert c["livenessProbe"]["httpGet"] == {"path": "/livez", "port": port}
        assert c["startupProbe"]["httpGet"] == {"path": "/livez", "port": port}
        assert c["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": port}
        if component(d) != "api":
            env = {e["name"]: e.get("value") for e in c["env"]}
            (declared,) = c["ports"]
            assert declared["name"] == "health"
            assert env["HEALTH_PORT"] == str(declared["containerPort"])
        seen.add(component(d))
    assert seen == {"api", "relay", "worker"}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_replicas_are_spread_over_nodes_and_zones(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    docs = rendered[overlay]
    for d in of_kind(docs, "Deployment"):
        spread = d["spec"]["template"]["spec"]["topologySpreadConstraints"]
        keys = {c["topologyKey"] for c in spread}
        assert keys == {"kubernetes.io/hostname", "topology.kubernetes.io/zone"}
        for c in spread:
            assert c["labelSelector"]["matchLabels"] == d["spec"]["selector"]["matchLabels"]
    (pool,) = of_kind(docs, "KafkaNodePool")
    anti = pool["spec"]["template"]["pod"]["affinity"]["podAntiAffinity"]
    (rule,) = anti["requiredDuringSchedulingIgnoredDuringExecution"]
    assert rule["topologyKey"] == "kubernetes.io/hostname"
    (cluster,) = of_kind(docs, "Cluster")
    affinity = cluster["spec"]["affinity"]
    assert affinity["enablePodAntiAffinity"] is True
    assert affinity["podAntiAffinityType"] == "required"
    assert cluster["spec"]["topologySpreadConstraints"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_apis_scale_on_cpu(rendered: dict[str, list[Doc]], overlay: str) -> None:
    docs = rendered[overlay]
    hpas = {
        h["spec"]["scaleTargetRef"]["name"]: h for h in of_kind(docs, "HorizontalPodAutoscaler")
    }
    apis = [d for d in of_kind(docs, "Deployment") if component(d) == "api"]
    assert sorted(hpas) == sorted(d["metadata"]["name"] for d in apis)
    for d in apis:
        assert "replicas" not in d["spec"]  # the HPA owns the count; an apply never resets it
        spec = hpas[d["metadata"]["name"]]["spec"]
        assert 1 <= spec["minReplicas"] < spec["maxReplicas"]
        (target,) = spec["metrics"]
        assert target["resource"]["name"] == "cpu"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_graceful_termination_outlasts_the_consumer(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    default = ServiceSettings().consumer_graceful_timeout_s
    workers = [d for d in of_kind(rendered[overlay], "Deployment") if component(d) == "worker"]
    assert workers
    for d in workers:
        pod = d["spec"]["template"]["spec"]
        (c,) = pod["containers"]
        env = {e["name"]: e.get("value") for e in c["env"]}
        timeout = float(env.get("CONSUMER_GRACEFUL_TIMEOUT_S") or default)
        assert pod["terminationGracePeriodSeconds"] > timeout + 5


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_one_relay_per_service(rendered: dict[str, list[Doc]], overlay: str) -> None:
    relays = [d for d in of_kind(rendered[overlay], "Deployment") if component(d) == "relay"]
    assert sorted(d["metadata"]["labels"]["app.kubernetes.io/name"] for d in relays) == SERVICES
    assert all(d["spec"]["replicas"] == 1 for d in relays)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_deployment_has_a_pdb(rendered: dict[str, list[Doc]], overlay: str) -> None:
    docs = rendered[overlay]
    selectors = [p["spec"]["selector"]["matchLabels"] for p in of_kind(docs, "PodDisruptionBudget")]
    for d in of_kind(docs, "Deployment"):
        assert d["spec"]["selector"]["matchLabels"] in selectors, d["metadata"]["name"]


def test_workers_scale_on_lag_up_to_the_partitions(
    rendered: dict[str, list[Doc]], generator: ModuleType
) -> None:
    partitions = {t.name: t.partitions for t in all_topics()}
    docs = rendered["prod"]
    scaled = {s["spec"]["scaleTargetRef"]["name"]: s for s in of_kind(docs, "ScaledObject")}
    for svc in SERVICES:
        shape = generator.service_shape(svc)
        if not shape.consumed_topics:
            assert f"{svc}-worker" not in scaled
            continue
        spec = scaled[f"{svc}-worker"]["spec"]
        topics = [t["metadata"]["topic"] for t in spec["triggers"]]
        assert sorted(topics) == sorted(shape.consumed_topics)
        assert {t["metadata"]["consumerGroup"] for t in spec["triggers"]} == {svc}
        assert spec["maxReplicaCount"] == max(partitions[t] for t in topics)
        worker = next(
            d for d in of_kind(docs, "Deployment") if d["metadata"]["name"] == f"{svc}-worker"
        )
        assert "replicas" not in worker["spec"]  # KEDA owns the count


def test_max_replicas_is_the_largest_partition_count(generator: ModuleType) -> None:
    topics = all_topics()
    small = min(topics, key=lambda t: t.partitions)
    big = max(topics, key=lambda t: t.partitions)
    shape = generator.ServiceShape("x", (small.name, big.name), True)
    assert generator.worker_max_replicas(shape, topics) == big.partitions
    with pytest.raises(ValueError, match="unregistered"):
        generator.worker_max_replicas(generator.ServiceShape("x", ("nope.v1",), True), topics)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_a_migration_job_per_service_runs_before_the_apps(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    jobs = of_kind(rendered[overlay], "Job")
    assert sorted(j["metadata"]["name"] for j in jobs) == [f"{s}-migrate" for s in SERVICES]
    for job in jobs:
        labels, notes = job["metadata"]["labels"], job["metadata"]["annotations"]
        assert labels["diaspora.io/apply-phase"] == "migrate"
        assert notes["argocd.argoproj.io/sync-wave"] == "-1"
        assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    for d in of_kind(rendered[overlay], "Deployment"):
        assert d["metadata"]["labels"]["diaspora.io/apply-phase"] == "app"


SECRETISH = re.compile(r"PASSWORD|SECRET|TOKEN|KEY|DATABASE_URL", re.I)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_secrets_only_by_reference(
    rendered: dict[str, list[Doc]], rendered_text: dict[str, str], overlay: str
) -> None:
    docs = rendered[overlay]
    assert not of_kind(docs, "Secret")
    assert "password=" not in rendered_text[overlay].lower()
    for owner, pod in pod_templates(docs):
        svc = owner["metadata"]["labels"]["app.kubernetes.io/name"]
        (c,) = pod["containers"]
        env = {e["name"]: e for e in c["env"]}
        for name, e in env.items():
            if SECRETISH.search(name) and name != "DATABASE_URL":
                assert "valueFrom" in e, f"{owner['metadata']['name']}: {name} is a literal"
        if svc == "web":  # the web client reaches the API only: no database, no broker
            assert not {n for n in env if n.startswith(("DB_", "DATABASE", "KAFKA"))}, env
            continue
        # each service connects as its own role, with the operator-held password
        assert env["DB_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"] == f"pg-{svc}"
        assert env["DB_USER"]["valueFrom"]["secretKeyRef"]["name"] == f"pg-{svc}"
        assert "$(DB_PASSWORD)" in env["DATABASE_URL"]["value"]
        assert env["DB_SCHEMA"]["value"] == svc


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_network_is_default_deny(rendered: dict[str, list[Doc]], overlay: str) -> None:
    policies = {
        p["metadata"]["name"]: p["spec"] for p in of_kind(rendered[overlay], "NetworkPolicy")
    }
    deny = policies["default-deny-all"]
    assert deny["podSelector"] == {}
    assert sorted(deny["policyTypes"]) == ["Egress", "Ingress"]
    assert deny["ingress"] == [] and deny["egress"] == []
    # explicit allows: gateway -> api, platform -> postgres/kafka, DNS
    gateway = policies["api-from-gateway-and-monitoring"]
    assert gateway["podSelector"]["matchLabels"] == {"app.kubernetes.io/component": "api"}
    ports = {p["port"] for rule in policies["platform-egress"]["egress"] for p in rule["ports"]}
    assert {5432, 9092} <= ports
    assert {p["port"] for p in policies["allow-dns"]["egress"][0]["ports"]} == {53}
    # the internet is reachable only for services that need it, and never private ranges
    for name, spec in policies.items():
        for rule in spec.get("egress", []):
            for peer in rule.get("to", []):
                block = peer.get("ipBlock")
                if block and block["cidr"] == "0.0.0.0/0" and name.endswith("internet-egress"):
                    assert "10.0.0.0/8" in block["except"]


def test_postgres_role_and_schema_per_service(rendered: dict[str, list[Doc]]) -> None:
    (cluster,) = of_kind(rendered["prod"], "Cluster")
    roles = {r["name"]: r for r in cluster["spec"]["managed"]["roles"]}
    assert sorted(roles) == SERVICES
    sql = "\n".join(cluster["spec"]["bootstrap"]["initdb"]["postInitApplicationSQL"])
    for svc, role in roles.items():
        assert role["passwordSecret"] == {"name": f"pg-{svc}"}
        assert role["login"] is True and role["superuser"] is False
        assert f"CREATE SCHEMA IF NOT EXISTS {svc} AUTHORIZATION {svc}" in sql
    assert cluster["spec"]["enableSuperuserAccess"] is False
    # backups through the Barman Cloud plugin, not the deprecated in-tree barmanObjectStore
    assert "backup" not in cluster["spec"]
    (plugin,) = cluster["spec"]["plugins"]
    assert plugin["name"] == "barman-cloud.cloudnative-pg.io" and plugin["isWALArchiver"]
    (store,) = of_kind(rendered["prod"], "ObjectStore")
    assert plugin["parameters"]["barmanObjectName"] == store["metadata"]["name"]
    (nightly,) = of_kind(rendered["prod"], "ScheduledBackup")
    assert nightly["spec"]["method"] == "plugin"
    assert nightly["spec"]["pluginConfiguration"]["name"] == plugin["name"]
    assert not of_kind(rendered["dev"], "ObjectStore")


def test_overlays_size_the_platform(rendered: dict[str, list[Doc]]) -> None:
    def api_replicas(overlay: str) -> set[tuple[int, int]]:
        hpas = of_kind(rendered[overlay], "HorizontalPodAutoscaler")
        return {(h["spec"]["minReplicas"], h["spec"]["maxReplicas"]) for h in hpas}

    assert api_replicas("dev") == {(1, 2)}
    assert api_replicas("prod") == {(3, 6)}
    for topic in of_kind(rendered["prod"], "KafkaTopic"):
        replicas = topic["spec"]["replicas"]
        assert int(topic["spec"]["config"]["min.insync.replicas"]) == replicas - 1 == 2
    for topic in of_kind(rendered["dev"], "KafkaTopic"):
        assert topic["spec"]["replicas"] == 1
    (pool,) = of_kind(rendered["dev"], "KafkaNodePool")
    assert pool["spec"]["replicas"] == 1


def test_the_broker_heap_is_committed_at_start(rendered: dict[str, list[Doc]]) -> None:
    """-Xms = -Xmx (the soak saw a broker's memory creep while its heap grew to the max),
    and the heap leaves room for the JVM's native memory under the pool's memory limit."""
    for overlay in ("dev", "prod"):
        (pool,) = of_kind(rendered[overlay], "KafkaNodePool")
        jvm = pool["spec"]["jvmOptions"]
        assert jvm["-Xms"] == jvm["-Xmx"]
        heap = _bytes(jvm["-Xmx"])
        limit = _bytes(pool["spec"]["resources"]["limits"]["memory"])
        assert heap <= limit * 0.6, (heap, limit)


def _bytes(quantity: str) -> int:
    """JVM sizes (2g, 2048m) and Kubernetes quantities (4Gi) in bytes."""
    units = {"k": 2**10, "m": 2**20, "g": 2**30, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    for suffix in sorted(units, key=len, reverse=True):
        if quantity.endswith(suffix):
            return int(quantity[: -len(suffix)]) * units[suffix]
    return int(quantity)
