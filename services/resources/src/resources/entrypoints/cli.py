"""resources' own commands (operators' tools), beside the chassis' ``api|relay|worker|...``.

``python -m resources attachments import-local [--dir PATH] [--delete]``: moves attachment
files kept on a local disk (``ATTACHMENT_STORAGE=local``, the default before PostgreSQL
storage) into PostgreSQL. Each file is checked against its name (its sha256) before it is
stored; a file already stored is skipped, so the command can run again after an
interruption. ``--delete`` removes each file once it is stored. Progress on stderr; at the
end, the attachments whose content is still nowhere.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from eventkit.cli import Command
from resources.adapters.storage import LocalFileStorage, PostgresAttachmentStorage
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


def _arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    local = actions.add_parser(
        "import-local", help="move attachment files from a local folder into PostgreSQL"
    )
    local.add_argument("--dir", type=Path, help="the folder (default: ATTACHMENT_DIR)")
    local.add_argument("--delete", action="store_true", help="delete each file once stored")


async def _attachments(service: ResourcesService, args: argparse.Namespace) -> int:
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


COMMANDS: list[Command[ResourcesService]] = [
    Command(
        "attachments",
        "attachment contents: import-local moves local files into PostgreSQL",
        _attachments,
        _arguments,
    )
]
