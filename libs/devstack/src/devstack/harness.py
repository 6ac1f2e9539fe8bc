"""Real infrastructure for the pytest harness (the conftest calls :func:`ensure_test_infra`).

Tests run against the real Kafka broker and PostgreSQL (``TestKafkaBroker`` is not Kafka).
``KAFKA_BOOTSTRAP_SERVERS`` / ``DATABASE_URL`` win when set (CI services); otherwise a private
broker and server are started under ``<home>/test`` on their own ports (29092/29093, 25432) so
a running ``make run`` stack is never touched, and they are left running so reruns are fast.
``DEVSTACK_TOPOLOGY=cluster`` gives the tests the cluster topology's infrastructure instead
(three Kafka nodes on 29092-29103, a Postgres pair on 25432/25433, under ``<home>/test-cluster``).
Failure to start raises :class:`TestInfraError`: a test run must never silently skip.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType

from devstack import kafka, paths, postgres
from devstack.smtp import clear_messages, read_messages, smtp_ready
from devstack.stack import Stack
from devstack.topology import topology_from_env
from devstack.waiting import free_port, wait_until

__all__ = [
    "SmtpSink",
    "TestInfra",
    "TestInfraError",
    "ensure_test_infra",
    "start_smtp_sink",
    "stop_test_infra",
    "wait_until",
]

TEST_KAFKA_PORT = 29092
TEST_PG_PORT = 25432
TEST_SMTP_PORT = 22525


class TestInfraError(RuntimeError):
    """The test infrastructure could not be started (the message says what and why)."""

    __test__ = False


@dataclass(frozen=True)
class TestInfra:
    """Connection details of the test infrastructure."""

    __test__ = False  # not a pytest test class

    kafka_bootstrap: str
    admin_database_url: str  # plain postgresql:// form
    maildir: Path

    def service_database_url(self, service: str) -> str:
        """Provision role + schema ``service`` (idempotent); its ``postgresql+asyncpg`` URL."""
        return postgres.provision_service(self.admin_database_url, service)

    async def aservice_database_url(self, service: str) -> str:
        """Async twin of :meth:`service_database_url` for async fixtures."""
        return await postgres.aprovision_service(self.admin_database_url, service)


def test_stack() -> Stack:
    """The private test stack: home ``<home>/test`` (``test-cluster`` for the cluster
    topology), ports apart from ``make run``'s."""
    home = paths.devstack_home()
    topology = topology_from_env()
    return Stack(
        home=home / ("test" if topology.kafka_nodes == 1 else "test-cluster"),
        topology=topology,
        kafka_port=paths.env_port("DEVSTACK_TEST_KAFKA_PORT", TEST_KAFKA_PORT),
        pg_port=paths.env_port("DEVSTACK_TEST_PG_PORT", TEST_PG_PORT),
        smtp_port=paths.env_port("DEVSTACK_TEST_SMTP_PORT", TEST_SMTP_PORT),
        gateway_port=0,
        jar_home=home,
    )


test_stack.__test__ = False  # type: ignore[attr-defined]


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """Cross-process lock so parallel test workers do not start two brokers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


_cached: TestInfra | None = None


def ensure_test_infra() -> TestInfra:
    """Start (or reuse) Kafka + Postgres for tests, create the registry topics, return URLs."""
    global _cached
    if _cached is not None:
        return _cached
    stack = test_stack()
    try:
        with _lock(stack.home / ".lock"):
            if stack.external_kafka:
                bootstrap = stack.external_kafka
            else:
                stack.kafka.start(kafka.ensure_jars(stack.jar_home))
                bootstrap = stack.kafka.bootstrap
            if not stack.external_database_url:
                stack.postgres.start()
            kafka.ensure_topics(bootstrap, stack.kafka.topic_settings())
    except Exception as exc:
        raise TestInfraError(
            f"test infrastructure could not be started under {stack.home}: {exc}\n"
            "Set KAFKA_BOOTSTRAP_SERVERS / DATABASE_URL to use existing servers, or inspect "
            f"the logs in {stack.home / 'logs'}."
        ) from exc
    stack.maildir.mkdir(parents=True, exist_ok=True)
    _cached = TestInfra(bootstrap, stack.admin_url, stack.maildir)
    return _cached


ensure_test_infra.__test__ = False  # type: ignore[attr-defined]


def stop_test_infra() -> list[str]:
    """Stop the private test broker and server (state is kept)."""
    global _cached
    _cached = None
    return test_stack().stop()


stop_test_infra.__test__ = False  # type: ignore[attr-defined]


#: the token query parameter of an emailed link
_LINK_TOKEN = re.compile(r"[?&]token=([A-Za-z0-9_\-\.~%]+)")


class SmtpSink:
    """A real SMTP sink process owned by a test; stop it (or use ``with``) when done."""

    def __init__(self, port: int, maildir: Path, proc: subprocess.Popen[bytes]) -> None:
        self.host = "127.0.0.1"
        self.port = port
        self.maildir = maildir
        self._proc = proc

    @property
    def pid(self) -> int:
        return self._proc.pid

    def messages(self) -> list[EmailMessage]:
        return read_messages(self.maildir)

    def clear(self) -> None:
        clear_messages(self.maildir)

    def wait_for_messages(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        """Block until at least ``count`` messages arrived; return them all."""
        wait_until(
            lambda: len(self.messages()) >= count,
            timeout,
            what=f"{count} message(s) in {self.maildir}",
        )
        return self.messages()

    def link_token(self, address: str, timeout: float = 60.0) -> str:
        """The ``token`` of the link in the first email to ``address`` (verification, reset):
        read from the mail people get, as the outbox's copy of the link is encrypted."""

        def mail() -> EmailMessage | None:
            return next((m for m in self.messages() if address in str(m["To"])), None)

        wait_until(lambda: mail() is not None, timeout, what=f"an email to {address}")
        message = mail()
        assert message is not None
        text = "".join(
            part.get_content() for part in message.walk() if part.get_content_type() == "text/plain"
        )
        found = _LINK_TOKEN.search(text)
        if found is None:
            raise AssertionError(f"no link with a token in the email to {address}: {text}")
        return found.group(1)

    def stop(self) -> None:
        if self._proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, signal.SIGTERM)
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(5)

    def __enter__(self) -> SmtpSink:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_smtp_sink(port: int = 0, maildir: Path | None = None) -> SmtpSink:
    """Start ``python -m devstack.smtp`` as a separate process (port 0: pick a free one)."""
    port = port or free_port()
    folder = maildir or (paths.devstack_home() / "test" / "smtp" / str(port))
    folder.mkdir(parents=True, exist_ok=True)
    if maildir is None:
        clear_messages(folder)  # a reused default folder must not leak earlier runs' mail
    log = folder.parent / f"smtp-{port}.log"
    with log.open("ab") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "devstack.smtp", "--port", str(port), "--maildir", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    sink = SmtpSink(port, folder, proc)
    try:
        wait_until(
            lambda: proc.poll() is None and smtp_ready("127.0.0.1", port),
            20,
            what=f"SMTP sink on 127.0.0.1:{port}",
            on_timeout=log.read_text,
        )
    except Exception:
        sink.stop()
        raise
    return sink
