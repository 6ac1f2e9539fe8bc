"""A local SMTP sink: every message lands as a readable ``.eml`` file in a folder.

Runs as its own process (``python -m devstack.smtp --port P --maildir DIR``) so services talk
real SMTP to a real server, exactly as in production, and a person can open the mail with any
mail client or text editor. Files are written to ``<maildir>/.tmp`` and renamed into place, so
readers never see half-written messages.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import signal
import smtplib
import threading
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


class MaildirHandler:
    """aiosmtpd handler storing each DATA as ``<ns-timestamp>-<uuid>.eml``."""

    def __init__(self, maildir: Path) -> None:
        self.maildir = maildir
        (maildir / ".tmp").mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        if isinstance(content, str):
            content = content.encode("utf-8")
        # Envelope data is not in the headers (think Bcc); record it for tests and humans.
        rcpts = ", ".join(str(r) for r in envelope.rcpt_tos)
        prefix = f"X-Envelope-From: {envelope.mail_from}\r\nX-Envelope-To: {rcpts}\r\n".encode()
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"
        tmp = self.maildir / ".tmp" / name
        tmp.write_bytes(prefix + content)
        tmp.replace(self.maildir / name)
        return "250 Message accepted for delivery"


def read_messages(maildir: Path | str) -> list[EmailMessage]:
    """Every stored message, oldest first, parsed with the modern ``EmailMessage`` API."""
    folder = Path(maildir)
    if not folder.is_dir():
        return []
    messages: list[EmailMessage] = []
    for path in sorted(folder.glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        messages.append(msg)
    return messages


def clear_messages(maildir: Path | str) -> None:
    """Delete stored messages (tests that count mail start from an empty folder)."""
    for path in Path(maildir).glob("*.eml"):
        path.unlink(missing_ok=True)


def smtp_ready(host: str, port: int) -> bool:
    """True when an SMTP server greets and answers NOOP."""
    try:
        with smtplib.SMTP(host, port, timeout=2) as client:
            code, _ = client.noop()
            return code == 250
    except (OSError, smtplib.SMTPException):
        return False


def serve(host: str, port: int, maildir: Path) -> None:
    """Run the sink until SIGTERM/SIGINT."""
    controller = Controller(
        MaildirHandler(maildir),
        hostname=host,
        port=port,
        enable_SMTPUTF8=True,
        decode_data=False,
    )
    controller.start()
    print(f"SMTP sink on {host}:{port} -> {maildir}", flush=True)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    try:
        done.wait()
    finally:
        controller.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m devstack.smtp", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--maildir", type=Path, required=True)
    args = parser.parse_args(argv)
    serve(args.host, args.port, args.maildir.resolve())


if __name__ == "__main__":
    main()
