"""The AsyncAPI document says, per consumed topic, which contract types the service handles
there (FastStream alone would document the subscriber's raw-records argument as "anything")."""

from __future__ import annotations

from typing import Any, ClassVar
from uuid import UUID

import kit

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from contracts.events.profiles import AccountErased
from eventkit.consumer import EventDispatcher
from eventkit.uow import UnitOfWork


class ParcelShipped(IntegrationEvent):
    type_name: ClassVar[str] = "kit.parcel.shipped"
    topic: ClassVar[str] = "kit.parcel.v1"
    parcel_id: UUID
    carrier: str


class ParcelLost(IntegrationEvent):
    type_name: ClassVar[str] = "kit.parcel.lost"
    topic: ClassVar[str] = "kit.parcel.v1"
    parcel_id: UUID
    last_seen: str


def _document(
    service: str = "docs", models: tuple[type[IntegrationEvent], ...] = ()
) -> dict[str, Any]:
    chassis = kit.chassis("postgresql+asyncpg://kit@127.0.0.1:1/kit", "127.0.0.1:1", service)
    dispatcher = EventDispatcher[UnitOfWork](service, kit.uow_factory(chassis))

    async def effect(event: Any, ce: CloudEvent, uow: UnitOfWork) -> None: ...

    for model in models or (kit.event_class("kit.thing.v1"), ParcelShipped, ParcelLost):
        dispatcher.on(model)(effect)
    document: dict[str, Any] = chassis.asyncapi(dispatcher).to_jsonable()
    return document


def _resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _consumed(
    document: dict[str, Any], topic: str, action: str = "receive"
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The channel a topic is consumed (or published) on, and its message's payload schema."""
    [channel] = [
        _resolve(document, op["channel"]["$ref"])
        for op in document["operations"].values()
        if op["action"] == action and _resolve(document, op["channel"]["$ref"])["address"] == topic
    ]
    [reference] = channel["messages"].values()
    message = _resolve(document, reference["$ref"])
    return channel, _resolve(document, message["payload"]["$ref"])


def test_each_consumed_topic_documents_the_types_handled_on_it() -> None:
    document = _document()

    channel, payload = _consumed(document, "kit.parcel.v1")
    members = {(m := _resolve(document, r["$ref"]))["title"]: m for r in payload["anyOf"]}
    assert set(members) == {"ParcelShipped", "ParcelLost"}
    assert {"parcel_id", "carrier"} <= set(members["ParcelShipped"]["properties"])
    assert "kit.parcel.lost, kit.parcel.shipped;" in channel["description"]
    assert "kit.thing.happened" not in channel["description"]

    channel, payload = _consumed(document, "kit.thing.v1")
    [member] = [_resolve(document, m["$ref"]) for m in payload["anyOf"]]
    assert {"thing_id", "seq"} <= set(member["properties"])
    assert "kit.thing.happened;" in channel["description"]
    assert "kit.parcel" not in channel["description"]


def test_every_reference_in_the_document_resolves_and_no_anything_payload_is_left() -> None:
    document = _document()

    def references(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
            return found + [r for v in node.values() for r in references(v)]
        if isinstance(node, list):
            return [r for v in node for r in references(v)]
        return []

    for ref in references(document):
        _resolve(document, ref)  # KeyError if it points nowhere
    schemas = document["components"]["schemas"]
    # FastStream's payload for the raw-records handler: no properties, no type, no union
    assert not [
        name
        for name, schema in schemas.items()
        if not ({"properties", "anyOf", "type", "$ref"} & set(schema))
    ]


def test_a_topic_the_service_also_publishes_keeps_its_published_types() -> None:
    document = _document("profiles", (AccountErased,))

    _, consumed = _consumed(document, AccountErased.topic)
    _, published = _consumed(document, AccountErased.topic, action="send")

    assert [_resolve(document, r["$ref"])["title"] for r in consumed["anyOf"]] == ["AccountErased"]
    published_types = {_resolve(document, r["$ref"])["title"] for r in published["anyOf"]}
    assert {"AccountErased", "AccountRegistered"} <= published_types
