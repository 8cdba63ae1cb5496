"""Event-loop reads (api.db.loop_reads) convert values as the ORM does, survive a lost connection and
close with the engine, on SQLite and PostgreSQL."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import JSON, Integer, MetaData, String, bindparam, create_engine, func, insert, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from api.db.engine import make_engine
from api.db.loop_reads import LoopConnection
from api.db.models import UTCDateTime


class Base(DeclarativeBase):
    metadata = MetaData()


class Ticket(Base):
    __tablename__ = "loop_read_tickets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16))
    scopes: Mapped[list[Any]] = mapped_column(JSON)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


EXPIRES = datetime(2026, 12, 31, 16, 59, 59, 123456, tzinfo=UTC)


def _valid_ticket():
    return select(Ticket.id, Ticket.scopes, Ticket.expires_at).where(
        Ticket.code == bindparam("code"), Ticket.expires_at > bindparam("now", type_=UTCDateTime())
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    url = (f"sqlite:///{tmp_path / 'loop.sqlite3'}" if request.param == "sqlite"
           else request.getfixturevalue("new_postgres_schema")())
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(Ticket), [{"code": "A", "scopes": ["scores:read"], "expires_at": EXPIRES}])
    yield engine
    engine.dispose()


@pytest.fixture
def run():
    """One event loop for the test, as a server worker has (the PostgreSQL connection belongs to it)."""
    with asyncio.Runner() as runner:
        yield runner.run


def test_parameters_and_columns_get_the_column_types_conversions(engine, run):
    reads = LoopConnection(engine)
    before = EXPIRES - timedelta(microseconds=1)
    assert run(reads.first("valid", _valid_ticket, code="A", now=before)) == (1, ["scores:read"], EXPIRES)
    assert run(reads.first("valid", _valid_ticket, code="A", now=EXPIRES)) is None  # expiry compared exactly
    assert run(reads.first("valid", _valid_ticket, code="B", now=before)) is None


def test_a_lost_connection_gives_one_miss_then_is_reopened(engine, run):
    reads = LoopConnection(engine)
    before = EXPIRES - timedelta(days=1)
    assert run(reads.first("valid", _valid_ticket, code="A", now=before)) is not None
    if engine.dialect.name == "postgresql":
        pid = run(reads.first("pid", lambda: select(func.pg_backend_pid())))[0]
        with create_engine(engine.url, isolation_level="AUTOCOMMIT").connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    else:
        reads._connection.dbapi_connection.close()  # as if the file handle were lost
    assert run(reads.first("valid", _valid_ticket, code="A", now=before)) is None
    assert run(reads.first("valid", _valid_ticket, code="A", now=before)) == (1, ["scores:read"], EXPIRES)


def test_concurrent_reads_share_the_connection_and_each_gets_its_own_row(engine, run):
    reads = LoopConnection(engine)
    assert run(reads.first("valid", _valid_ticket, code="A", now=EXPIRES - timedelta(days=1))) is not None

    async def many():
        return await asyncio.gather(*(
            reads.first("valid", _valid_ticket, code=code, now=EXPIRES - timedelta(days=1)) for code in "ABAB" * 5
        ))

    assert run(many()) == [(1, ["scores:read"], EXPIRES), None] * 10


def test_the_connection_closes_with_the_engine(engine, run):
    reads = LoopConnection(engine)
    assert run(reads.first("valid", _valid_ticket, code="A", now=EXPIRES - timedelta(days=1))) is not None
    connection = reads._connection
    dbapi_connection = connection if engine.dialect.name == "postgresql" else connection.dbapi_connection
    engine.dispose()
    assert reads._connection is None
    if engine.dialect.name == "postgresql":
        assert dbapi_connection.closed
    else:
        with pytest.raises(Exception, match="closed"):
            dbapi_connection.cursor().execute("SELECT 1")
