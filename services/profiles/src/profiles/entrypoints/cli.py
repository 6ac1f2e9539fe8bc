"""profiles' own commands (operators' tools), beside the chassis' ``api|relay|worker|...``.

``python -m profiles subject-keys status``: live subject keys per KEK id (public ids, never
the KEKs), destroyed keys, and how many are left to rewrap under the current KEK.
``python -m profiles subject-keys rotate``: rewraps them all now, batch by batch, with
progress (the worker does the same in the background). Counts only: nothing personal.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from eventkit.cli import Command
from eventkit.subject_keys import UnwrapError
from profiles.bootstrap import ProfilesService
from profiles.service_layer.subject_keys import (
    KeyStatus,
    check_keks,
    key_status,
    rewrap_all,
)


def _arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    status = actions.add_parser("status", help="live keys per KEK id; how many are left")
    status.add_argument("--json", action="store_true", help="machine-readable")
    rotate = actions.add_parser(
        "rotate", help="rewrap every key not under the current KEK (SUBJECT_KEY_KEK) now"
    )
    rotate.add_argument("--batch", type=int, default=None, help="keys per transaction")


def format_status(status: KeyStatus) -> str:
    def role(kek: str | None) -> str:
        if kek is None:
            return "no kek_id: wrapped before KEK ids, opened with any configured KEK"
        if kek == status.current_kek_id:
            return "current"
        if kek in status.previous_kek_ids:
            return "previous"
        return "NOT CONFIGURED: these keys cannot be read"

    ids: list[str | None] = [status.current_kek_id, *status.previous_kek_ids]
    ids += [k for k in status.live_by_kek_id if k not in ids and k is not None]
    if None in status.live_by_kek_id:
        ids.append(None)
    lines = [
        f"current KEK id:   {status.current_kek_id}",
        f"previous KEK ids: {', '.join(status.previous_kek_ids) or '(none)'}",
        "",
        f"{'kek_id':<18}{'live keys':>10}",
    ]
    for kek in ids:
        count = status.live_by_kek_id.get(kek, 0)
        lines.append(f"{kek or '(none)':<18}{count:>10}  {role(kek)}")
    lines += [
        "",
        f"destroyed keys: {status.destroyed} (never rewrapped: nothing to unwrap)",
        f"left to rewrap: {status.left_to_rewrap}",
    ]
    if status.unknown_kek_ids:
        lines.append(
            "WARNING: keys under KEK ids that are not configured: "
            + ", ".join(status.unknown_kek_ids)
            + " (add that KEK to SUBJECT_KEY_KEK_PREVIOUS)"
        )
    elif status.left_to_rewrap == 0 and status.previous_kek_ids:
        lines.append("every live key is under the current KEK: the previous KEKs can go")
    return "\n".join(lines) + "\n"


def status_json(status: KeyStatus) -> str:
    return json.dumps(
        {
            "current_kek_id": status.current_kek_id,
            "previous_kek_ids": status.previous_kek_ids,
            "live_keys_by_kek_id": {
                str(k): n for k, n in status.live_by_kek_id.items() if k is not None
            },
            "live_keys_without_kek_id": status.live_by_kek_id.get(None, 0),
            "destroyed_keys": status.destroyed,
            "left_to_rewrap": status.left_to_rewrap,
            "unknown_kek_ids": status.unknown_kek_ids,
        },
        indent=2,
        sort_keys=True,
    )


async def subject_keys(
    service: ProfilesService, args: argparse.Namespace, out: TextIO = sys.stdout
) -> int:
    keys = service.subject_keys
    try:
        if keys is None:
            print("crypto-shredding is off: SUBJECT_KEY_KEK is not set", file=sys.stderr)
            return 2
        if args.action == "rotate":

            def progress(done: int, total: int, left: int) -> None:
                print(f"rewrapped {done} (total {total}, about {left} left)", file=out)

            batch = args.batch or service.settings.subject_key_rewrap_batch
            try:
                await check_keks(service.uow(), keys, log_ids=False)
                total = await rewrap_all(service.uow, keys, batch, on_batch=progress)
            except UnwrapError as exc:
                print(f"rotation stopped: {exc}", file=sys.stderr)
                return 1
            print(f"rewrapped {total} keys under KEK {keys.wrapper.current_id}", file=out)
        status = await key_status(service.uow(), keys)
        if getattr(args, "json", False):
            print(status_json(status), file=out)
        else:
            out.write(format_status(status))
        return 1 if status.unknown_kek_ids else 0
    finally:
        await service.chassis.dispose()


COMMANDS: list[Command[ProfilesService]] = [
    Command(
        name="subject-keys",
        help="KEK rotation of the subject keys: status | rotate (docs/privacy.md)",
        run=subject_keys,
        arguments=_arguments,
    )
]
