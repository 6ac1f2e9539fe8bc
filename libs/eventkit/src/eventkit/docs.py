"""AsyncAPI: document the topics a service publishes (through its relay) from the registry,
and what it consumes from the dispatcher's routes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Union

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse
from faststream.kafka import KafkaBroker
from faststream.specification.asyncapi import get_asyncapi_html
from faststream.specification.asyncapi.v3_0_0.schema import ApplicationSchema, Reference
from faststream.specification.asyncapi.v3_0_0.schema.operations import Action
from pydantic import TypeAdapter

from contracts.base import IntegrationEvent
from contracts.registry import topics_owned_by

_SCHEMAS = "#/components/schemas/"


def declare_published_topics(broker: KafkaBroker, service: str) -> None:
    for topic in topics_owned_by(service):
        if not topic.event_types:
            continue
        schema: Any = (
            topic.event_types[0] if len(topic.event_types) == 1 else Union[tuple(topic.event_types)]  # noqa: UP007 - runtime Union of models
        )
        broker.publisher(
            topic.name,
            title=f"{topic.name}:publish",
            description=(
                f"{topic.description} Partitions: {topic.partitions}. "
                f"Partner-visible: {'yes' if topic.partner_visible else 'no'}. "
                f"Types (ce_type header): {', '.join(topic.type_names())}. "
                "Binary-mode CloudEvents; key = aggregate id."
            ),
            schema=schema,
        )


def describe_consumed_topics(
    spec: ApplicationSchema, service: str, consumed: Mapping[str, Sequence[type[IntegrationEvent]]]
) -> None:
    """Each consumed topic's channel gets the contract types handled there as its payload.

    FastStream documents a subscriber's payload from its handler's signature, but the
    platform's handler takes the batch's raw records (the dispatcher decodes each envelope by
    its ``ce_type``), so the generated payload says "anything", and the one subscriber over
    every topic gives each channel the same description. ``consumed``: topic -> the models
    the dispatcher has handlers for on it."""
    components = spec.components
    assert components is not None and components.messages is not None  # a subscriber exists
    schemas = components.schemas if components.schemas is not None else {}
    stale: set[str] = set()
    for operation in spec.operations.values():
        channel = spec.channels[_key(operation.channel)]
        models = consumed.get(channel.address or "")
        if operation.action != Action.RECEIVE or not models:
            continue
        names = ", ".join(sorted(m.type_name for m in models))
        channel.description = (
            f"Consumed by {service}. Types handled (ce_type header): {names}; other types "
            "on this topic are acknowledged and skipped."
        )
        for reference in (channel.messages or {}).values():
            message = components.messages[_key(reference)]
            stale.add(str(message.payload.get("$ref", "")).removeprefix(_SCHEMAS))
            payload = f"{message.title}:Payload"
            message.payload = {"$ref": _SCHEMAS + payload}
            schemas[payload] = _union_schema(models, payload, schemas)
    for name in stale - {""}:
        schemas.pop(name, None)  # FastStream's "anything" payload, now referenced by no one
    components.schemas = schemas


def _key(reference: object) -> str:
    """The name a reference (``#/channels/x``, ``#/components/messages/x``) points at."""
    assert isinstance(reference, Reference)  # FastStream refers to channels and messages
    return reference.ref.rsplit("/", 1)[-1]


def _union_schema(
    models: Sequence[type[IntegrationEvent]], title: str, schemas: dict[str, Any]
) -> dict[str, Any]:
    """The models as ``anyOf`` references (the way FastStream documents a publisher's union);
    each model's schema and those it refers to go into ``schemas``."""
    union: Any = models[0] if len(models) == 1 else Union[tuple(models)]  # noqa: UP007 - runtime Union of models
    generated = TypeAdapter(union).json_schema(ref_template=_SCHEMAS + "{model}")
    for name, definition in generated.pop("$defs", {}).items():
        _add_schema(schemas, name, definition)
    if "anyOf" not in generated:  # one model: pydantic gives its schema, not a reference
        _add_schema(schemas, generated["title"], generated)
        return {"anyOf": [{"$ref": _SCHEMAS + generated["title"]}], "title": title}
    return {**generated, "title": title}


def _add_schema(schemas: dict[str, Any], name: str, definition: dict[str, Any]) -> None:
    # a model the service also publishes is already there, as FastStream generated it
    if schemas.setdefault(name, definition) != definition:
        raise ValueError(f"two different schemas are both named {name!r}")


def asyncapi_router(document: Callable[[], ApplicationSchema]) -> APIRouter:
    """``/asyncapi`` (rendered, like ``/docs``) and ``/asyncapi.json``, generated once."""
    router = APIRouter(include_in_schema=False)
    cache: dict[str, Any] = {}

    def spec() -> Any:
        if "spec" not in cache:
            cache["spec"] = document()
        return cache["spec"]

    @router.get("/asyncapi.json")
    async def asyncapi_json() -> JSONResponse:
        return JSONResponse(spec().to_jsonable())

    @router.get("/asyncapi")
    async def asyncapi_html() -> HTMLResponse:
        return HTMLResponse(get_asyncapi_html(spec(), try_it_out_path=None))

    return router
