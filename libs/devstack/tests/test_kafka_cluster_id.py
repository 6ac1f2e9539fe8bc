"""The KRaft cluster id is never one kafka-storage would read as an option: a fresh CI
machine drew an id starting with "-" and ``kafka-storage format --cluster-id -...`` failed."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from devstack import kafka


def test_an_id_starting_with_a_dash_is_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws = iter([uuid.UUID(bytes=b"\xf8" + bytes(15)), uuid.UUID(bytes=b"\x01" * 16)])
    monkeypatch.setattr(kafka.uuid, "uuid4", lambda: next(draws))
    broker = kafka.KafkaBroker(home=tmp_path, state_dir=tmp_path, port=1, controller_port=2)

    cid = broker.cluster_id()

    assert not cid.startswith("-")
    assert cid == broker.cluster_id() == (tmp_path / "cluster.id").read_text()


def test_a_stored_id_starting_with_a_dash_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "cluster.id").write_text("-never-formatted")
    broker = kafka.KafkaBroker(home=tmp_path, state_dir=tmp_path, port=1, controller_port=2)

    assert not broker.cluster_id().startswith("-")
