"""API benchmark with 10,000 units: ranking throughput, save-then-pull latency, full recompute time.

    uv run python bench/bench_api.py [--postgres URL] [--seconds 8] [--connections 16]

1. A uvicorn server (one worker, same settings for both endpoints) serves the app; a raw asyncio
   keep-alive load generator on loopback pulls the 104-unit ranking of one group (bearer token
   ``scores:read``) and, in the same run, a trivial endpoint returning the same bytes from memory,
   in alternating one-second windows (``--seconds`` of each).
2. Save one submission (PUT values with If-Match) then pull the ranking that depends on it, 60 times.
3. ``recompute_period`` for 2026-H1 over every unit.
All three on SQLite and, with --postgres, on PostgreSQL (a scratch database created next to the one
in the URL, dropped at the end).
"""

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import insert, select, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.db.engine import make_engine, session_factories
from api.db.models import EmulationGroup, Period, Score, Submission, SubmissionValue, Unit
from api.domain import UnitKind
from api.services import accounts, catalog, scoring
from api.services.access import Principal
from api.services.seed import demo_value, seed
from bench.scratch import scratch_postgres

TARGET_UNITS = 10_000
GROUP_SIZE = 104
PERIOD = "2026-H1"

def free_port() -> int:
    """A port nobody listens on now (other jobs on this machine run their own servers)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = free_port()


def build_database(url: str) -> tuple[int, str]:
    """Migrate, seed the demo, add commune police groups up to 10,000 units with half-filled reports.

    Returns the unit count and a ``scores:read`` bearer token.
    """
    from api.db.migrate import upgrade

    upgrade(url)
    engine = make_engine(url)
    _read, write = session_factories(engine)
    with write.begin() as session:
        seed(session, demo=True)
    with write.begin() as session:
        period = session.scalar(select(Period).where(Period.code == PERIOD))
        police = session.scalar(select(Unit).where(Unit.code == "CAT"))
        existing = session.query(Unit).count()
        groups = (TARGET_UNITS - existing + GROUP_SIZE - 1) // GROUP_SIZE
        catalog_obj, _context = catalog.scoring_context(session, period)
        indicators = catalog_obj.for_kind(UnitKind.COMMUNE_POLICE)
        rng = random.Random(7)
        for g in range(groups):
            group = EmulationGroup(code=f"CAX-B{g:03d}", name=f"Cụm thi đua Công an xã, phường số {g + 1}")
            session.add(group)
            session.flush()
            session.execute(insert(Unit), [
                {"code": f"B{g:03d}-{i:03d}", "name": f"Công an xã Mẫu {g + 1}-{i + 1}", "kind": "commune_police",
                 "parent_id": police.id, "group_id": group.id, "active": True}
                for i in range(GROUP_SIZE)
            ])
        unit_ids = session.scalars(select(Unit.id).where(Unit.code.like("B%-%"))).all()
        reported = [u for u in unit_ids if rng.random() < 0.6]
        session.execute(insert(Submission), [
            {"period_id": period.id, "unit_id": u, "status": rng.choice(["submitted", "approved", "draft"]),
             "version": 1, "updated_at": datetime.now(UTC)}
            for u in reported
        ])
        submission_ids = session.scalars(select(Submission.id).where(Submission.unit_id.in_(reported))).all()
        rows = []
        for sid in submission_ids:
            good = rng.random() < 0.85
            for indicator in indicators:
                value = demo_value(indicator, rng, good)
                rows.append({"submission_id": sid, "indicator_code": indicator.code, "numerator": value.numerator,
                             "denominator": value.denominator, "count": value.count, "flag": value.flag,
                             "date_value": value.date_value, "note": None})
        for start in range(0, len(rows), 20_000):
            session.execute(insert(SubmissionValue), rows[start:start + 20_000])
        total_units = session.query(Unit).count()
        scoring.recompute_period(session, period)
        client = accounts.users.by_username(session, "hethong")
        principal = Principal(client.id, client.username, client.role, None)
        _token, secret = accounts.create_token(session, principal, "bench", ["scores:read"], expires_in_days=1)
    engine.dispose()
    return total_units, secret


def time_recompute(url: str, runs: int = 3) -> None:
    """Recompute 2026-H1: first with every row rewritten (fingerprints cleared), then steady state."""
    engine = make_engine(url)
    _read, write = session_factories(engine)
    for rewrite in (True, False):
        timings = []
        for _ in range(runs):
            with write.begin() as session:
                period = session.scalar(select(Period).where(Period.code == PERIOD))
                if rewrite:
                    session.execute(update(Score).where(Score.period_id == period.id).values(fingerprint=""))
                started, cpu = time.perf_counter(), time.process_time()
                count = scoring.recompute_period(session, period)
                session.flush()
            timings.append((time.perf_counter() - started, time.process_time() - cpu))
        label = "every row rewritten" if rewrite else "unchanged rows skipped"
        print(f"  recompute {count} units, {label} (wall/CPU incl. commit): "
              + ", ".join(f"{wall:.2f}/{cpu:.2f} s" for wall, cpu in timings)
              + f"; load average {os.getloadavg()[0]:.1f}")
    engine.dispose()


async def _worker(path: str, headers: str, deadline: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode()
    while time.perf_counter() < deadline:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(head[:200])
        length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
        await reader.readexactly(length)
        counts[0] += 1
    writer.close()


def load(path: str, headers: str, seconds: float, connections: int) -> float:
    async def run() -> int:
        counts = [0]
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(_worker(path, headers, deadline, counts) for _ in range(connections)))
        return counts[0]

    return asyncio.run(run()) / seconds


def create_bench_app():
    """The real app plus a trivial endpoint returning the ranking's bytes from memory (server side)."""
    from fastapi import Response

    from api.main import create_app

    app = create_app()
    body_file = Path(os.environ["BANHAT_BENCH_BODY"])
    memory: dict[str, bytes] = {}

    @app.get("/bench/static", include_in_schema=False)
    async def static() -> Response:
        if "body" not in memory and body_file.exists():
            memory["body"] = body_file.read_bytes()
        return Response(memory.get("body", b"{}"), media_type="application/json")

    # Ahead of the SPA's catch-all route (mounted when frontend/dist exists), which would answer first.
    app.router.routes.insert(0, app.router.routes.pop())
    return app


