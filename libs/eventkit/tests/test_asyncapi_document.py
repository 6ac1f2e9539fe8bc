"""The AsyncAPI documents (eventkit.asyncapi) say what a reader of a topic needs: one message
per ``ce_type`` with its payload, the CloudEvents headers, the key, where the correlation id
is, servers with the partners' security, which channels partners may read, and examples.
(The official parser validates the shipped documents: tests/test_api_documents.py.)"""

from __future__ import annotations

import re
from typing import Any, ClassVar
from uuid import UUID

import kit
import pytest

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from contracts.events.profiles import AccountErased, AccountRegistered
from contracts.registry import all_topics, event_types
from eventkit.asyncapi import model_example, partner_document
from eventkit.consumer import EventDispatcher
from eventkit.uow import UnitOfWork

#: the key pattern of components in the official AsyncAPI 3.0 JSON Schema
COMPONENT_KEY = re.compile(r"^[\w\d\.\-_]+$")


class ParcelShipped(IntegrationEvent):
    type_name: ClassVar[str] = "kit.parcel.shipped"
    topic: ClassVar[str] = "kit.parcel.v1"
    parcel_id: UUID
    carrier: str

    def subject(self) -> str:
        return str(self.parcel_id)


class ParcelLost(IntegrationEvent):
    type_name: ClassVar[str] = "kit.parcel.lost"
    topic: ClassVar[str] = "kit.parcel.v1"
    parcel_id: UUID
    last_seen: str

    def subject(self) -> str:
        return str(self.parcel_id)


def _document(
    service: str = "docs", models: tuple[type[IntegrationEvent], ...] = ()
) -> dict[str, Any]:
    chassis = kit.chassis("postgresql+asyncpg://kit@127.0.0.1:1/kit", "127.0.0.1:1", service)
    dispatcher = EventDispatcher[UnitOfWork](service, kit.uow_factory(chassis))

    async def effect(event: Any, ce: CloudEvent, uow: UnitOfWork) -> None: ...

    for model in models or (kit.event_class("kit.thing.v1"), ParcelShipped, ParcelLost):
        dispatcher.on(model)(effect)
    return chassis.asyncapi(dispatcher)


def _resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _operation(document: dict[str, Any], topic: str, action: str) -> dict[str, Any]:
    [operation] = [
        op
        for op in document["operations"].values()
        if op["action"] == action and _resolve(document, op["channel"]["$ref"])["address"] == topic
    ]
    return operation


def _message_names(document: dict[str, Any], operation: dict[str, Any]) -> list[str]:
    return [
        _resolve(document, _resolve(document, r["$ref"])["$ref"])["name"]
        for r in operation["messages"]
    ]


def _references(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for v in node.values() for r in _references(v)]
    if isinstance(node, list):
        return [r for v in node for r in _references(v)]
    return []


def test_each_ce_type_is_a_message_of_its_own_with_its_payload_and_headers() -> None:
    document = _document()
    operation = _operation(document, "kit.parcel.v1", "receive")
    assert sorted(_message_names(document, operation)) == ["kit.parcel.lost", "kit.parcel.shipped"]

    message = document["components"]["messages"]["kit.parcel.shipped"]
    payload = _resolve(document, message["payload"]["$ref"])
    assert {"parcel_id", "carrier"} <= set(payload["properties"])
    headers = message["headers"]["allOf"]
    assert _resolve(document, headers[0]["$ref"])["required"][:1] == ["content-type"]
    assert headers[1]["properties"]["ce_type"]["const"] == "kit.parcel.shipped"
    assert message["bindings"]["kafka"]["key"]["type"] == "string"
    correlation = _resolve(document, message["correlationId"]["$ref"])
    assert correlation["location"] == "$message.header#/ce_correlationid"


def test_a_consumed_topic_lists_every_type_on_it_and_the_operation_those_handled() -> None:
    document = _document("notifications", (AccountRegistered,))
    channel = document["channels"][AccountRegistered.topic]
    operation = _operation(document, AccountRegistered.topic, "receive")
    assert _message_names(document, operation) == ["profiles.account.registered"]
    assert {"profiles.account.registered", "profiles.account.erased"} <= set(channel["messages"])


def test_a_topic_the_service_also_publishes_keeps_its_published_types() -> None:
    document = _document("profiles", (AccountErased,))
    consumed = _operation(document, AccountErased.topic, "receive")
    published = _operation(document, AccountErased.topic, "send")
    assert _message_names(document, consumed) == ["profiles.account.erased"]
    assert {"profiles.account.erased", "profiles.account.registered"} <= set(
        _message_names(document, published)
    )


@pytest.mark.parametrize("which", ["service", "partners"])
def test_every_reference_resolves_and_every_component_key_is_allowed(which: str) -> None:
    document = _document("profiles", (AccountErased,)) if which == "service" else partner_document()
    for ref in _references(document):
        _resolve(document, ref)  # KeyError if it points nowhere
    for section, entries in document["components"].items():
        assert all(COMPONENT_KEY.match(k) for k in entries), section
    assert all(COMPONENT_KEY.match(k) for k in document["operations"])


def test_partners_see_only_partner_visible_topics_through_the_secured_listener() -> None:
    document = partner_document()
    visible = {t.name for t in all_topics() if t.partner_visible and t.event_types}
    assert set(document["channels"]) == visible
    assert all(c["x-partner-visible"] for c in document["channels"].values())
    partners = document["servers"]["partners"]
    assert partners["protocol"] == "kafka-secure"
    scheme = _resolve(document, partners["security"][0]["$ref"])
    assert scheme["type"] == "scramSha512"

    service = _document("profiles", (AccountErased,))
    internal = service["channels"][AccountErased.topic]
    assert internal["tags"] == [{"name": "internal"}]
    assert {"$ref": "#/servers/partners"} not in internal["servers"]


def test_personal_fields_are_documented_as_they_travel_possibly_encrypted() -> None:
    document = _document("profiles", (AccountErased,))
    message = document["components"]["messages"]["profiles.account.registered"]
    payload = _resolve(document, message["payload"]["$ref"])
    email = payload["properties"]["email"]
    assert {"$ref": "#/components/schemas/EncryptedField"} in email["anyOf"]


@pytest.mark.parametrize("type_name", sorted(event_types()))
def test_every_example_is_a_valid_payload_of_its_model(type_name: str) -> None:
    model = event_types()[type_name]
    example = model_example(model)
    assert model.model_validate(example).model_dump(mode="json") == example
