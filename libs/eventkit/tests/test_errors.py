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


def test_postgres_refusing_the_request_itself_is_not_transient() -> None:
    from asyncpg import exceptions as pg

    for error in (
        pg.UniqueViolationError("duplicate key value"),
        pg.UndefinedTableError('relation "x" does not exist'),
        pg.InvalidPasswordError("password authentication failed"),
    ):
        assert not is_transient(_as_sqlalchemy_raises(error)), type(error).__name__
