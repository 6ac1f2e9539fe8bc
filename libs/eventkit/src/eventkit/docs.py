"""AsyncAPI: document the topics a service publishes (through its relay) from the registry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Union

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse
from faststream import FastStream
from faststream.kafka import KafkaBroker
from faststream.specification.asyncapi import get_asyncapi_html

from contracts.registry import topics_owned_by


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


def asyncapi_router(app_factory: Callable[[], FastStream]) -> APIRouter:
    """``/asyncapi`` (rendered, like ``/docs``) and ``/asyncapi.json``, generated once."""
    router = APIRouter(include_in_schema=False)
    cache: dict[str, Any] = {}

    def spec() -> Any:
        if "spec" not in cache:
            cache["spec"] = app_factory().schema.to_specification()
        return cache["spec"]

    @router.get("/asyncapi.json")
    async def asyncapi_json() -> JSONResponse:
        return JSONResponse(spec().to_jsonable())

    @router.get("/asyncapi")
    async def asyncapi_html() -> HTMLResponse:
        return HTMLResponse(get_asyncapi_html(spec(), try_it_out_path=None))

    return router