def serve(url: str, body_file: Path) -> subprocess.Popen:
    env = {"DATABASE_URL": url, "BANHAT_BENCH_BODY": str(body_file), "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench_api:create_bench_app", "--factory", "--app-dir", str(ROOT / "bench"),
         "--port", str(PORT), "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)},
    )
    for _ in range(150):
        if process.poll() is not None:
            raise RuntimeError("server exited")
        try:
            httpx.get(f"http://127.0.0.1:{PORT}/bench/static", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


def save_then_pull(token_headers: dict, rounds: int = 60) -> list[float]:
    """PUT one value as the unit's reporter, then GET the group's ranking; milliseconds per round trip pair."""
    base = f"http://127.0.0.1:{PORT}/api/v1"
    timings = []
    with httpx.Client(base_url=base) as reporter, httpx.Client(base_url=base, headers=token_headers) as puller:
        reporter.post("/auth/login", json={"username": "baocao.cax", "password": "BaNhat@2026"})
        reporter.headers["X-CSRF-Token"] = reporter.cookies["banhat_csrf"]
        url = f"/submissions/{PERIOD}/CAX-001"
        status = reporter.get(url).json()["status"]
        if status != "draft":
            raise RuntimeError(f"CAX-001 must be editable for the benchmark, it is {status}")
        etag = reporter.get(url).headers["ETag"]
        ranking_tag = None
        for i in range(rounds):
            started = time.perf_counter()
            saved = reporter.put(f"{url}/values", json={"values": [{"indicator": "KL-04", "count": i % 3}]},
                                 headers={"If-Match": etag})
            etag = saved.headers["ETag"]
            ranking = puller.get(f"/scores/{PERIOD}?group=CAX")
            timings.append((time.perf_counter() - started) * 1000)
            # A report being edited is not ranked (its row has no total): the pull is fresh when the ranking's
            # version changed with the save, and the unit's own score holds the saved value.
            assert ranking.headers["ETag"] != ranking_tag, "stale ranking"
            ranking_tag = ranking.headers["ETag"]
            explained = reporter.get(f"/scores/{PERIOD}/CAX-001").json()
            kl04 = next(r for r in explained["explanation"]["indicators"] if r["code"] == "KL-04")
            assert kl04["value"]["count"] == i % 3, "stale score"
    return timings


def make_reporter_unit_editable(url: str) -> None:
    engine = make_engine(url)
    with session_factories(engine)[1].begin() as session:
        unit = session.scalar(select(Unit).where(Unit.code == "CAX-001"))
        period = session.scalar(select(Period).where(Period.code == PERIOD))
        submission = session.scalar(select(Submission).where(Submission.unit_id == unit.id,
                                                             Submission.period_id == period.id))
        if submission is not None:
            submission.status = "draft"
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="also run on this PostgreSQL URL (a scratch database)")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="banhat-bench-"))
    measure("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}", workdir, args)
    if args.postgres:
        url, drop = scratch_postgres(args.postgres, "banhat_bench")
        try:
            measure("PostgreSQL", url, workdir, args)
        finally:
            drop()


def measure(engine: str, url: str, workdir: Path, args: argparse.Namespace) -> None:
    """Build the 10,000-unit database, then the recompute and HTTP figures on it."""
    started = time.perf_counter()
    units, token = build_database(url)
    print(f"{engine}: {units} units loaded in {time.perf_counter() - started:.1f} s")
    make_reporter_unit_editable(url)
    time_recompute(url)
    http_figures(url, token, workdir, args)


def http_figures(url: str, token: str, workdir: Path, args: argparse.Namespace) -> None:
    """Ranking throughput against the trivial endpoint, then save + pull, on a server for ``url``."""
    auth = f"Authorization: Bearer {token}\r\n"
    body_file = workdir / "ranking.json"
    server = serve(url, body_file)
    try:
        ranking = httpx.get(f"http://127.0.0.1:{PORT}/api/v1/scores/{PERIOD}?group=CAX",
                            headers={"Authorization": f"Bearer {token}"})
        assert ranking.status_code == 200 and len(ranking.json()["items"]) == GROUP_SIZE, ranking.text[:300]
        body_file.write_bytes(ranking.content)
        assert httpx.get(f"http://127.0.0.1:{PORT}/bench/static").content == ranking.content
        load("/bench/static", "", 1, args.connections)  # warm-up
        # Alternate one-second windows of each, so a burst of noise on this shared machine falls on both.
        windows = max(1, round(args.seconds))
        static_rps = ranking_rps = 0.0
        for _ in range(windows):
            static_rps += load("/bench/static", "", 1, args.connections) / windows
            ranking_rps += load(f"/api/v1/scores/{PERIOD}?group=CAX", auth, 1, args.connections) / windows
        print(f"  trivial endpoint (same bytes): {static_rps:,.0f} req/s")
        print(f"  ranking of a 104-unit group:  {ranking_rps:,.0f} req/s ({ranking_rps / static_rps:.0%})")
        pairs = save_then_pull({"Authorization": f"Bearer {token}"})
        print(f"  save + pull ranking: median {statistics.median(pairs):.1f} ms, "
              f"p90 {statistics.quantiles(pairs, n=10)[-1]:.1f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
