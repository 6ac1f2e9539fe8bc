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
