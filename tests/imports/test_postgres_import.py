"""The values import on PostgreSQL: COPY into the staging table, the merge, refusals, idempotency."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from tests.imports.conftest import API, PERIOD, upload
from tests.imports.files import csv_bytes
from tests.imports.test_values_import import UNIT, rows_for

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def postgres_url(seeded_postgres) -> str:
    return seeded_postgres()


@pytest.fixture(scope="module")
def postgres_app(postgres_url, tmp_path_factory):
    from api.main import create_app
    from api.settings import Settings

    folder = tmp_path_factory.mktemp("pg-import")
    application = create_app(Settings(database_url=postgres_url, evidence_dir=folder / "evidence",
                                      frontend_dist=folder / "no-spa"))  # fmt: skip
    yield application
    application.state.engine.dispose()


@pytest.fixture(scope="module")
def pg_reporter(postgres_app):
    from backend_support import DEMO_PASSWORD

    with TestClient(postgres_app) as client:
        response = client.post(
            f"{API}/auth/login", json={"username": "baocao.cax", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, response.text
        client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
        yield client


@pytest.fixture(scope="module")
def pg_query(postgres_url):
    engine = create_engine(postgres_url)

    def run(sql: str, **params) -> list[tuple]:
        with engine.begin() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]

    yield run
    engine.dispose()


def stored_count(pg_query) -> int:
    return pg_query(
        "SELECT count(*) FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
        "JOIN periods p ON p.id = s.period_id WHERE p.code = :p", p=PERIOD,
    )[0][0]  # fmt: skip


def test_postgres_import_creates_then_finds_unchanged_and_refuses_bad_files_whole(pg_reporter, pg_query):
    before = stored_count(pg_query)
    bad = csv_bytes(rows_for() + [[UNIT, PERIOD, "KL-05", 12, 10, "", "", ""]])
    refused = upload(pg_reporter, bad)
    assert refused.status_code == 422
    assert [(p["row"], p["column"]) for p in refused.json()["problems"]] == [(5, "Tử số")]
    assert stored_count(pg_query) == before

    dry = upload(pg_reporter, csv_bytes(rows_for()), dry_run=True).json()
    assert (dry["created"], dry["applied"]) == (3, False)
    assert stored_count(pg_query) == before

    first = upload(pg_reporter, csv_bytes(rows_for()), key="pg-1")
    assert first.status_code == 200, first.text
    assert first.json()["created"] == 3
    assert stored_count(pg_query) == before + 3
    assert pg_query(
        "SELECT v.flag, v.note FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
        "JOIN units u ON u.id = s.unit_id JOIN periods p ON p.id = s.period_id "
        "WHERE u.code = :u AND p.code = :p AND v.indicator_code IN ('KL-03', 'KL-01') ORDER BY v.indicator_code",
        u=UNIT, p=PERIOD,
    ) == [(None, "Đã ký cam kết"), (True, None)]  # fmt: skip

    replay = upload(pg_reporter, csv_bytes(rows_for()), key="pg-1")
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json() == first.json()
    again = upload(pg_reporter, csv_bytes(rows_for())).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert stored_count(pg_query) == before + 3


def test_postgres_import_keeps_omitted_notes_clears_on_the_marker_and_counts_empty_rows(pg_reporter, pg_query):
    assert upload(pg_reporter, csv_bytes(rows_for())).status_code == 200
    rows = [row[:-1] for row in rows_for()]  # no note column
    rows[1][3] = 37
    rows[2][5] = "[xóa]"
    report = upload(pg_reporter, csv_bytes([*rows, [], ["", ""]])).json()
    assert [report[name] for name in ("rows", "updated", "unchanged", "skipped_empty")] == [5, 2, 1, 2]
    assert pg_query(
        "SELECT v.indicator_code, v.numerator, v.note FROM submission_values v "
        "JOIN submissions s ON s.id = v.submission_id JOIN units u ON u.id = s.unit_id "
        "JOIN periods p ON p.id = s.period_id WHERE u.code = :u AND p.code = :p ORDER BY 1",
        u=UNIT, p=PERIOD,
    ) == [("KL-01", 37, "Đã ký cam kết"), ("KL-03", None, None)]  # fmt: skip


def test_postgres_import_of_a_windows_1258_file_stores_nfc_text(pg_reporter, pg_query):
    note = "Đạt, Tốt"
    header = ["unit", "period", "indicator", "numerator", "denominator", "count", "flag", "note"]
    data = csv_bytes([header, [UNIT, PERIOD, "KL-06", "", "", 1, "", note]], encoding="cp1258")
    assert upload(pg_reporter, data).status_code == 200
    assert pg_query(
        "SELECT v.note FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
        "JOIN units u ON u.id = s.unit_id JOIN periods p ON p.id = s.period_id "
        "WHERE u.code = :u AND p.code = :p AND v.indicator_code = 'KL-06'",
        u=UNIT, p=PERIOD,
    ) == [(note,)]  # fmt: skip
