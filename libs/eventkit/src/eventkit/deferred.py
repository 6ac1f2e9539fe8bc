"""Deferred inserts: a unit of work's new rows reach PostgreSQL as one statement.

A new row that nothing reads back before the commit (a resource's history row, an outbox row)
does not need a round trip and an ORM execution of its own. ``DeferringSession.defer_insert``
keeps it; the session sends every kept row, joined by data-modifying CTEs, as ONE statement
just before the transaction's next statement (so reads see the rows and statement order holds)
or at commit. A unit of work whose only statements are deferred inserts commits them as that
one statement in autocommit: a single statement is atomic, so BEGIN and COMMIT are two round
trips that buy nothing.

Only for INSERTs of rows no other deferred insert of the same batch touches: PostgreSQL runs
the statements of a WITH concurrently on one snapshot, in an order it does not promise (today
the last first), so they must not depend on each other's order. Rows of the same INSERT (the
same SQL) are therefore sent as one multi-row ``VALUES`` list, which keeps the order they were
deferred in: the outbox's ``position`` numbers a unit of work's events in the order it wrote
them. Foreign keys between the rows hold: they are checked at the end of the whole statement.

Reads in autocommit: a unit of work that only reads needs no transaction either. After
``DeferringSession.read_in_autocommit()`` the session runs its statements on an AUTOCOMMIT
connection, so the database sees the statements alone: no BEGIN before them, no ROLLBACK when
the session closes (two round trips that buy nothing for one SELECT). Each statement then sees
its own snapshot: a read that must see one consistent state across several statements does not
belong here (load it in one statement, or read in a transaction). Writes are refused: in
autocommit each would commit on its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Executable, Insert, bindparam
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

_PLACEHOLDER = re.compile(r"\$(\d+)")


@dataclass(frozen=True, eq=False)
class DeferredStatement:
    """An INSERT of ``rows`` rows compiled once for one set of column keys: its SQL (``$n``
    placeholders), which row's value of which key fills each placeholder, and each
    placeholder's type conversion."""

    sql: str
    slots: tuple[tuple[int, str], ...]
    processors: tuple[Callable[[Any], Any] | None, ...]
    #: values bound inside the statement itself (``.values(x=...)``), by name
    embedded: Mapping[str, Any]

    def arguments(self, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
        values = []
        for (row, name), process in zip(self.slots, self.processors, strict=True):
            params = rows[row]
            value = params[name] if name in params else self.embedded[name]
            # like SQLAlchemy, None goes through the processor too (JSON writes it as JSON null)
            values.append(process(value) if process is not None else value)
        return values


@functools.lru_cache(maxsize=512)
def compile_insert(
    statement: Insert, keys: frozenset[str], rows: int, dialect: Dialect
) -> DeferredStatement:
    """``rows`` > 1: one multi-row ``VALUES`` list, so identity columns (the outbox's
    ``position``) number the rows in the order they were deferred."""
    slot_of: dict[str, tuple[int, str]] = {}
    if rows > 1:
        columns = statement.table.c
        values = []
        for i in range(rows):
            row = {}
            for key in sorted(keys):
                slot_of[f"r{i}_{key}"] = (i, key)
                row[key] = bindparam(f"r{i}_{key}", type_=columns[key].type)
            values.append(row)
        statement = statement.values(values)
    # compiled as for executemany: without the implicit RETURNING of the primary key that a
    # single execution adds (the caller does not read it back)
    compiled: Any = statement.compile(
        dialect=dialect, column_keys=sorted(keys), for_executemany=rows == 1
    )
    if compiled.insert_prefetch or compiled.returning or compiled.post_compile_params:
        # Python-side column defaults are computed by an execution context, RETURNING would be
        # thrown away and expanding parameters are rendered per execution: none can be deferred
        raise TypeError(f"cannot defer {compiled.string!r}: defaults, RETURNING or IN lists")
    names = tuple(compiled.positiontup or ())
    if len(set(_PLACEHOLDER.findall(compiled.string))) != len(names):
        raise TypeError(f"cannot defer {compiled.string!r}: unexpected placeholders")
    processors = tuple(
        compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    )
    # the binds the rows do not fill (a multi-row statement's are all filled by the rows)
    embedded = {
        name: bind.value
        for name, bind in compiled.binds.items()
        if name not in keys and name not in slot_of
    }
    slots = tuple(slot_of.get(name, (0, name)) for name in names)
    return DeferredStatement(compiled.string, slots, processors, embedded)


def _multi_row(statement: Insert) -> bool:
    """Whether more rows can be added to the statement as a ``VALUES`` list (not when it
    carries values of its own)."""
    return not statement._values and not statement._multi_values


def _renumbered(sql: str, offset: int) -> str:
    return _PLACEHOLDER.sub(lambda m: f"${int(m.group(1)) + offset}", sql)


@functools.lru_cache(maxsize=512)
def joined_sql(statements: tuple[DeferredStatement, ...]) -> str:
    """One statement for the batch: every insert but the last as a CTE, placeholders
    renumbered to follow each other."""
    parts: list[str] = []
    offset = 0
    for statement in statements:
        parts.append(_renumbered(statement.sql, offset))
        offset += len(statement.slots)
    *ctes, last = parts
    if not ctes:
        return last
    return "WITH " + ", ".join(f"w{i} AS ({sql})" for i, sql in enumerate(ctes)) + " " + last


async def insert_row(session: AsyncSession, statement: Insert, params: Mapping[str, Any]) -> None:
    """Insert a new row nothing reads back before the commit: deferred where the session
    can (see the module's rules), else at once."""
    if isinstance(session, DeferringSession):
        session.defer_insert(statement, params)
    else:
        await session.execute(statement, params)


#: the execution option that makes a connection run every statement as its own transaction;
#: SQLAlchemy resets it when the connection goes back to the pool
_AUTOCOMMIT = {"isolation_level": "AUTOCOMMIT"}


class ReadOnlySession(Exception):
    """A write (or a row lock) asked of a session that reads in autocommit."""


class DeferringSession(AsyncSession):
    """An ``AsyncSession`` that saves round trips: it can keep new rows and send them as one
    statement, and read without a transaction (see the module's rules for both)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deferred: list[tuple[Insert, frozenset[str], Mapping[str, Any]]] = []
        self._autocommit_reads = False

    def read_in_autocommit(self) -> None:
        """Run this session's statements, from now until it closes, without a transaction:
        no BEGIN and no ROLLBACK round trips. Only for reads that are ONE statement, or whose
        statements need not agree with each other (each sees its own snapshot); a write or a
        ``FOR UPDATE`` raises ``ReadOnlySession``."""
        if self.in_transaction() or self._deferred:
            raise ReadOnlySession("the session already began a transaction or kept rows")
        self._autocommit_reads = True

    def defer_insert(self, statement: Insert, params: Mapping[str, Any]) -> None:
        """Insert ``params`` with ``statement`` together with the transaction's next statement
        or its commit (see the module's rules for what may be deferred)."""
        if self._autocommit_reads:
            raise ReadOnlySession("this session reads in autocommit: it cannot insert")
        self._deferred.append((statement, frozenset(params), params))

    async def _before_statement(self, statement: object = None) -> None:
        """What every statement needs first: the kept rows sent, or (reading in autocommit)
        the statement checked and the autocommit connection taken."""
        if not self._autocommit_reads:
            await self.send_deferred()
            return
        if (self.new or self.dirty or self.deleted) or (
            isinstance(statement, Executable)
            and (
                getattr(statement, "is_dml", False)
                or getattr(statement, "_for_update_arg", None) is not None
            )
        ):
            raise ReadOnlySession(
                "this session reads in autocommit, where a write would commit on its own and "
                "a row lock would end with its statement: use a transaction"
            )
        if not self.in_transaction():
            await super().connection(execution_options=_AUTOCOMMIT)

    async def send_deferred(self, connection: AsyncConnection | None = None) -> None:
        if not self._deferred:
            return
        batch, self._deferred = self._deferred, []
        assert self.bind is not None
        dialect = self.bind.dialect
        # rows of the same INSERT (same SQL) become one multi-row INSERT, in the order deferred
        groups: dict[object, tuple[Insert, frozenset[str], list[Mapping[str, Any]]]] = {}
        for statement, keys, params in batch:
            same: object = compile_insert(statement, keys, 1, dialect).sql
            if not _multi_row(statement):
                same = object()  # a row of its own
            groups.setdefault(same, (statement, keys, []))[2].append(params)
        parts: list[DeferredStatement] = []
        arguments: list[Any] = []
        for statement, keys, rows in groups.values():
            compiled = compile_insert(statement, keys, len(rows), dialect)
            parts.append(compiled)
            arguments.extend(compiled.arguments(rows))
        conn = connection or await super().connection()
        await conn.exec_driver_sql(joined_sql(tuple(parts)), tuple(arguments))

    # every way a statement reaches the database goes through ``_before_statement`` first
    async def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        await self._before_statement(statement)
        return await super().execute(statement, *args, **kwargs)

    async def scalar(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        await self._before_statement(statement)
        return await super().scalar(statement, *args, **kwargs)

    async def scalars(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        await self._before_statement(statement)
        return await super().scalars(statement, *args, **kwargs)

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        if self._autocommit_reads and kwargs.get("with_for_update"):
            raise ReadOnlySession("this session reads in autocommit: no row locks")
        await self._before_statement()
        return await super().get(*args, **kwargs)

    async def stream(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        await self._before_statement(statement)
        return await super().stream(statement, *args, **kwargs)

    async def stream_scalars(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        await self._before_statement(statement)
        return await super().stream_scalars(statement, *args, **kwargs)

    async def connection(self, *args: Any, **kwargs: Any) -> AsyncConnection:
        await self._before_statement()
        return await super().connection(*args, **kwargs)

    async def flush(self, objects: Sequence[Any] | None = None) -> None:
        await self._before_statement()
        await super().flush(objects)

    async def commit(self) -> None:
        if self._autocommit_reads:
            raise ReadOnlySession("this session reads in autocommit: there is nothing to commit")
        if self._deferred and not self.in_transaction():
            # nothing else in this transaction: the batch alone, atomic as one statement
            assert isinstance(self.bind, AsyncEngine)
            async with self.bind.connect() as conn:
                await self.send_deferred(await conn.execution_options(**_AUTOCOMMIT))
            return
        await self.send_deferred()
        await super().commit()

    async def rollback(self) -> None:
        self._deferred = []
        await super().rollback()

    async def close(self) -> None:
        self._deferred = []
        self._autocommit_reads = False
        await super().close()
