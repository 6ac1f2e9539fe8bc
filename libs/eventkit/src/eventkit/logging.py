"""structlog JSON logs with request id, correlation id and trace context.

Log events name what happened and carry ids, never personal data (emails, names, answers):
the people in these logs may be at risk if their data leaks.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass

import structlog

_configured = False


#: libraries whose INFO is chatter (connections, every statement); their warnings still show
_CHATTY = ("aiokafka", "kafka", "sqlalchemy.engine")
#: the consumer group's membership (joined, revoked, assigned): rare, and without it a
#: consumer group that stops making progress cannot be told apart from an idle one
_MEMBERSHIP = "aiokafka.consumer.group_coordinator"


#: libraries whose errors come in storms while the broker is away: aiokafka's clients retry
#: metadata and connections every few hundred milliseconds, each retry an error line
#: ("Unable to update metadata from ...": 650-1,700 lines in 22 s of outage, per process)
_STORMY = ("aiokafka", "kafka")
#: repeats of one library message are counted, and reported once per this many seconds
REPEAT_INTERVAL_S = 30.0


@dataclass
class _Storm:
    first: float
    last: float
    window_start: float
    in_window: int = 0
    total: int = 1


class RepeatedErrors(logging.Filter):
    """Aggregates a library's repeated warnings and errors: the first occurrence of a
    message (its template: node ids and addresses vary) is logged as it is; repeats within
    ``interval_s`` are counted, not logged; the next repeat after the interval is logged with
    the count of the interval (``... (repeated 412 times in the last 30 s)``); once the
    message has not come back for ``interval_s``, one ``log.repeats_stopped`` line says it
    stopped (the recovery), with how many there were and for how long."""

    def __init__(self, interval_s: float = REPEAT_INTERVAL_S, prefixes: tuple[str, ...] = _STORMY):
        super().__init__()
        self.interval_s = interval_s
        self.prefixes = prefixes
        self._storms: dict[tuple[str, str], _Storm] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or not record.name.startswith(self.prefixes):
            return True
        key = (record.name, str(record.msg))
        now = time.monotonic()
        with self._lock:
            storm = self._storms.get(key)
            if storm is None:  # the first occurrence: as it is
                self._storms[key] = _Storm(first=now, last=now, window_start=now)
                self._watch(key)
                return True
            storm.last = now
            storm.total += 1
            if now - storm.window_start < self.interval_s:
                storm.in_window += 1
                return False
            repeated, storm.in_window, storm.window_start = storm.in_window + 1, 0, now
        record.msg = (
            f"{record.getMessage()} (repeated {repeated} times in the last {self.interval_s:.0f} s)"
        )
        record.args = None
        return True

    def _watch(self, key: tuple[str, str]) -> None:
        timer = threading.Timer(self.interval_s, self._check, args=(key,))
        timer.daemon = True
        timer.start()

    def _check(self, key: tuple[str, str]) -> None:
        with self._lock:
            storm = self._storms.get(key)
            if storm is None:
                return
            quiet = time.monotonic() - storm.last
            if quiet < self.interval_s:  # still coming: look again once it could be quiet
                timer = threading.Timer(self.interval_s - quiet, self._check, args=(key,))
                timer.daemon = True
                timer.start()
                return
            del self._storms[key]
        if storm.total > 1:
            get_logger(__name__).warning(
                "log.repeats_stopped",
                logger=key[0],
                message=key[1],
                occurrences=storm.total,
                lasted_s=round(storm.last - storm.first, 1),
            )


def configure_logging(service: str, level: str = "INFO", json: bool = True) -> None:
    global _configured
    if _configured:
        return
    _configured = True
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    )
    stamped: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    # the libraries' own records (aiokafka, uvicorn, ...) come out as the same JSON lines,
    # with a time, a level and the logger's name, so they can be read beside the service's
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[*stamped, structlog.stdlib.add_logger_name],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
            ],
        )
    )
    handler.addFilter(RepeatedErrors(REPEAT_INTERVAL_S))  # no log storm while Kafka is away
    logging.basicConfig(handlers=[handler], level=level.upper())
    for chatty in _CHATTY:
        logging.getLogger(chatty).setLevel(logging.WARNING)
    logging.getLogger(_MEMBERSHIP).setLevel(min(logging.INFO, logging.getLogger().level))
    structlog.configure(
        processors=[
            *stamped,
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping()[level.upper()]
        ),
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.bind_contextvars(service=service)


def get_logger(name: str | None = None) -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)
