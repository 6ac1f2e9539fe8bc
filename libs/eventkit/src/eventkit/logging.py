"""structlog JSON logs with request id, correlation id and trace context.

Log events name what happened and carry ids, never personal data (emails, names, answers):
the people in these logs may be at risk if their data leaks.
"""

from __future__ import annotations

import logging
import sys

import structlog

_configured = False


#: libraries whose INFO is chatter (connections, every statement); their warnings still show
_CHATTY = ("aiokafka", "kafka", "sqlalchemy.engine")
#: the consumer group's membership (joined, revoked, assigned): rare, and without it a
#: consumer group that stops making progress cannot be told apart from an idle one
_MEMBERSHIP = "aiokafka.consumer.group_coordinator"


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
