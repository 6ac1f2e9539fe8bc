"""CloudEvents 1.0 envelope, in Kafka binary mode and structured JSON.

Binary mode (CloudEvents Kafka protocol binding 1.0, section 3.2) keeps the payload a plain
JSON document of the event model and puts the envelope in headers: ``datacontenttype`` is
the ``content-type`` header (3.2.1), every other attribute a ``ce_<name>`` header (3.2.3),
values UTF-8 strings. The Kafka key is the aggregate id (the ``subject``) so per-aggregate
order holds. Structured mode (one JSON object) is what partners receive over webhooks.

The envelope is built here rather than with the ``cloudevents`` SDK: the outbox and the
consumers are the platform's hot paths, and this model is a frozen pydantic object the
services already pass around. ``contracts/tests/test_envelope.py`` and
``libs/eventkit/tests/test_cloudevents_binding.py`` prove the records are what the SDK
reads and writes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SPECVERSION = "1.0"
CONTENT_TYPE = "application/json"
HEADER_PREFIX = "ce_"
#: binary mode carries ``datacontenttype`` in this header, never as ``ce_datacontenttype``
CONTENT_TYPE_HEADER = "content-type"
_REQUIRED = frozenset({"id", "source", "type", "subject", "specversion"})


def _now() -> datetime:
    return datetime.now(UTC)


class CloudEvent(BaseModel):
    """A CloudEvents 1.0 event with the platform's extension attributes."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    source: str
    type: str
    subject: str
    time: datetime = Field(default_factory=_now)
    specversion: str = SPECVERSION
    datacontenttype: str = CONTENT_TYPE
    #: aggregate version: consumers use it to ignore stale or out-of-order updates
    sequence: int = 0
    correlationid: str | None = None
    traceparent: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)

    # ---- Kafka binary mode -------------------------------------------------------------
    def kafka_headers(self) -> list[tuple[str, bytes]]:
        attrs = self.model_dump(mode="json", exclude={"data"}, exclude_none=True)
        content_type = attrs.pop("datacontenttype")
        return [
            (CONTENT_TYPE_HEADER, content_type.encode()),
            *((HEADER_PREFIX + k, str(v).encode()) for k, v in attrs.items()),
        ]

    def kafka_value(self) -> bytes:
        return json.dumps(self.data, separators=(",", ":"), ensure_ascii=False).encode()

    @classmethod
    def from_kafka(
        cls, headers: Mapping[str, Any] | Iterable[tuple[str, Any]], value: bytes | None
    ) -> CloudEvent:
        """Parse a binary-mode message. Raises ``InvalidEnvelope`` on anything malformed.

        Header names are case-insensitive (as the binding reads them). Records written before
        the binding was kept carry ``ce_datacontenttype`` instead of ``content-type``; they
        stay readable for as long as topics retain them."""
        items = headers.items() if isinstance(headers, Mapping) else headers
        attrs: dict[str, Any] = {}
        for key, raw in items:
            name = key.lower()
            if name.startswith(HEADER_PREFIX):
                attr = name[len(HEADER_PREFIX) :]
            elif name == CONTENT_TYPE_HEADER:
                attr = "datacontenttype"
            else:
                continue
            try:
                attrs[attr] = raw.decode() if isinstance(raw, bytes | bytearray) else raw
            except UnicodeDecodeError as exc:
                raise InvalidEnvelope(f"header {key} is not UTF-8") from exc
        missing = _REQUIRED - attrs.keys()
        if missing:
            raise InvalidEnvelope(f"missing CloudEvents attributes: {sorted(missing)}")
        if attrs["specversion"] != SPECVERSION:
            raise InvalidEnvelope(f"unsupported specversion {attrs['specversion']!r}")
        try:
            data = json.loads(value) if value else {}
        except (ValueError, UnicodeDecodeError) as exc:
            raise InvalidEnvelope(f"data is not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise InvalidEnvelope("data must be a JSON object")
        try:
            return cls(**attrs, data=data)
        except ValueError as exc:
            raise InvalidEnvelope(str(exc)) from exc

    # ---- structured mode (webhooks) ----------------------------------------------------
    def structured(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class InvalidEnvelope(ValueError):
    """The message is not a well-formed CloudEvent: a poison message for the DLQ."""
