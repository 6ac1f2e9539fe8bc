"""The post-erasure scan: everywhere the platform keeps data, searched for one person's values.

* ``leaks_in_database``: every column, of every type, of every table of every schema of the
  platform's database (system catalogs aside), and every large object. Text-like columns are
  searched as text; ``bytea`` as bytes; ``tsvector`` (search indexes hold stemmed, folded
  lexemes, so a name is not in them verbatim) with a text-search query in every text search
  configuration the server has, and by the lexemes' text.
* ``leaks_in_files``: every file under the given folders (what the services store: attachments,
  export archives, their logs), zip archives' members included.
* ``leaks_in_bucket``: every object of an S3-compatible bucket (resources' attachments with
  ``ATTACHMENT_STORAGE=s3``, or moved there by ``python -m resources attachments
  move-to-s3``), every version of each where the bucket keeps versions, zip and gzip
  contents included.
* ``leaks_on_kafka``: every topic read raw from the beginning (keys, values, headers).
* ``leaks_in_search``: every public search endpoint of every service (the GET operations of
  ``docs/api/*.openapi.json`` with a ``q`` parameter and no path parameter), queried with each
  of the person's values, anonymously and as a member: no answer may contain the value or
  list one of the person's records. New search endpoints are covered as soon as their
  OpenAPI document is generated (``make docs``).
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from devstack.postgres import plain_url

SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")
API_DOCS = Path(__file__).resolve().parents[2] / "docs" / "api"


async def leaks_in_database(admin_url: str, values: dict[str, str]) -> list[str]:
    conn = await asyncpg.connect(plain_url(admin_url))
    try:
        configurations = [
            r["cfgname"] for r in await conn.fetch("SELECT cfgname::text FROM pg_ts_config")
        ]
        columns = await conn.fetch(
            "SELECT c.table_schema, c.table_name, c.column_name, c.data_type, c.udt_name"
            " FROM information_schema.columns c"
            " JOIN information_schema.tables t USING (table_schema, table_name)"
            " WHERE t.table_type = 'BASE TABLE' AND NOT (c.table_schema = ANY($1::text[]))"
            " AND c.table_schema NOT LIKE 'pg_temp%' AND c.table_schema NOT LIKE 'pg_toast%'",
            list(SYSTEM_SCHEMAS),
        )
        leaks = []
        for col in columns:
            target = f'"{col["table_schema"]}"."{col["table_name"]}"'
            column = f'"{col["column_name"]}"'
            for what, value in values.items():
                found = await _count(conn, target, column, col["udt_name"], value, configurations)
                if found:
                    leaks.append(f"{target}.{column} ({col['data_type']}): {what} ({found} rows)")
        for oid in [r["oid"] for r in await conn.fetch("SELECT oid FROM pg_largeobject_metadata")]:
            content = bytes(await conn.fetchval("SELECT lo_get($1)", oid)).lower()
            leaks += [
                f"large object {oid}: {what}"
                for what, value in values.items()
                if value.lower().encode() in content
            ]
        return leaks
    finally:
        await conn.close()


async def _count(
    conn: asyncpg.Connection,
    target: str,
    column: str,
    udt: str,
    value: str,
    configurations: list[str],
) -> int:
    needle = value.lower()
    if udt == "bytea":  # bytes of any encoding (photos, archives, keys): searched here
        rows = await conn.fetch(f"SELECT {column} AS b FROM {target} WHERE {column} IS NOT NULL")
        return sum(needle.encode() in bytes(r["b"]).lower() for r in rows)
    if udt == "tsvector":
        # stemming keeps a word's beginning: the lexemes' text holds its first letters
        stem = needle[: max(6, len(needle) - 4)]
        matches = " OR ".join(f"{column} @@ plainto_tsquery('{cfg}', $1)" for cfg in configurations)
        return int(
            await conn.fetchval(
                f"SELECT count(*) FROM {target} WHERE {matches}"
                f" OR strpos(lower({column}::text), $2) > 0",
                value,
                stem,
            )
        )
    # every other type has a text form (json, arrays, enums, composite and range types...)
    return int(
        await conn.fetchval(
            f"SELECT count(*) FROM {target} WHERE strpos(lower({column}::text), $1) > 0", needle
        )
    )


def _contents(where: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    yield where, data
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                yield f"{where}!{name}", archive.read(name)
    elif data[:2] == b"\x1f\x8b":
        yield f"{where} (gunzipped)", gzip.decompress(data)


def _leaks_in(where: str, data: bytes, values: dict[str, str]) -> list[str]:
    return [
        f"{place}: {what}"
        for place, content in _contents(where, data)
        for what, value in values.items()
        if value.lower().encode() in content.lower()
    ]


def leaks_in_files(roots: Iterable[Path], values: dict[str, str]) -> list[str]:
    leaks = []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            leaks += _leaks_in(str(path), path.read_bytes(), values)
    return leaks


def leaks_in_bucket(s3: Any, bucket: str, values: dict[str, str]) -> list[str]:
    """Every object of ``bucket`` (a boto3 S3 client), whatever its key prefix, and every
    kept version of it: a deleted or overwritten object a versioned bucket still holds is
    still the person's data. Returns ``s3://bucket/key: what`` per finding."""
    leaks = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for item in page.get("Versions", []):
            key, version = item["Key"], item["VersionId"]
            extra = {} if version in (None, "null") else {"VersionId": version}
            data = s3.get_object(Bucket=bucket, Key=key, **extra)["Body"].read()
            where = f"s3://{bucket}/{key}" + (f"?versionId={version}" if extra else "")
            leaks += _leaks_in(where, data, values)
    return leaks


