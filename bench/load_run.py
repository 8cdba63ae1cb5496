"""Load run: 200 reporters entering and submitting reports while 20 clients pull rankings.

    uv run python bench/load_run.py --database sqlite
    uv run python bench/load_run.py --database postgresql --postgres-url postgresql+psycopg://postgres@127.0.0.1/test

A fresh demo database (a new SQLite file, or a new PostgreSQL database next to the one in the URL) gets
one reporter account per unit for the first ``--users`` editable units; a uvicorn server with
``--workers`` processes serves it on loopback. Every simulated person is an httpx client with its own
session cookie:

* reporters loop: open their form (GET, ETag), save one to three values (PUT with If-Match), and every
  third round submit it; a submitted form waits for the reviewers;
* five reviewers work the queue: list submitted forms, return each with a reason, so reporters go on;
* readers pull the ranking of the period, half of them with If-None-Match (304 when unchanged).

Think times are random: reporters 5-15 s between saves (typing a few values), reviewers 1 s, readers
0.5-1 s; so about 20 saves/s and 30 ranking pulls/s in total. Logins happen before the
measured window. Any response outside the expected statuses, or a transport error, is an error.
With ``--writer-lock`` (SQLite), the server runs under :mod:`bench.writer_lock` and the report adds
how long write transactions waited for SQLite's single writer place and held it.
"""

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx
from sqlalchemy import select, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.db.engine import make_engine, session_factories
from api.db.migrate import upgrade
from api.db.models import Period, Submission, Unit
from api.services import accounts
from api.services.seed import DEMO_PASSWORD, seed
from bench import writer_lock
from bench.scratch import scratch_postgres

PERIOD = "2026-H1"
KINDS = ("commune_police", "commune", "police_department", "department")
REVIEWERS = 5


def build_database(url: str, users: int) -> list[str]:
    """Migrate, seed the demo, reopen every form of the period and give ``users`` units a reporter."""
    upgrade(url)
    engine = make_engine(url)
    with session_factories(engine)[1].begin() as session:
        seed(session, demo=True)
        period = session.scalars(select(Period).where(Period.code == PERIOD)).one()
        session.execute(update(Submission).where(Submission.period_id == period.id).values(status="draft"))
        units = session.scalars(
            select(Unit).where(Unit.kind.in_(KINDS)).order_by(Unit.code).limit(users)
        ).all()
        usernames = []
        for unit in units:
            username = f"load.{unit.code.lower()}"
            accounts.create_user(
                session,
                None,
                username=username,
                full_name=username,
                password=DEMO_PASSWORD,
                role="reporter",
                unit_code=unit.code,
            )
            usernames.append(username)
    engine.dispose()
    return usernames


def fresh_database(kind: str, postgres_url: str | None, workdir: Path) -> tuple[str, callable]:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'load.sqlite3'}", lambda: None
    return scratch_postgres(postgres_url, "banhat_load")


