"""`Idempotency-Key`: a retried upload returns the first answer and never applies twice."""

from __future__ import annotations

from datetime import UTC, datetime

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


def test_a_key_still_running_is_409(reporter, query, db_state):
    import io

    from api.services.imports.runs import request_digest

    data = csv_bytes(rows_for())
    digest = request_digest(io.BytesIO(data), "values", {"dry_run": False, "all_or_nothing": True})
    query(
        "INSERT INTO import_runs (kind, actor, idempotency_key, request_sha256, status, started_at) "
        "VALUES ('values', 'baocao.cax', 'dang-chay', :digest, 'running', :now)",
        digest=digest,
        now=datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
    )
    before = db_state()
    response = upload(reporter, data, key="dang-chay")
    assert response.status_code == 409
    assert db_state() == before


def test_keys_belong_to_their_caller(reporter, admin):
    data = csv_bytes(rows_for())
    assert upload(reporter, data, key="chung").json()["created"] == 3
    # The administrator's request with the same key is its own: it runs and finds nothing new.
    other = upload(admin, data, key="chung")
    assert other.status_code == 200 and "Idempotent-Replayed" not in other.headers
    assert other.json()["unchanged"] == 3
