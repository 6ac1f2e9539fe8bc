"""The cluster topology's layout, without starting anything: which links of the isolatable
Kafka node run through the network-cut relay, the production topic settings, two of every
process with their ports, and the multi-host database URL that follows the primary."""

from __future__ import annotations

from pathlib import Path

from devstack.kafka import KafkaCluster, Listener
from devstack.postgres import PostgresPair, server_addresses, service_url
from devstack.stack import Stack
from devstack.topology import CLUSTER, SINGLE, topology_named

BASE = 20000


def _props(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if line)


def _listener(listeners: tuple[Listener, ...], name: str) -> Listener:
    return next(x for x in listeners if x.name == name)


def test_every_link_of_the_isolatable_node_runs_through_the_relay(tmp_path: Path) -> None:
    cluster = KafkaCluster(tmp_path, BASE, isolatable=3)
    routes = dict(cluster.relay_routes())
    nodes = {n.node_id: n for n in cluster.nodes}

    def reaches(view: int, target: int) -> int:
        """The real controller port node ``view`` ends up at for voter ``target``."""
        assert nodes[view].membership is not None
        port = dict(nodes[view].membership.voters)[target]
        return routes.get(port, port)

    for view in nodes:
        for target in nodes:
            expected = nodes[target].controller_port
            assert reaches(view, target) == expected  # every voter reachable...
            voter_port = dict(nodes[view].membership.voters)[target]  # type: ignore[union-attr]
            crossing = 3 in (view, target) and view != target
            assert (voter_port in routes) is crossing  # ...through the relay iff it crosses

    # the others fetch node 3's replicas from its relayed replication listener; node 3
    # fetches theirs from their relayed isolated listener
    three = nodes[3].membership
    assert three is not None and three.inter_broker == "ISOLATED"
    replication = _listener(three.listeners, "REPLICATION")
    assert routes[replication.advertised or 0] == replication.port
    for other in (1, 2):
        membership = nodes[other].membership
        assert membership is not None and membership.inter_broker == "REPLICATION"
        isolated = _listener(membership.listeners, "ISOLATED")
        assert routes[isolated.advertised or 0] == isolated.port
        direct = _listener(membership.listeners, "REPLICATION")
        assert direct.advertised == direct.port
    # clients reach every node directly
    assert cluster.bootstrap == ",".join(f"127.0.0.1:{BASE + 4 * i}" for i in range(3))


def test_ports_are_distinct_and_within_the_documented_span(tmp_path: Path) -> None:
    cluster = KafkaCluster(tmp_path, BASE, isolatable=3)
    used = [x.port for n in cluster.nodes for x in n.listeners()]
    used += [listen for listen, _ in cluster.relay_routes()]
    assert len(used) == len(set(used)) == 18
    assert min(used) == BASE and max(used) == BASE + 17


def test_without_an_isolatable_node_nothing_is_relayed(tmp_path: Path) -> None:
    cluster = KafkaCluster(tmp_path, BASE)
    assert cluster.relay_routes() == []
    for node in cluster.nodes:
        assert all(x.advertised in (None, x.port) for x in node.listeners())


def test_the_cluster_runs_the_production_durability_settings(tmp_path: Path) -> None:
    cluster = KafkaCluster(tmp_path, BASE)
    props = _props(cluster.node(1).server_properties())
    assert props["default.replication.factor"] == "3"
    assert props["min.insync.replicas"] == "2"
    assert props["unclean.leader.election.enable"] == "false"
    assert props["offsets.topic.replication.factor"] == "3"
    assert props["controller.quorum.voters"].count("@") == 3
    settings = cluster.topic_settings()
    assert settings.replication_factor == 3
    assert settings.overrides == {
        "min.insync.replicas": "2",
        "unclean.leader.election.enable": "false",
    }
    # every node formats with the one cluster id
    assert {n.cluster_id() for n in cluster.nodes} == {cluster.node(2).cluster_id()}


def test_two_of_every_process(tmp_path: Path) -> None:
    stack = Stack(home=tmp_path, topology=CLUSTER, service_port_offset=0)
    profiles = next(s for s in stack.services() if s.name == "profiles")
    assert [m.name for m in profiles.members()] == [
        "profiles-api",
        "profiles-api-2",
        "profiles-relay",
        "profiles-relay-2",
        "profiles-worker",
        "profiles-worker-2",
    ]
    assert [a.port for a in profiles.apis()] == [profiles.port, profiles.port + 10]
    assert profiles.internal_port == profiles.port + 20
    single = Stack(home=tmp_path, topology=SINGLE, service_port_offset=0)
    assert [m.name for m in single.services()[0].members()] == [
        f"{single.services()[0].name}-{r}" for r in ("api", "relay", "worker")
    ]
    assert topology_named("cluster") is CLUSTER and topology_named("") is SINGLE


def test_services_follow_the_primary_through_a_multi_host_url(tmp_path: Path) -> None:
    pair = PostgresPair(tmp_path, 30000)
    assert server_addresses(pair.admin_url) == ["127.0.0.1:30000", "127.0.0.1:30001"]
    url = service_url(pair.admin_url, "profiles")
    assert url == (
        "postgresql+asyncpg://profiles:profiles@/diaspora"
        "?host=127.0.0.1:30000&host=127.0.0.1:30001&target_session_attrs=read-write"
    )
    # one server: the plain form, as before
    assert service_url("postgresql://postgres@127.0.0.1:5432/db", "svc") == (
        "postgresql+asyncpg://svc:svc@127.0.0.1:5432/db"
    )
