"""AsyncAPI 3.0 documents of the platform's topics, built from the topic registry.

What a partner or a consuming team needs to read a record is exactly what
``contracts.registry`` knows: the topic, its partitions and retention, which ``ce_type`` values
travel on it and each one's payload model. So the documents are built from it (FastStream's
generator documents a subscriber's handler signature, and ours takes raw batches):

- one message per ``ce_type``, keyed by that type, with its payload schema as it travels
  (personal fields may be an encrypted object, ``contracts.privacy``), its headers (the
  CloudEvents Kafka binding: ``content-type`` and ``ce_*``), its Kafka key (the aggregate
  id) and an example that validates against the model;
- the correlation id where records carry it (``$message.header#/ce_correlationid``);
- servers: the local broker of ``make run``, the cluster's internal listener, and the
  partners' TLS + SASL/SCRAM-SHA-512 listener with its security scheme;
- each channel tagged ``partner-visible`` or ``internal`` (``x-partner-visible`` too).

``service_document`` describes one service (what its relay sends, what its worker receives);
``partner_document`` describes only the partner-visible topics. CI validates every document
with the official ``@asyncapi/parser`` (``portal/validate-asyncapi.mjs``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic.json_schema import models_json_schema

from contracts.base import IntegrationEvent
from contracts.envelope import CONTENT_TYPE, CONTENT_TYPE_HEADER, SPECVERSION
from contracts.privacy import ALGORITHM, MARKER
from contracts.registry import all_topics
from contracts.topics import Topic

ASYNCAPI_VERSION = "3.0.0"
KAFKA_BINDING = "0.5.0"
#: the broker of ``make run`` (devstack's default port) and the cluster's listeners
LOCAL_BROKER = "127.0.0.1:19092"
CLUSTER_BROKER = "diaspora-kafka-bootstrap:9092"
PARTNER_BROKER = "kafka.diaspora.example.org:9094"
PARTNER_TAG, INTERNAL_TAG = "partner-visible", "internal"

_SCHEMAS = "#/components/schemas/"
_HEADERS = "CloudEventHeaders"
_ENCRYPTED = "EncryptedField"

HEADERS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "CloudEvents Kafka headers (binary mode)",
    "description": (
        "CloudEvents 1.0 attributes as Kafka headers (Kafka protocol binding, binary mode): "
        "`datacontenttype` is the `content-type` header, every other attribute a `ce_` "
        "header. Values are UTF-8 strings."
    ),
    "required": [
        CONTENT_TYPE_HEADER,
        "ce_id",
        "ce_source",
        "ce_type",
        "ce_subject",
        "ce_time",
        "ce_specversion",
    ],
    "properties": {
        CONTENT_TYPE_HEADER: {"type": "string", "const": CONTENT_TYPE},
        "ce_id": {"type": "string", "description": "unique per event; the consumer's dedupe key"},
        "ce_source": {"type": "string", "description": "the publishing service, e.g. /profiles"},
        "ce_type": {"type": "string", "description": "which message this is (its payload)"},
        "ce_subject": {"type": "string", "description": "the aggregate id; also the record key"},
        "ce_time": {"type": "string", "format": "date-time"},
        "ce_specversion": {"type": "string", "const": SPECVERSION},
        "ce_sequence": {
            "type": "string",
            "pattern": "^[0-9]+$",
            "description": "the aggregate's version after the change: ignore older ones",
        },
        "ce_correlationid": {
            "type": "string",
            "description": "the request or event that caused this one",
        },
        "ce_traceparent": {
            "type": "string",
            "description": "W3C trace context of the request or event that caused this one",
        },
    },
}

ENCRYPTED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Encrypted personal field",
    "description": (
        "A personal field sealed with its subject's key (crypto-shredding, docs/privacy.md): "
        "consuming services fetch the key from profiles; once the person erased their "
        "account the key is gone and the value unreadable."
    ),
    "required": [MARKER, "key", "nonce", "data"],
    "properties": {
        MARKER: {"type": "string", "const": ALGORITHM},
        "key": {"type": "string"},
        "nonce": {"type": "string", "contentEncoding": "base64"},
        "data": {"type": "string", "contentEncoding": "base64"},
    },
    "additionalProperties": False,
}


def service_document(
    service: str, consumed: Mapping[str, Sequence[type[IntegrationEvent]]]
) -> dict[str, Any]:
    """What ``service`` publishes (through its relay) and what its worker consumes
    (``consumed``: topic -> the models it handles there)."""
    topics = {t.name: t for t in all_topics()}
    published = [t for t in all_topics() if t.owner == service and t.event_types]
    received = [
        topics.get(name) or _unregistered(name, consumed[name]) for name in sorted(consumed)
    ]
    operations: dict[str, Any] = {}
    for topic in published:
        operations[_operation_id("send", topic)] = _operation(
            "send", topic, topic.event_types, f"{service}'s outbox relay publishes these."
        )
    for topic in received:
        handled = sorted(consumed[topic.name], key=lambda m: m.type_name)
        operations[_operation_id("receive", topic)] = _operation(
            "receive",
            topic,
            handled,
            f"{service}'s worker handles these types; other types on the topic are "
            "acknowledged and skipped (tolerant reader).",
        )
    return _document(
        title=f"{service} events",
        description=(
            f"The Kafka topics the {service} service publishes and consumes. Records are "
            "CloudEvents 1.0 in binary mode; the key is the aggregate id, so events of one "
            "aggregate stay in order. Generated from the topic registry (contracts/)."
        ),
        channels=_unique([*published, *received]),
        operations=operations,
        partners_only=False,
    )


def partner_document() -> dict[str, Any]:
    """The partner-visible topics: what a partner may read through the partners listener."""
    visible = [t for t in all_topics() if t.partner_visible and t.event_types]
    return _document(
        title="Diaspora Engagement Platform: partner events",
        description=(
            "Topics a partner may read with its own credentials (a KafkaUser with read "
            "access to exactly these topics), through the partners listener: TLS and "
            "SASL/SCRAM-SHA-512. They carry no personal data. Records are CloudEvents 1.0 in "
            "binary mode (`content-type` and `ce_*` headers, the payload is the event's "
            "JSON); the key is the aggregate id, so events of one aggregate stay in order. "
            "Tell the types apart by the `ce_type` header; ignore types you do not know "
            "(new types may be added to a topic without notice; breaking changes get a new "
            "topic version)."
        ),
        channels=visible,
        operations={
            _operation_id("send", t): _operation(
                "send", t, t.event_types, "The platform publishes these; partners read them."
            )
            for t in visible
        },
        partners_only=True,
    )


def _unregistered(name: str, models: Sequence[type[IntegrationEvent]]) -> Topic:
    """A consumed topic the registry does not know (a test's, a newer producer's)."""
    return Topic(
        name,
        owner=name.split(".", 1)[0],
        partitions=1,
        partner_visible=False,
        description="A topic outside the platform's registry.",
        event_types=tuple(sorted(models, key=lambda m: m.type_name)),
    )


def _unique(topics: Iterable[Topic]) -> list[Topic]:
    return list({t.name: t for t in topics}.values())


def _document(
    *,
    title: str,
    description: str,
    channels: Sequence[Topic],
    operations: dict[str, Any],
    partners_only: bool,
) -> dict[str, Any]:
    models = sorted({m for t in channels for m in t.event_types}, key=lambda m: m.type_name)
    schemas, payloads = event_schemas(models)
    servers = _servers(partners_only)
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "id": "urn:diaspora-platform:" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        "info": {
            "title": title,
            "version": "1.0.0",
            "description": description,
            "license": {"name": "Apache-2.0"},
            "tags": [
                {"name": PARTNER_TAG, "description": "partners may read this topic"},
                {"name": INTERNAL_TAG, "description": "only the platform's services read it"},
            ],
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": servers,
        "channels": {t.name: _channel(t, servers) for t in channels},
        "operations": operations,
        "components": {
            "schemas": {_HEADERS: HEADERS_SCHEMA, _ENCRYPTED: ENCRYPTED_SCHEMA, **schemas},
            "messages": {m.type_name: _message(m, payloads[m]) for m in models},
            "correlationIds": {
                "cloudEventCorrelation": {
                    "description": "the id of the request or event that caused this one",
                    "location": "$message.header#/ce_correlationid",
                }
            },
            "securitySchemes": {
                "partnerScram": {
                    "type": "scramSha512",
                    "description": (
                        "SASL/SCRAM-SHA-512 over TLS with the username and password of the "
                        "partner's KafkaUser (deploy/k8s/base/kafka-partners.yaml); the "
                        "operator hands them out with the listener's CA certificate."
                    ),
                }
            },
        },
    }


def _servers(partners_only: bool) -> dict[str, Any]:
    kafka = {"kafka": {"bindingVersion": KAFKA_BINDING}}
    servers: dict[str, Any] = {
        "partners": {
            "host": "{bootstrap}",
            "protocol": "kafka-secure",
            "title": "Partners listener",
            "description": (
                "TLS + SASL/SCRAM-SHA-512 (the Strimzi `partners` listener, port 9094). Each "
                "partner's credentials read exactly the partner-visible topics."
            ),
            "variables": {
                "bootstrap": {
                    "default": PARTNER_BROKER,
                    "description": "the listener's address, as the operator publishes it",
                }
            },
            "security": [{"$ref": "#/components/securitySchemes/partnerScram"}],
            "tags": [{"name": PARTNER_TAG}],
            "bindings": kafka,
        },
        "local": {
            "host": LOCAL_BROKER,
            "protocol": "kafka",
            "title": "make run",
            "description": "The broker `make run` starts on this machine (plaintext).",
            "bindings": kafka,
        },
    }
    if not partners_only:
        servers["cluster"] = {
            "host": CLUSTER_BROKER,
            "protocol": "kafka",
            "title": "Cluster (internal)",
            "description": "Plaintext listener reachable only from the platform's pods.",
            "tags": [{"name": INTERNAL_TAG}],
            "bindings": kafka,
        }
    return servers


def _channel(topic: Topic, servers: Mapping[str, Any]) -> dict[str, Any]:
    tag = PARTNER_TAG if topic.partner_visible else INTERNAL_TAG
    names = [s for s in servers if topic.partner_visible or s != "partners"]
    config = topic.config()
    return {
        "address": topic.name,
        "title": topic.name,
        "description": (
            f"{topic.description} Owner: {topic.owner}. Partitions: {topic.partitions}. "
            f"{'Partner-visible.' if topic.partner_visible else 'Internal.'} "
            f"Types (`ce_type`): {', '.join(topic.type_names())}."
        ),
        "servers": [{"$ref": f"#/servers/{s}"} for s in names],
        "messages": {
            m.type_name: {"$ref": f"#/components/messages/{m.type_name}"} for m in topic.event_types
        },
        "tags": [{"name": tag}],
        "x-partner-visible": topic.partner_visible,
        "bindings": {
            "kafka": {
                "topic": topic.name,
                "partitions": topic.partitions,
                "topicConfiguration": {
                    "cleanup.policy": [config["cleanup.policy"]],
                    "retention.ms": int(config["retention.ms"]),
                },
                "bindingVersion": KAFKA_BINDING,
            }
        },
    }


def _operation_id(action: str, topic: Topic) -> str:
    return action + "".join(p[:1].upper() + p[1:] for p in re.split(r"[._-]", topic.name))


def _operation(
    action: str, topic: Topic, models: Iterable[type[IntegrationEvent]], description: str
) -> dict[str, Any]:
    channel = f"#/channels/{topic.name}"
    return {
        "action": action,
        "channel": {"$ref": channel},
        "title": f"{action} {topic.name}",
        "description": description,
        "tags": [{"name": PARTNER_TAG if topic.partner_visible else INTERNAL_TAG}],
        "messages": [{"$ref": f"{channel}/messages/{m.type_name}"} for m in models],
    }


def event_schemas(
    models: Sequence[type[IntegrationEvent]],
) -> tuple[dict[str, Any], dict[type[IntegrationEvent], dict[str, Any]]]:
    """Every model's schema as it travels (serialised), for ``#/components/schemas/`` (the
    same place in AsyncAPI and OpenAPI documents); and a reference to each one's payload.
    Personal fields may arrive sealed (``EncryptedField``, in ``ENCRYPTED_SCHEMA``)."""
    if not models:
        return {}, {}
    refs, generated = models_json_schema(
        [(m, "serialization") for m in models], ref_template=_SCHEMAS + "{model}"
    )
    schemas: dict[str, Any] = generated.get("$defs", {})
    payloads: dict[type[IntegrationEvent], dict[str, Any]] = {}
    for model in models:
        ref = refs[(model, "serialization")]["$ref"]
        name = ref.removeprefix(_SCHEMAS)
        if model.personal_fields:
            schemas[name] = _sealable(schemas[name], model.personal_fields)
        payloads[model] = {"$ref": ref}
    return schemas, payloads


def _sealable(schema: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    sealed = copy.deepcopy(schema)
    properties = sealed.get("properties", {})
    for field in sorted(fields):
        if field in properties:
            original = properties[field]
            properties[field] = {
                "anyOf": [original, {"$ref": _SCHEMAS + _ENCRYPTED}],
                "description": (
                    f"{original.get('description', '')} Personal: published encrypted by a "
                    "service that holds subject keys (docs/privacy.md)."
                ).strip(),
            }
    return sealed


def _message(model: type[IntegrationEvent], payload: dict[str, Any]) -> dict[str, Any]:
    doc = (model.__doc__ or "").strip()
    summary = doc.split("\n\n", 1)[0].replace("\n", " ") if doc else model.type_name
    owner = model.topic.split(".", 1)[0]
    headers = {
        "type": "object",
        "allOf": [
            {"$ref": _SCHEMAS + _HEADERS},
            {
                "type": "object",
                "properties": {
                    "ce_type": {"type": "string", "const": model.type_name},
                    "ce_source": {"type": "string", "const": f"/{owner}"},
                },
            },
        ],
    }
    example = model_example(model)
    return {
        "name": model.type_name,
        "title": model.__name__,
        "summary": summary,
        "description": doc or summary,
        "contentType": CONTENT_TYPE,
        "headers": headers,
        "payload": payload,
        "correlationId": {"$ref": "#/components/correlationIds/cloudEventCorrelation"},
        "bindings": {
            "kafka": {
                "key": {
                    "type": "string",
                    "description": "the aggregate id (the same value as ce_subject)",
                },
                "bindingVersion": KAFKA_BINDING,
            }
        },
        "examples": [
            {
                "name": model.__name__,
                "summary": f"a {model.type_name} record",
                "headers": {
                    CONTENT_TYPE_HEADER: CONTENT_TYPE,
                    "ce_id": "0b9e4a53-5f4e-4c5e-9a43-7c5f1f6f9a10",
                    "ce_source": f"/{owner}",
                    "ce_type": model.type_name,
                    "ce_subject": model.model_validate(example).subject(),
                    "ce_time": EXAMPLE_TIME,
                    "ce_specversion": SPECVERSION,
                    "ce_sequence": "1",
                    "ce_correlationid": "5d2c1c3e-8f1a-4f0e-9a52-0e6f1b2d3c4a",
                },
                "payload": example,
            }
        ],
    }


EXAMPLE_TIME = "2026-03-02T09:30:00Z"
EXAMPLE_UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
#: values tried, in order, for a string with a ``pattern``: codes of the shared vocabulary
_PATTERN_CANDIDATES = ("HT", "fr", "en", "HTI", "EUR", "2512", "1", "a", "A1", "x-y", "S1.1")
_FORMATS = {
    "uuid": EXAMPLE_UUID,
    "date-time": EXAMPLE_TIME,
    "date": "2026-03-02",
    "email": "amina@example.org",
    "uri": "https://example.org/item",
}


def model_example(model: type[IntegrationEvent]) -> dict[str, Any]:
    """A payload of ``model`` as it travels, every field filled: built from the model's JSON
    Schema, checked and serialised by the model itself."""
    schema = model.model_json_schema()
    example = _example(schema, schema.get("$defs", {}), field="")
    return model.model_validate(example).model_dump(mode="json")


def _example(schema: dict[str, Any], defs: Mapping[str, Any], field: str) -> Any:
    if "$ref" in schema:
        return _example(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, field)
    for key in ("const", "examples", "enum"):
        if key in schema:
            return schema[key] if key == "const" else schema[key][0]
    if schema.get("default") is not None:
        return schema["default"]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [o for o in schema[key] if o.get("type") != "null"] or schema[key]
            return _example(options[0], defs, field)
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        return {
            name: _example(sub, defs, name) for name, sub in schema.get("properties", {}).items()
        }
    if kind == "array":
        count = max(1, schema.get("minItems", 1))
        return [_example(schema.get("items", {}), defs, field) for _ in range(count)]
    if kind == "string":
        return _example_string(schema, field)
    if kind == "integer":
        return int(schema.get("minimum", schema.get("exclusiveMinimum", 0) + 1))
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return True
    return None


def _example_string(schema: dict[str, Any], field: str) -> str:
    if schema.get("format") in _FORMATS:
        return _FORMATS[schema["format"]]
    pattern = schema.get("pattern")
    if pattern:
        for candidate in _PATTERN_CANDIDATES:
            if re.search(pattern, candidate):
                return candidate
    text = field.replace("_", " ") or "text"
    return text.ljust(schema.get("minLength", 0), "x")[: schema.get("maxLength", len(text))]