def search_endpoints() -> list[str]:
    """Paths of the public search operations every service documents."""
    out = []
    for document in sorted(API_DOCS.glob("*.openapi.json")):
        for path, operations in json.loads(document.read_text())["paths"].items():
            get = operations.get("get")
            if get is None or "{" in path:
                continue
            names = {p["name"] for p in get.get("parameters", []) if p.get("in") == "query"}
            if "q" in names:
                out.append(path)
    return list(dict.fromkeys(out))  # each service's document and the merged one


def leaks_in_search(
    http: httpx.Client, token: str, values: dict[str, str], records: Iterable[str]
) -> list[str]:
    """Each value as the query of every search endpoint, anonymously and with ``token``: the
    answer must not hold the value, nor the id of one of the person's ``records``."""
    leaks = []
    ids = [r for r in records if r]
    for path in search_endpoints():
        for caller in (None, token):
            headers = {"Authorization": f"Bearer {caller}"} if caller else {}
            for what, value in values.items():
                r = http.get(path, params={"q": value}, headers=headers)
                if r.status_code >= 500:
                    leaks.append(f"{path}?q=<{what}>: {r.status_code}")
                    continue
                body = r.text.lower()
                who = "a member" if caller else "anyone"
                if value.lower() in body:
                    leaks.append(f"{path}?q=<{what}> as {who}: the answer holds the {what}")
                leaks += [
                    f"{path}?q=<{what}> as {who}: finds their record {record}"
                    for record in ids
                    if record in r.text
                ]
    return leaks


async def leaks_on_kafka(bootstrap: str, values: dict[str, str]) -> list[str]:
    """Every topic read raw from the beginning: keys, headers and values searched as bytes."""
    from aiokafka import AIOKafkaConsumer, TopicPartition
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        topics = [t for t in await admin.list_topics() if not t.startswith("__")]
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    partitions = [
        TopicPartition(t["topic"], p["partition"]) for t in described for p in t["partitions"]
    ]
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    leaks: set[str] = set()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        needles = {what: v.lower().encode() for what, v in values.items()}
        remaining = {tp for tp in partitions if ends[tp] > 0}
        while remaining:
            batch = await consumer.getmany(timeout_ms=1000, max_records=5000)
            if not batch:
                remaining = {tp for tp in remaining if await consumer.position(tp) < ends[tp]}
                continue
            for tp, records in batch.items():
                for record in records:
                    raw = b"".join(
                        [
                            record.key or b"",
                            record.value or b"",
                            *(v for _, v in record.headers or ()),
                        ]
                    ).lower()
                    for what, needle in needles.items():
                        if needle in raw:
                            leaks.add(f"{tp.topic}: {what}")
                if records and records[-1].offset + 1 >= ends[tp]:
                    remaining.discard(tp)
        return sorted(leaks)
    finally:
        await consumer.stop()
