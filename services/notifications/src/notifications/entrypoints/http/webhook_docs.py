"""The OpenAPI 3.1 ``webhooks`` section: every message a partner's endpoint can receive.

One entry per partner-visible event type (``PartnerCatalogue``): a structured-mode
CloudEvent (``application/json``) whose ``data`` is the event's payload, signed per the
Standard Webhooks specification (``webhook-id``, ``webhook-timestamp``, ``webhook-signature``).
Code generators and the developer portal read it from the document like any operation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from contracts.envelope import CONTENT_TYPE, SPECVERSION
from eventkit.asyncapi import EXAMPLE_TIME, event_schemas, model_example
from notifications.service_layer.webhooks import PartnerCatalogue

_SCHEMAS = "#/components/schemas/"
ENVELOPE = "WebhookCloudEvent"

ENVELOPE_SCHEMA: dict[str, Any] = {
    "title": "WebhookCloudEvent",
    "type": "object",
    "description": "A CloudEvents 1.0 event in structured JSON mode, as webhooks deliver it.",
    "required": ["id", "source", "type", "subject", "time", "specversion", "data"],
    "properties": {
        "id": {"type": "string", "description": "the event's id; `webhook-id` is derived from it"},
        "source": {"type": "string", "description": "the publishing service, e.g. /alliance"},
        "type": {"type": "string", "description": "the event type: which `data` this is"},
        "subject": {"type": "string", "description": "the aggregate the event is about"},
        "time": {"type": "string", "format": "date-time"},
        "specversion": {"type": "string", "const": SPECVERSION},
        "datacontenttype": {"type": "string", "const": CONTENT_TYPE},
        "sequence": {"type": "integer", "description": "the aggregate's version after it"},
        "correlationid": {"type": "string"},
        "traceparent": {"type": "string"},
        "data": {"type": "object"},
    },
}

_SIGNATURE_HEADERS = [
    (
        "webhook-id",
        "The message id: the same on every retry and replay of this event to this endpoint "
        "(deduplicate on it).",
        {"type": "string", "examples": ["msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"]},
    ),
    (
        "webhook-timestamp",
        "Unix seconds when this attempt was signed; refuse old ones (replay protection).",
        {"type": "string", "pattern": "^[0-9]+$", "examples": ["1767346200"]},
    ),
    (
        "webhook-signature",
        "Space-separated `v1,<base64 HMAC-SHA256>` signatures of `id.timestamp.body` with "
        "the endpoint's secret(s) (two during a secret rotation). Verify with a Standard "
        "Webhooks library, e.g. `standardwebhooks` (Python) or `standardwebhooks` (npm).",
        {"type": "string", "examples": ["v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="]},
    ),
]


def document_webhooks(app: FastAPI, catalogue: PartnerCatalogue) -> None:
    """Add the ``webhooks`` section (and the payload schemas) to ``app``'s OpenAPI."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None and "webhooks" in app.openapi_schema:
            return app.openapi_schema
        schema = generate()
        models = [catalogue.types[t] for t in sorted(catalogue.types)]
        schemas, payloads = event_schemas(models)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components[ENVELOPE] = ENVELOPE_SCHEMA
        components.update(schemas)
        schema["webhooks"] = {m.type_name: _webhook(m, payloads[m]) for m in models}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _webhook(model: Any, payload: dict[str, Any]) -> dict[str, Any]:
    doc = (model.__doc__ or "").strip()
    summary = doc.split("\n\n", 1)[0].replace("\n", " ") if doc else model.type_name
    owner = model.topic.split(".", 1)[0]
    data = model_example(model)
    example = {
        "id": "0b9e4a53-5f4e-4c5e-9a43-7c5f1f6f9a10",
        "source": f"/{owner}",
        "type": model.type_name,
        "subject": model.model_validate(data).subject(),
        "time": EXAMPLE_TIME,
        "specversion": SPECVERSION,
        "datacontenttype": CONTENT_TYPE,
        "sequence": 1,
        "data": data,
    }
    words = re.split(r"[._]", model.type_name)
    return {
        "post": {
            "operationId": "on" + "".join(w[:1].upper() + w[1:] for w in words),
            "summary": summary,
            "description": (
                f"{doc or summary}\n\nPOSTed to each active endpoint subscribed to "
                f"`{model.type_name}` (or to every type). Answer any 2xx within 10 seconds; "
                "anything else is retried with exponential backoff, then dead-lettered "
                "(redeliver or replay it from the API)."
            ),
            "tags": ["webhooks"],
            "parameters": [
                {"name": n, "in": "header", "required": True, "description": d, "schema": s}
                for n, d, s in _SIGNATURE_HEADERS
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "allOf": [
                                {"$ref": _SCHEMAS + ENVELOPE},
                                {
                                    "type": "object",
                                    "properties": {
                                        "type": {"const": model.type_name},
                                        "data": payload,
                                    },
                                },
                            ]
                        },
                        "example": example,
                    }
                },
            },
            "responses": {
                "200": {"description": "Received (any 2xx acknowledges the delivery)."},
            },
        }
    }
