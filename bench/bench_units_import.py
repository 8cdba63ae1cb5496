"""Benchmark: a units import of 2,000 rows (and a users import) while a reporter keeps saving.

For each database (a SQLite file, and PostgreSQL when `--postgres URL` is given) the script:
1. builds a fresh database with Alembic and the demo province (~2,300 units, demo reports);
2. writes a units CSV of `--units` new communes (each under a demo district, every other one in an
   emulation group, so it is scored and ranked in every open period) and a users CSV of one reporter
   per new unit;
3. POSTs the units file to `/api/v1/imports/units` through the app in process (the full path: upload,
   parsing, checks, inserts, audit entries, scores and ranks of the groups), timing the request, while a
   second thread saves the demo reporter's report in a loop: every save must succeed (200), and its
   slowest answer shows how long the import held the writer's place;
4. imports the same file again (every row unchanged), then the users file (`--users` rows, 0 to skip);
5. imports `--activations` new accounts without an initial password (0 to skip): each gets an
   activation code (SHA-256, no argon2), listed once in the report.

Run: `uv run python bench/bench_units_import.py [--units 2000] [--users 200] [--activations 1000]
[--postgres postgresql+psycopg://...]`.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient

from api.db.engine import make_engine, session_factories
from api.db.migrate import upgrade
from api.main import create_app
from api.services import transaction
from api.services.seed import seed
from api.settings import Settings

PASSWORD = "BaNhat@2026"
SUBMISSION = "/api/v1/submissions/2026-H1/CAX-001"


def build_database(url: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    with transaction.owned(session_factories(engine)[1]) as session:
        seed(session, demo=True)
    engine.dispose()


def csv_file(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def signed_in(app, username: str) -> TestClient:
    client = TestClient(app)
    response = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
    return client


def files(admin: TestClient, count: int) -> tuple[bytes, bytes]:
    districts = [u["code"] for u in admin.get("/api/v1/units", params={"kind": "police_department",
                                                                          "page_size": 500}).json()]
    groups = [g["code"] for g in admin.get("/api/v1/groups").json()]
    units = [["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Mã cụm, khối thi đua"]]
    units += [[f"BX-{n:05d}", f"Xã thử số {n}", "commune", districts[n % len(districts)],
               groups[n % len(groups)] if n % 2 else ""] for n in range(count)]
    users = [["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã đơn vị", "Mật khẩu ban đầu"]]
    users += [[f"bx.{n:05d}", f"Cán bộ {n}", "reporter", f"BX-{n:05d}", "MatKhau@2026"] for n in range(count)]
    return csv_file(units), csv_file(users)


def timed_import(client: TestClient, kind: str, body: bytes, reporter: TestClient | None) -> tuple[float, dict]:
    """POST the file; with ``reporter``, save its report in a loop meanwhile. (seconds, report + saves)."""
    saves: list[tuple[int, float]] = []
    done = threading.Event()

    def keep_saving() -> None:
        indicator = next(i["code"] for i in reporter.get(SUBMISSION).json()["indicators"] if i["measure"] == "count")
        count = 0
        while not done.is_set():
            etag = reporter.get(SUBMISSION).headers["etag"]
            started = time.perf_counter()
            response = reporter.put(f"{SUBMISSION}/values", headers={"If-Match": etag},
                                    json={"values": [{"indicator": indicator, "count": count}]})
            saves.append((response.status_code, time.perf_counter() - started))
            count += 1
            time.sleep(0.05)

    saver = threading.Thread(target=keep_saving) if reporter else None
    if saver:
        saver.start()
        time.sleep(0.3)
    started = time.perf_counter()
    response = client.post(f"/api/v1/imports/{kind}", files={"file": (f"{kind}.csv", body, "text/csv")})
    seconds = time.perf_counter() - started
    time.sleep(0.3)
    done.set()
    if saver:
        saver.join()
    assert response.status_code == 200, response.text[:500]
    report = response.json()
    report["saves"] = saves
    return seconds, report


def activation_file(count: int, units: int) -> bytes:
    """``count`` new reporters of the new units, without an initial password: activation codes instead."""
    rows = [["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã đơn vị", "Mật khẩu ban đầu"]]
    rows += [[f"kh.{n:05d}", f"Cán bộ kích hoạt {n}", "reporter", f"BX-{n % units:05d}", ""] for n in range(count)]
    return csv_file(rows)


def run(url: str, label: str, units: int, users: int, activations: int, folder: Path) -> None:
    build_database(url)
    app = create_app(Settings(database_url=url, evidence_dir=folder / "evidence", frontend_dist=folder / "no-spa"))
    admin, reporter = signed_in(app, "admin"), signed_in(app, "baocao.cax")
    status = reporter.get(SUBMISSION).json()["status"]
    reviewer = signed_in(app, "reviewer")
    if status in ("submitted", "approved"):
        action = "return" if status == "submitted" else "reopen"
        assert reviewer.post(f"{SUBMISSION}/{action}", json={"reason": "Đo thử"}).status_code == 200
    units_csv, users_csv = files(admin, units)
    for title, kind, body, saving in (("units, new", "units", units_csv, reporter),
                                      ("units, unchanged", "units", units_csv, reporter)):
        seconds, report = timed_import(admin, kind, body, saving)
        saves = report["saves"]
        codes = sorted({code for code, _ in saves})
        slowest = max((s for _, s in saves), default=0)
        median = statistics.median([s for _, s in saves]) if saves else 0
        print(f"{label:10} {title:18} {units:6} rows {seconds:7.2f} s  created {report['created']:5} "
              f"unchanged {report['unchanged']:5}  concurrent saves {len(saves):3} {codes} "
              f"median {median * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms", flush=True)
    if users:
        body = csv_file(list(csv.reader(io.StringIO(users_csv.decode())))[: users + 1])
        seconds, report = timed_import(admin, "users", body, None)
        print(f"{label:10} {'users, new':18} {users:6} rows {seconds:7.2f} s  created {report['created']:5}",
              flush=True)
    if activations:
        seconds, report = timed_import(admin, "users", activation_file(activations, units), None)
        assert len(report["activation_codes"]) == report["created"] == activations, report["created"]
        print(f"{label:10} {'users, activation':18} {activations:6} rows {seconds:7.2f} s  created "
              f"{report['created']:5}  codes {len(report['activation_codes']):5}", flush=True)
    app.state.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--activations", type=int, default=1000)
    parser.add_argument("--postgres", help="also on this PostgreSQL server (a database is created and dropped)")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-units-"))
    try:
        run(f"sqlite:///{folder / 'banhat.sqlite3'}", "SQLite", arguments.units, arguments.users, arguments.activations,
            folder)
        if arguments.postgres:
            name = f"bench_units_{uuid.uuid4().hex[:8]}"
            server = create_engine(arguments.postgres, isolation_level="AUTOCOMMIT")
            with server.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                url = make_url(arguments.postgres).set(database=name).render_as_string(hide_password=False)
                run(url, "PostgreSQL", arguments.units, arguments.users, arguments.activations, folder)
            finally:
                with server.connect() as connection:
                    connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
                server.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
