"""resources' own commands (operators' tools), beside the chassis' ``api|relay|worker|...``.

``python -m resources attachments import-local [--dir PATH] [--delete]``: moves attachment
files kept on a local disk (``ATTACHMENT_STORAGE=local``, the default before PostgreSQL
storage) into PostgreSQL. Each file is checked against its name (its sha256) before it is
stored; a file already stored is skipped, so the command can run again after an
interruption. ``--delete`` removes each file once it is stored. Progress on stderr; at the
end, the attachments whose content is still nowhere.

``python -m resources attachments move-to-s3 [--delete]``: copies the contents kept in
PostgreSQL into the object store the service is configured for (``ATTACHMENT_STORAGE=s3``
and the ``ATTACHMENT_S3_*`` settings), a batch at a time. Each content is checked against
its name before it is sent and the object is checked after; one already in the bucket is not
sent again, so the command can run again after an interruption. ``--delete`` removes a row
once its object is confirmed. Progress on stderr; at the end, the attachments whose content
is in neither place. The order that loses no download (deploy/README.md, "Attachments"):
move without ``--delete`` while the API still reads PostgreSQL, switch the API to ``s3``,
then move again with ``--delete`` (it copies what was uploaded in between).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from eventkit.cli import Command
from resources.adapters.storage import (
    LocalFileStorage,
    PostgresAttachmentStorage,
    S3ObjectStorage,
)
from resources.bootstrap import ResourcesService


@dataclass
class ImportReport:
    stored: int = 0
    already_there: int = 0
    corrupt: list[str] = field(default_factory=list)
    deleted: int = 0
    bytes_stored: int = 0
    #: attachments whose content is neither in PostgreSQL nor among the files
    missing: list[str] = field(default_factory=list)


async def import_local_files(
    service: ResourcesService, folder: Path, *, delete: bool = False, progress: bool = True
) -> ImportReport:
    files = LocalFileStorage(folder)
    store = PostgresAttachmentStorage(lambda: service.chassis.engine)
    report = ImportReport()
    keys = files.keys()
    for n, key in enumerate(keys, 1):
        content = await files.get(key)
        if hashlib.sha256(content).hexdigest() != key:
            report.corrupt.append(key)  # never stored under a digest it does not have
        elif await store.has(key):
            report.already_there += 1
        else:
            await store.put(key, content)
            report.stored += 1
            report.bytes_stored += len(content)
        if delete and key not in report.corrupt:
            (folder / key[:2] / key).unlink()
            report.deleted += 1
        if progress and (n % 50 == 0 or n == len(keys)):
            print(f"{n}/{len(keys)} files", file=sys.stderr, flush=True)
    report.missing = await store.keys_missing()
    return report


@dataclass
class MoveReport:
    moved: int = 0
    already_there: int = 0
    corrupt: list[str] = field(default_factory=list)
    deleted: int = 0
    bytes_moved: int = 0
    #: attachments whose content is neither in the bucket nor in PostgreSQL
    missing: list[str] = field(default_factory=list)


async def move_to_object_store(
    database: PostgresAttachmentStorage,
    bucket: S3ObjectStorage,
    *,
    delete: bool = False,
    progress: bool = True,
    batch: int = 100,
) -> MoveReport:
    report = MoveReport()
    after, seen = "", 0
    while keys := await database.keys_after(after, batch):
        for key in keys:
            content = await database.get(key)
            if hashlib.sha256(content).hexdigest() != key:
                report.corrupt.append(key)  # never stored under a digest it does not have
                continue
            if await bucket.has(key):
                report.already_there += 1
            else:
                await bucket.put(key, content)
                if not await bucket.has(key):
                    raise RuntimeError(f"the object store did not keep {key}")
                report.moved += 1
                report.bytes_moved += len(content)
            if delete:
                await database.delete(key)
                report.deleted += 1
        seen += len(keys)
        after = keys[-1]
        if progress:
            print(f"{seen} contents read", file=sys.stderr, flush=True)
    for key in await database.referenced_keys():
        if not await bucket.has(key) and not await database.has(key):
            report.missing.append(key)
    return report


def _arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    local = actions.add_parser(
        "import-local", help="move attachment files from a local folder into PostgreSQL"
    )
    local.add_argument("--dir", type=Path, help="the folder (default: ATTACHMENT_DIR)")
    local.add_argument("--delete", action="store_true", help="delete each file once stored")
    move = actions.add_parser(
        "move-to-s3",
        help="copy contents kept in PostgreSQL into the configured object store",
    )
    move.add_argument(
        "--delete", action="store_true", help="delete each row once its object is confirmed"
    )


async def _attachments(service: ResourcesService, args: argparse.Namespace) -> int:
    if args.action == "move-to-s3":
        return await _move(service, delete=args.delete)
    folder = args.dir or service.settings.attachment_dir
    if not folder.is_dir():
        print(f"no such folder: {folder}", file=sys.stderr)
        return 2
    try:
        report = await import_local_files(service, folder, delete=args.delete)
    finally:
        await service.chassis.dispose()
    print(
        f"stored {report.stored} files ({report.bytes_stored} bytes), "
        f"{report.already_there} already stored, {report.deleted} deleted"
    )
    for key in report.corrupt:
        print(f"NOT stored, content does not match its name: {key}")
    for key in report.missing:
        print(f"an attachment's content is still missing: {key}")
    return 1 if report.corrupt or report.missing else 0


async def _move(service: ResourcesService, *, delete: bool) -> int:
    if not isinstance(service.storage, S3ObjectStorage):
        print("set ATTACHMENT_STORAGE=s3 and the ATTACHMENT_S3_* settings first", file=sys.stderr)
        return 2
    database = PostgresAttachmentStorage(lambda: service.chassis.engine)
    try:
        report = await move_to_object_store(database, service.storage, delete=delete)
    finally:
        await service.chassis.dispose()
    print(
        f"moved {report.moved} contents ({report.bytes_moved} bytes), "
        f"{report.already_there} already in the bucket, {report.deleted} deleted from PostgreSQL"
    )
    for key in report.corrupt:
        print(f"NOT moved, content does not match its name: {key}")
    for key in report.missing:
        print(f"an attachment's content is in neither place: {key}")
    return 1 if report.corrupt or report.missing else 0


COMMANDS: list[Command[ResourcesService]] = [
    Command(
        "attachments",
        "attachment contents: import-local (local files into PostgreSQL), move-to-s3 "
        "(PostgreSQL into the object store)",
        _attachments,
        _arguments,
    )
]
