"""`Idempotency-Key`: a retried upload returns the first answer and never applies twice."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from api.services.imports.runs import process_identity, request_digest
from tests.imports.conftest import upload
from tests.imports.files import csv_bytes
from tests.imports.test_values_import import rows_for


def test_same_key_returns_the_first_report_and_writes_nothing(reporter, db_state):
    data = csv_bytes(rows_for())
    first = upload(reporter, data, key="lan-1")
    assert first.status_code == 200 and first.json()["created"] == 3
    after_first = db_state()
    retry = upload(reporter, data, key="lan-1")
    assert retry.status_code == 200
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert db_state() == after_first
    # Without the key the same file is simply checked again: nothing new to create.
    assert upload(reporter, data).json()["unchanged"] == 3


def test_a_refused_import_is_replayed_as_refused(reporter):
    data = csv_bytes(rows_for() + [["CAX-XXX", "2026-Y", "KL-04", "", "", 0, "", ""]])
    first = upload(reporter, data, key="sai")
    retry = upload(reporter, data, key="sai")
    assert first.status_code == retry.status_code == 422
    assert retry.json() == first.json()


def test_same_key_with_another_body_is_422(reporter, db_state):
    assert upload(reporter, csv_bytes(rows_for()), key="k").status_code == 200
    before = db_state()
    changed = rows_for()
    changed[1][3] = 39
    response = upload(reporter, csv_bytes(changed), key="k")
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["detail"]
    # Same file, other options: also another request.
    assert upload(reporter, csv_bytes(rows_for()), key="k", dry_run=True).status_code == 422
    assert db_state() == before


def _running(query, data: bytes, key: str, owner: str | None) -> None:
    """Record a run of ``data`` under ``key`` as running in the process ``owner``."""
    digest = request_digest(io.BytesIO(data), "values", {"dry_run": False, "all_or_nothing": True})
    query(
        "INSERT INTO import_runs (kind, actor, idempotency_key, request_sha256, status, owner, started_at) "
        "VALUES ('values', 'baocao.cax', :key, :digest, 'running', :owner, :now)",
        key=key,
        digest=digest,
        owner=owner,
        now=datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
    )


def _dead_process() -> str:
    """The identity of a process of this host that has ended."""
    script = "from api.services.imports.runs import process_identity; print(process_identity())"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.parametrize("owner", ["this process", f"{socket.gethostname()}-autre/1/1"])
def test_a_key_still_running_is_409(reporter, query, db_state, owner):
    """Running in a live process of this host, or on another host (which cannot be told from here)."""
    data = csv_bytes(rows_for())
    _running(query, data, "dang-chay", process_identity() if owner == "this process" else owner)
    before = db_state()
    response = upload(reporter, data, key="dang-chay")
    assert response.status_code == 409
    assert db_state() == before


@pytest.mark.parametrize("owner", ["dead", None])
def test_a_key_left_running_by_a_killed_server_runs_on_retry(reporter, query, owner):
    """A server killed during the import left its run marked running (or a server of before owners
    were recorded did): a retry with the key runs the import; the killed one wrote nothing."""
    data = csv_bytes(rows_for())
    _running(query, data, "bi-ngat", _dead_process() if owner == "dead" else None)
    response = upload(reporter, data, key="bi-ngat")
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 3 and "Idempotent-Replayed" not in response.headers
    assert query("SELECT status FROM import_runs WHERE idempotency_key = 'bi-ngat'") == [("done",)]
    assert upload(reporter, data, key="bi-ngat").headers["Idempotent-Replayed"] == "true"


def test_a_starting_server_frees_the_keys_its_killed_predecessor_left_running(app, query):
    data = csv_bytes(rows_for())
    _running(query, data, "cu", _dead_process())
    _running(query, data, "song", process_identity())
    with TestClient(app):  # start-up
        pass
    assert query("SELECT idempotency_key FROM import_runs WHERE status = 'running'") == [("song",)]


def test_keys_belong_to_their_caller(reporter, admin):
    data = csv_bytes(rows_for())
    assert upload(reporter, data, key="chung").json()["created"] == 3
    # The administrator's request with the same key is its own: it runs and finds nothing new.
    other = upload(admin, data, key="chung")
    assert other.status_code == 200 and "Idempotent-Replayed" not in other.headers
    assert other.json()["unchanged"] == 3
