"""The caller and period rows a worker keeps on its event loop are forgotten at the commit of a change:
on PostgreSQL any change to tokens, users, sessions or periods (migration b007's notifications), nothing
being kept while the worker is not listening; on SQLite any commit by another connection."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from api.db.engine import make_engine, session_factories
from api.db.loop_reads import LoopConnection
from api.db.models import ApiToken, Period, User
from api.db.repositories import callers
from api.services import accounts
from api.services.access import Principal
from api.services.security import digest

PERIOD = "2026-H1"
WAIT_SECONDS = 2.0


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request):
    url = (request.getfixturevalue("sqlite_url") if request.param == "sqlite"  # a copy of the seeded template
           else request.getfixturevalue("seeded_postgres")())
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_engine(seeded_postgres):
    engine = make_engine(seeded_postgres())
    yield engine
    engine.dispose()


@pytest.fixture
def secret(engine) -> str:
    return token_secret(engine)


def token_secret(engine) -> str:
    with session_factories(engine)[1].begin() as session:
        user_id = session.scalar(select(User.id).where(User.username == "hethong"))
        _token, secret = accounts.create_token(session, Principal(user_id, "hethong", "api_client", None),
                                               name="tổng hợp", scopes=["scores:read"], expires_in_days=1)
    return secret


def poll(reads: LoopConnection, secret: str, now: datetime | None = None):
    return callers.caller_and_period(reads, "token", digest(secret), PERIOD, now or datetime.now(UTC))


def keeping(reads: LoopConnection) -> bool:
    return reads._listening or not reads._asynchronous


async def kept_by(reads: LoopConnection, secret: str) -> callers.CallerAndPeriod:
    """Read until the listener listens and the row is kept, then prove a poll makes no query."""
    for _ in range(int(WAIT_SECONDS / 0.02)):
        found = await poll(reads, secret)
        if keeping(reads) and reads._kept:
            break
        await asyncio.sleep(0.02)
    assert keeping(reads) and reads._kept
    fetch = reads._fetch_async

    async def no_query(*_args):
        raise AssertionError("a kept row was read again")

    reads._fetch_async = no_query
    try:
        assert await poll(reads, secret) == found
    finally:
        reads._fetch_async = fetch
    return found


async def until_changed(reads: LoopConnection, secret: str, before) -> object:
    """The first poll whose answer differs from ``before``, within the wait."""
    for _ in range(int(WAIT_SECONDS / 0.01)):
        found = await poll(reads, secret)
        if found != before:
            return found
        await asyncio.sleep(0.01)
    raise AssertionError("the kept row was never forgotten")


def revoke(engine, secret: str) -> None:
    with engine.begin() as connection:
        connection.execute(update(ApiToken).where(ApiToken.token_hash == digest(secret))
                           .values(revoked_at=datetime.now(UTC)))


def test_a_revoked_token_is_refused_once_the_revocation_commits(engine, secret):
    async def scenario():
        reads = LoopConnection(engine)
        kept = await kept_by(reads, secret)
        revoke(engine, secret)  # as another worker would
        assert await until_changed(reads, secret, kept) is None
        reads.close()

    asyncio.run(scenario())


def test_a_new_scores_version_and_a_disabled_user_are_seen(engine, secret):
    async def scenario():
        reads = LoopConnection(engine)
        kept = await kept_by(reads, secret)
        with engine.begin() as connection:
            connection.execute(update(Period).where(Period.code == PERIOD)
                               .values(scores_version=Period.scores_version + 1))
        bumped = await until_changed(reads, secret, kept)
        assert bumped.scores_version == kept.scores_version + 1
        await kept_by(reads, secret)
        with engine.begin() as connection:
            connection.execute(update(User).where(User.username == "hethong").values(active=False))
        assert await until_changed(reads, secret, bumped) is None
        reads.close()

    asyncio.run(scenario())


def test_a_kept_row_is_refused_once_its_token_expires(engine, secret):
    async def scenario():
        reads = LoopConnection(engine)
        await kept_by(reads, secret)
        assert await poll(reads, secret, datetime.now(UTC) + timedelta(days=1, seconds=1)) is None
        reads.close()

    asyncio.run(scenario())


def test_without_the_listener_nothing_is_kept_on_postgresql(postgres_engine):
    engine, secret = postgres_engine, token_secret(postgres_engine)

    async def scenario():
        reads = LoopConnection(engine)
        await kept_by(reads, secret)
        listener_pid = reads._listener_connection.pgconn.backend_pid
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": listener_pid})
        for _ in range(int(WAIT_SECONDS / 0.01)):
            if not reads._listening:
                break
            await asyncio.sleep(0.01)
        assert not reads._listening and not reads._kept
        revoke(engine, secret)  # with no listener, this change would go unheard
        assert await poll(reads, secret) is None
        reads.close()

    asyncio.run(scenario())
