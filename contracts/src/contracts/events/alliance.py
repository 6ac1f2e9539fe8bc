"""Events published by the alliance service."""

from __future__ import annotations

from contracts.topics import Topic

TOPICS: tuple[Topic, ...] = ()
