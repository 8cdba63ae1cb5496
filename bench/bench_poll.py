"""The caller and period lookup of a ranking poll, on the event loop: a fresh read against a kept row.

    uv run python bench/bench_poll.py [--postgres URL] [--reads 20000]

On the demo database (SQLite, and with --postgres a scratch PostgreSQL database), with an API token:
``callers.caller_and_period`` as the ranking route calls it, first with a statement that is never
kept (what every poll cost before rows were kept), then as the route asks it (the row kept until a
change is committed). Prints wall and CPU microseconds per lookup, one after another on one event loop.
"""

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.db.engine import make_engine, session_factories
from api.db.loop_reads import LoopConnection
from api.db.migrate import upgrade
from api.db.models import User
from api.db.repositories import callers
from api.services import accounts
from api.services.access import Principal
from api.services.security import digest
from api.services.seed import seed
from bench.scratch import scratch_postgres

PERIOD = "2026-H1"


def demo_token_hash(url: str):
    """Migrate and seed the demo province; return an engine and the hash of a new `scores:read` token."""
    upgrade(url)
    engine = make_engine(url)
    with session_factories(engine)[1].begin() as session:
        seed(session, demo=True)
        user_id = session.scalar(select(User.id).where(User.username == "hethong"))
        _token, secret = accounts.create_token(session, Principal(user_id, "hethong", "api_client", None),
                                               name="bench", scopes=["scores:read"], expires_in_days=1)
    return engine, digest(secret)


async def per_read(lookup, reads: int) -> tuple[float, float]:
    """Microseconds of wall and CPU time per call of ``lookup`` (after a warm-up)."""
    for _ in range(200):
        assert await lookup() is not None
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(reads):
        await lookup()
    return (time.perf_counter() - started) / reads * 1e6, (time.process_time() - cpu) / reads * 1e6


def measure(label: str, url: str, reads: int) -> None:
    engine, credential = demo_token_hash(url)
    loop_reads = LoopConnection(engine)
    statement = callers.CALLERS_AND_PERIOD["token"]

    def fresh():
        return loop_reads.first("bench-never-kept", statement, credential=credential, period=PERIOD,
                                now=datetime.now(UTC))

    def as_polled():
        return callers.caller_and_period(loop_reads, "token", credential, PERIOD, datetime.now(UTC))

    async def run() -> None:
        await as_polled()
        await asyncio.sleep(0.5)  # PostgreSQL: the listener connects in the background
        for name, lookup in (("fresh read", fresh), ("kept row", as_polled)):
            wall, cpu = await per_read(lookup, reads)
            print(f"{label}: {name}: {wall:.1f} µs wall, {cpu:.1f} µs CPU per lookup")

    asyncio.run(run())
    loop_reads.close()
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="also run on this PostgreSQL URL (a scratch database)")
    parser.add_argument("--reads", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite", f"sqlite:///{folder}/poll.sqlite3", args.reads)
    if args.postgres:
        url, drop = scratch_postgres(args.postgres, "bench_poll")
        try:
            measure("PostgreSQL", url, args.reads)
        finally:
            drop()


if __name__ == "__main__":
    main()
