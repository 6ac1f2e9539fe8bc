"""The compatibility checker itself: it must catch deliberately breaking changes."""

from typing import ClassVar

import pytest
from pydantic import Field

from contracts.base import IntegrationEvent
from contracts.compat import breaking_changes
from contracts.events.profiles import AccountRegistered
from contracts.schemas import schema_of


class _Base(IntegrationEvent):
    type_name: ClassVar[str] = "test.thing.happened"
    topic: ClassVar[str] = "test.thing.v1"


class V1(_Base):
    name: str
    count: int = 0
    colour: str = Field(default="red", json_schema_extra={"enum": ["red", "blue"]})
    tags: list[str] = []


class AddedOptional(V1):
    note: str | None = None


class RemovedField(_Base):
    count: int = 0
    colour: str = "red"
    tags: list[str] = []


class ChangedType(_Base):
    name: int
    count: int = 0
    colour: str = "red"
    tags: list[str] = []


class NewRequired(V1):
    region: str


class NarrowedEnum(_Base):
    name: str
    count: int = 0
    colour: str = Field(default="red", json_schema_extra={"enum": ["red"]})
    tags: list[str] = []


class ListItemsChanged(_Base):
    name: str
    count: int = 0
    colour: str = "red"
    tags: list[int] = []


class Tightened(_Base):
    name: str = Field(max_length=10)
    count: int = 0
    colour: str = "red"
    tags: list[str] = []


def test_additive_change_is_compatible() -> None:
    assert breaking_changes(schema_of(V1), schema_of(AddedOptional)) == []


@pytest.mark.parametrize(
    ("new", "fragment"),
    [
        (RemovedField, "name: property removed"),
        (ChangedType, "type changed"),
        (NewRequired, "region: property became required"),
        (NarrowedEnum, "enum values removed"),
        (ListItemsChanged, "tags[]: type changed"),
        (Tightened, "maxLength tightened"),
    ],
)
def test_breaking_change_is_caught(new: type[IntegrationEvent], fragment: str) -> None:
    problems = breaking_changes(schema_of(V1), schema_of(new))
    assert any(fragment in p for p in problems), problems


def test_breaking_a_real_published_event_is_caught() -> None:
    class AccountRegisteredWithoutEmail(IntegrationEvent):
        type_name: ClassVar[str] = AccountRegistered.type_name
        topic: ClassVar[str] = AccountRegistered.topic
        account_id: str
        display_name: str

    problems = breaking_changes(
        schema_of(AccountRegistered), schema_of(AccountRegisteredWithoutEmail)
    )
    assert any("email: property removed" in p for p in problems)
