"""SQLite's writers queue in the kernel (api.db.sqlite_writers), never lose a write, and wait a bounded time."""

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from api.db.engine import make_engine, session_factories
from api.db.sqlite_writers import QueuedWriterConnection


@pytest.fixture
def counter_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'counter.sqlite3'}"
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (n INTEGER NOT NULL)"))
        connection.execute(text("INSERT INTO counter VALUES (0)"))
    engine.dispose()
    return url


def _increment(sessions) -> None:
    with sessions() as session:
        value = session.execute(text("SELECT n FROM counter")).scalar_one()
        session.execute(text("UPDATE counter SET n = :n"), {"n": value + 1})
        session.commit()


def test_read_then_write_transactions_from_many_threads_all_commit(counter_url):
    engine = make_engine(counter_url)
    _read, write = session_factories(engine)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _i: _increment(write), range(200)))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT n FROM counter")).scalar_one() == 200
    engine.dispose()


def test_a_writer_in_another_process_waits_for_the_commit_then_goes_on(counter_url):
    engine = make_engine(counter_url)
    _read, write = session_factories(engine)
    script = (
        "import sys; from api.db.engine import make_engine, session_factories; from sqlalchemy import text\n"
        "write = session_factories(make_engine(sys.argv[1]))[1]\n"
        "with write() as s:\n"
        "    s.execute(text('UPDATE counter SET n = n + 10')); s.commit()\n"
    )
    with write() as session:
        session.execute(text("UPDATE counter SET n = n + 1"))
        other = subprocess.Popen([sys.executable, "-c", script, counter_url])
        time.sleep(3)  # the other process has long started and is queued behind this transaction
        assert other.poll() is None
        session.commit()
    other.wait(timeout=20)
    assert other.returncode == 0
    with engine.connect() as connection:
        assert connection.execute(text("SELECT n FROM counter")).scalar_one() == 11
    engine.dispose()


def test_waiting_for_the_writer_place_gives_up_after_the_timeout(tmp_path):
    path = tmp_path / "held.sqlite3"
    holder = QueuedWriterConnection(path, timeout=0.2, isolation_level=None, check_same_thread=False)
    waiter = QueuedWriterConnection(path, timeout=0.2, isolation_level=None, check_same_thread=False)
    holder.begin_write()
    started = time.monotonic()
    with pytest.raises(Exception, match="database is locked"):
        waiter.begin_write()
    assert time.monotonic() - started < 5
    holder.rollback()
    waiter.begin_write()  # free again once the holder has finished
    waiter.rollback()
    holder.close()
    waiter.close()