def start_server(url: str, workers: int, workdir: Path, app: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {
        "DATABASE_URL": url,
        "BANHAT_EVIDENCE_DIR": str(workdir / "evidence"),
        "BANHAT_LOGIN_FAILURES_PER_ADDRESS": "100000",
        "BANHAT_WRITER_LOCK_DIR": str(workdir),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/api/v1/public/summary", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start")


def _proc_stats() -> list[tuple[int, int, str, float]]:
    """(pid, parent pid, command, CPU seconds) of every process, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        command = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        found.append((int(entry.name), int(fields[1]), command, (int(fields[11]) + int(fields[12])) / tick))
    return found


def cpu_by_part(server_pid: int) -> dict[str, float]:
    """CPU seconds used so far by the server's processes, by PostgreSQL, and by this load generator."""
    stats = _proc_stats()
    server = {server_pid}
    for _ in range(3):  # uvicorn's supervisor, its workers, and their children
        server |= {pid for pid, parent, _c, _s in stats if parent in server}
    return {
        "server": sum(cpu for pid, _p, _c, cpu in stats if pid in server),
        "postgres": sum(cpu for _pid, _p, command, cpu in stats if command == "postgres"),
        "load generator": sum(os.times()[:2]),
    }


class Recorder:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.measuring = False
        self.cpu: dict[str, float] = {}
        self.window = [0.0, 0.0]  # wall-clock start and end of the measured window

    async def call(
        self, client: httpx.AsyncClient, label: str, expected: set[int], method: str, path: str, **kwargs
    ) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = await client.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            if self.measuring:
                self.errors.append(f"{label}: {type(error).__name__}")
            return None
        if self.measuring:
            self.latencies[label].append(time.perf_counter() - started)
            if response.status_code not in expected:
                self.errors.append(f"{label}: {response.status_code} {response.text[:120]}")
        return response


async def sign_in(base: str, username: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, timeout=30)
    response = await client.post("/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD})
    response.raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
    return client


async def reporter(
    client: httpx.AsyncClient, unit: str, counts: list[str], rec: Recorder, deadline: float
) -> None:
    form = f"/api/v1/submissions/{PERIOD}/{unit}"
    round_number = 0
    while time.monotonic() < deadline:
        await asyncio.sleep(random.uniform(5, 15))
        current = await rec.call(client, "GET form", {200}, "GET", form)
        if current is None or current.status_code != 200 or not current.json()["editable"]:
            continue
        values = [
            {"indicator": code, "count": random.randint(0, 20)}
            for code in random.sample(counts, k=min(3, len(counts)))
        ]
        saved = await rec.call(
            client,
            "PUT values",
            {200},
            "PUT",
            f"{form}/values",
            json={"values": values},
            headers={"If-Match": current.headers["etag"]},
        )
        round_number += 1
        if saved is not None and saved.status_code == 200 and round_number % 3 == 0:
            await rec.call(
                client,
                "POST submit",
                {200},
                "POST",
                f"{form}/submit",
                headers={"If-Match": saved.headers["etag"]},
            )


async def reviewer(client: httpx.AsyncClient, index: int, rec: Recorder, deadline: float) -> None:
    while time.monotonic() < deadline:
        await asyncio.sleep(1)
        queue = await rec.call(
            client,
            "GET queue",
            {200},
            "GET",
            "/api/v1/submissions",
            params={"period": PERIOD, "status": "submitted", "page_size": 200},
        )
        if queue is None or queue.status_code != 200:
            continue
        for item in queue.json()["items"]:
            unit = item["unit"]["code"]
            if hash(unit) % REVIEWERS == index:  # each reviewer owns a share of the units: no races
                await rec.call(
                    client,
                    "POST return",
                    {200},
                    "POST",
                    f"/api/v1/submissions/{PERIOD}/{unit}/return",
                    json={"reason": "Đề nghị bổ sung số liệu"},
                )


async def reader(client: httpx.AsyncClient, conditional: bool, rec: Recorder, deadline: float) -> None:
    etag = None
    while time.monotonic() < deadline:
        await asyncio.sleep(random.uniform(0.5, 1))
        headers = {"If-None-Match": etag} if conditional and etag else {}
        response = await rec.call(
            client, "GET ranking", {200, 304}, "GET", f"/api/v1/scores/{PERIOD}", headers=headers
        )
        if response is not None and response.status_code == 200:
            etag = response.headers.get("etag")


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


async def run(base: str, server_pid: int, usernames: list[str], readers: int, duration: float) -> Recorder:
    rec = Recorder()
    admin = await sign_in(base, "admin")
    units = {}
    for kind in KINDS:
        response = await admin.get("/api/v1/indicators", params={"kind": kind})
        units[kind] = [i["code"] for i in response.json() if i["measure"] == "count"]
    me_kinds = {}
    reporters = []
    for batch in range(0, len(usernames), 20):  # sign in 20 at a time: argon2 is deliberately slow
        reporters += await asyncio.gather(*(sign_in(base, name) for name in usernames[batch : batch + 20]))
    for client in reporters:
        me = (await client.get("/api/v1/auth/me")).json()
        me_kinds[id(client)] = (me["unit"]["code"], units[me["unit"]["kind"]])
    reviewers = [await sign_in(base, "reviewer") for _ in range(REVIEWERS)]
    pullers = [await sign_in(base, "leader") for _ in range(readers)]
    print(f"signed in {len(reporters) + REVIEWERS + readers + 1} clients; measuring {duration:.0f} s", flush=True)
    rec.measuring = True
    rec.window[0] = time.time()
    cpu_before = cpu_by_part(server_pid)
    deadline = time.monotonic() + duration
    await asyncio.gather(
        *(reporter(c, *me_kinds[id(c)], rec, deadline) for c in reporters),
        *(reviewer(c, i, rec, deadline) for i, c in enumerate(reviewers)),
        *(reader(c, i % 2 == 0, rec, deadline) for i, c in enumerate(pullers)),
    )
    rec.measuring = False
    rec.window[1] = time.time()
    rec.cpu = {part: used - cpu_before[part] for part, used in cpu_by_part(server_pid).items()}
    for client in [admin, *reporters, *reviewers, *pullers]:
        await client.aclose()
    return rec


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("BANHAT_TEST_POSTGRES_URL"))
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--writer-lock", action="store_true",
                        help="SQLite: also report how long writes waited for and held the writer lock")
    args = parser.parse_args()
    if args.writer_lock and args.database != "sqlite":
        parser.error("--writer-lock measures SQLite's writer queue: use it with --database sqlite")
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        url, drop = fresh_database(args.database, args.postgres_url, workdir)
        try:
            usernames = build_database(url, args.users)
            app = "bench.writer_lock:create_app" if args.writer_lock else "api.main:create_app"
            process, base = start_server(url, args.workers, workdir, app)
            try:
                rec = asyncio.run(run(base, process.pid, usernames, args.readers, args.duration))
                report(args, len(usernames), rec)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            if args.writer_lock:  # the workers write their timings as they exit
                print(writer_lock.summary(workdir, *rec.window), flush=True)
        finally:
            drop()


def report(args: argparse.Namespace, users: int, rec: Recorder) -> None:
    everything = [s for samples in rec.latencies.values() for s in samples]
    print(
        f"database={args.database} workers={args.workers} users={users} readers={args.readers} "
        f"duration={args.duration:.0f}s load={os.getloadavg()[0]:.1f}"
    )
    print(f"{'request':<13} {'count':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}")
    for label, samples in sorted(rec.latencies.items()) + [("all", everything)]:
        print(
            f"{label:<13} {len(samples):>6} {percentile(samples, 0.5) * 1000:>7.1f} "
            f"{percentile(samples, 0.95) * 1000:>7.1f} {percentile(samples, 0.99) * 1000:>7.1f} "
            f"{max(samples, default=0) * 1000:>7.1f}"
        )
    print(f"requests={len(everything)} errors={len(rec.errors)}")
    cores = ", ".join(f"{part} {used / args.duration:.2f}" for part, used in rec.cpu.items())
    print(f"CPU cores used on average: {cores} (of {os.cpu_count()})", flush=True)
    for error in rec.errors[:20]:
        print("  ", error, flush=True)


if __name__ == "__main__":
    main()
