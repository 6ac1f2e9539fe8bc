from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from eventkit.errors import is_transient


def test_connection_problems_are_transient() -> None:
    assert is_transient(OperationalError("x", {}, Exception()))
    assert is_transient(ConnectionRefusedError())
    assert is_transient(DBAPIError("x", {}, Exception(), connection_invalidated=True))
    wrapped = RuntimeError("while saving")
    wrapped.__cause__ = ConnectionResetError()
    assert is_transient(wrapped)


def test_bugs_and_bad_data_are_not_transient() -> None:
    assert not is_transient(IntegrityError("x", {}, Exception()))
    assert not is_transient(ValueError("bad"))
    assert not is_transient(FileNotFoundError("missing template"))


def _as_sqlalchemy_raises(error: Exception) -> DBAPIError:
    """``error`` from asyncpg, translated and wrapped the way SQLAlchemy's asyncpg dialect
    raises it when it cannot connect."""
    import asyncpg
    from sqlalchemy.dialects.postgresql.asyncpg import (
        AsyncAdapt_asyncpg_connection,
        AsyncAdapt_asyncpg_dbapi,
    )

    dbapi = AsyncAdapt_asyncpg_dbapi(asyncpg)
    try:
        try:
            AsyncAdapt_asyncpg_connection._handle_exception_no_connection(dbapi, error)
        except dbapi.Error as translated:
            raise DBAPIError.instance("connect", None, translated, dbapi.Error) from translated
    except DBAPIError as wrapped:
        return wrapped
    raise AssertionError("not raised")


def test_postgres_saying_try_again_is_transient() -> None:
    """Found by the chaos suite: while Postgres recovered from a kill -9, a consumer got
    'the database system is not yet accepting connections' (57P03) three times and
    dead-lettered a registration; the person never got the welcome email."""
    from asyncpg import exceptions as pg

    for error in (
        pg.CannotConnectNowError("the database system is not yet accepting connections"),
        pg.AdminShutdownError("terminating connection due to administrator command"),
        pg.CrashShutdownError("terminating connection because of crash of another process"),
        pg.TooManyConnectionsError("sorry, too many clients already"),
        pg.DeadlockDetectedError("deadlock detected"),
        pg.SerializationError("could not serialize access"),
        pg.ConnectionFailureError("connection failure"),
    ):
        wrapped = _as_sqlalchemy_raises(error)
        assert not wrapped.connection_invalidated
        assert is_transient(wrapped), type(error).__name__
        assert is_transient(error), type(error).__name__


def test_no_primary_among_the_servers_of_a_multi_host_url_is_transient() -> None:
    """The cluster topology: between the primary's death and its standby's promotion, a
    service connecting with target_session_attrs=read-write finds only a standby."""
    from asyncpg import exceptions as pg

    error = pg.TargetServerAttributeNotMatched("None of the hosts match 'read-write'")
    assert is_transient(error)
    assert is_transient(_as_sqlalchemy_raises(error))


def test_postgres_refusing_the_request_itself_is_not_transient() -> None:
    from asyncpg import exceptions as pg

    for error in (
        pg.UniqueViolationError("duplicate key value"),
        pg.UndefinedTableError('relation "x" does not exist'),
        pg.InvalidPasswordError("password authentication failed"),
    ):
        assert not is_transient(_as_sqlalchemy_raises(error)), type(error).__name__


async def _raised_by_httpx(answer: bytes, timeout_s: float = 5.0) -> Exception:
    """What httpx raises against a server that reads the request, then writes ``answer``
    (possibly nothing) and hangs up, like a service killed mid-request."""
    import asyncio

    import httpx

    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with httpx.AsyncClient(timeout=timeout_s) as client:
            await client.get(f"http://127.0.0.1:{port}/keys")
    except Exception as exc:
        return exc
    finally:
        server.close()
    raise AssertionError("httpx raised nothing")


async def test_a_peer_hanging_up_mid_request_is_transient() -> None:
    # found by the chaos suite: the profiles API killed while notifications fetched a subject
    # key dead-lettered a registration (httpx.RemoteProtocolError carries no OS error)
    disconnected = await _raised_by_httpx(b"")
    assert type(disconnected).__name__ == "RemoteProtocolError"
    assert is_transient(disconnected)
    cut_short = await _raised_by_httpx(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{")
    assert is_transient(cut_short)
