"""The ranking pull against a bare FastAPI app returning the same bytes, both on uvicorn (one worker).

    uv run python bench/bench_ranking_pull.py [--rounds 6] [--seconds 3] [--connections 32]

Builds the demo province in a scratch SQLite file and a ``scores:read`` token of the ``hethong``
account, then serves two apps side by side: the real one (every middleware, every route) and a bare
``FastAPI()`` with no middleware and one route returning the ranking's bytes from memory. ``wrk``
(``apt-get install wrk``) drives ``GET /api/v1/scores/2026-H1?group=CAX`` on the real app and the bare
route, in alternating rounds of ``--seconds`` each, so noise on a shared machine falls on both; the
ratio of the summed requests is printed. The bearer token is sent to both. Target: >= 50%.

The CPU time each server process spends per request is printed too (from /proc): a server on one worker
is bound by it, and unlike requests per second it hardly moves when other jobs share the machine, so its
ratio is the figure to trust on a busy machine.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_api import free_port

PATH = "/api/v1/scores/2026-H1?group=CAX"


def create_bare_app():
    """No middleware, one route: the reference a ranking pull is compared with."""
    from fastapi import FastAPI, Response

    body = Path(os.environ["BANHAT_BENCH_BODY"]).read_bytes()
    app = FastAPI()

    @app.get("/api/v1/scores/{period}")
    async def ranking(period: str) -> Response:
        return Response(body, media_type="application/json")

    return app


def build_database(url: str) -> str:
    """Migrate and seed the demo province; a ``scores:read`` token of the API client account."""
    from api.db.engine import make_engine, session_factories
    from api.db.migrate import upgrade
    from api.services import accounts
    from api.services.access import Principal
    from api.services.seed import seed

    upgrade(url)
    engine = make_engine(url)
    _read, write = session_factories(engine)
    with write.begin() as session:
        seed(session, demo=True)
    with write.begin() as session:
        client = accounts.users.by_username(session, "hethong")
        principal = Principal(client.id, client.username, client.role, None)
        _token, secret = accounts.create_token(session, principal, "bench", ["scores:read"], expires_in_days=1)
    engine.dispose()
    return secret


def serve(app: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", app, "--factory", "--port", str(port), "--workers", "1",
         "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}", **env},
    )
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"{app} exited")
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{app} did not start")


def cpu_seconds(process: subprocess.Popen) -> float:
    """User + system CPU time of a process so far (fields 14 and 15 of /proc/PID/stat, in clock ticks)."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(process: subprocess.Popen, limit: float = 60) -> float:
    """Wait until the server has finished its start-up work (the job worker's first jobs) and return the
    CPU seconds that took: the rounds measure polls, not a start-up falling into the first of them."""
    started, deadline = cpu_seconds(process), time.monotonic() + limit
    while time.monotonic() < deadline:
        before = cpu_seconds(process)
        time.sleep(0.5)
        if cpu_seconds(process) - before < 0.02:
            break
    return cpu_seconds(process) - started


def wrk(port: int, token: str, seconds: int, connections: int) -> int:
    """Requests answered 200 in one round (wrk counts non-2xx apart; any is an error here)."""
    result = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-H", f"Authorization: Bearer {token}",
         f"http://127.0.0.1:{port}{PATH}"],
        capture_output=True, text=True, check=True,
    )
    if "Non-2xx" in result.stdout or "Socket errors" in result.stdout:
        raise RuntimeError(result.stdout)
    return int(re.search(r"(\d+) requests in", result.stdout).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="banhat-pull-"))
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    token = build_database(url)
    body_file = workdir / "ranking.json"
    real_port, bare_port = free_port(), free_port()
    real = serve("api.main:create_app", real_port, {"DATABASE_URL": url, "BANHAT_FRONTEND_DIST": str(workdir)})
    bare = None
    try:
        ranking = httpx.get(f"http://127.0.0.1:{real_port}{PATH}", headers={"Authorization": f"Bearer {token}"})
        assert ranking.status_code == 200, ranking.text[:300]
        body_file.write_bytes(ranking.content)
        bare = serve("bench_ranking_pull:create_bare_app", bare_port, {"BANHAT_BENCH_BODY": str(body_file)})
        assert httpx.get(f"http://127.0.0.1:{bare_port}{PATH}").content == ranking.content
        startup = wait_until_idle(real)
        print(f"body {len(ranking.content):,} bytes; {args.rounds} alternating rounds of {args.seconds:g} s, "
              f"wrk -t1 -c{args.connections}; load average {os.getloadavg()[0]:.1f}; "
              f"the app's start-up work done first ({startup:.1f} s of CPU)")
        wrk(bare_port, token, 1, args.connections), wrk(real_port, token, 1, args.connections)  # warm-up
        bare_total = real_total = 0
        bare_cpu = real_cpu = 0.0
        for number in range(1, args.rounds + 1):
            before = cpu_seconds(bare)
            bare_count = wrk(bare_port, token, args.seconds, args.connections)
            bare_cpu += cpu_seconds(bare) - before
            before = cpu_seconds(real)
            real_count = wrk(real_port, token, args.seconds, args.connections)
            real_cpu += cpu_seconds(real) - before
            bare_total, real_total = bare_total + bare_count, real_total + real_count
            print(f"  round {number}: bare {bare_count / args.seconds:,.0f} req/s, "
                  f"ranking {real_count / args.seconds:,.0f} req/s ({real_count / bare_count:.0%})")
        span = args.rounds * args.seconds
        print(f"bare FastAPI app: {bare_total / span:,.0f} req/s; ranking pull: {real_total / span:,.0f} req/s; "
              f"ratio {real_total / bare_total:.0%} (target >= 50%); load average {os.getloadavg()[0]:.1f}")
        bare_us, real_us = 1e6 * bare_cpu / bare_total, 1e6 * real_cpu / real_total
        print(f"server CPU per request: bare {bare_us:,.0f} us, ranking pull {real_us:,.0f} us; "
              f"ratio {bare_us / real_us:.0%} (the req/s ratio on an idle machine)")
    finally:
        for server in (real, bare):
            if server is not None:
                server.terminate()
                server.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
