"""Helpers for the import tests: uploads, and a snapshot of every table an import may write."""

import pytest
from backend_support import CommittedState
from sqlalchemy import text

API = "/api/v1"
# An open annual period with no demo submissions: imports start from a clean slate.
PERIOD = "2026-Y"
VALUE_HEADER = [
    "Mã đơn vị",
    "Mã kỳ báo cáo",
    "Mã chỉ tiêu",
    "Tử số",
    "Mẫu số",
    "Số lần",
    "Có/Không",
    "Ghi chú",
]
WATCHED_TABLES = (
    "submissions",
    "submission_values",
    "audit_log",
    "scores",
    "units",
    "users",
    "webhook_deliveries",
)


@pytest.fixture
def db_state(database):
    """``db_state()``: every row of the tables an import writes, to prove a refusal changed nothing."""

    return CommittedState(database, WATCHED_TABLES).read


@pytest.fixture
def query(database):
    """``query(sql, **params)``: rows read straight from the test database."""

    def run(sql: str, **params) -> list[tuple]:
        with database.begin() as connection:
            result = connection.execute(text(sql), params)
            return [tuple(row) for row in result] if result.returns_rows else []

    return run


def upload(
    client,
    data: bytes,
    *,
    kind: str = "values",
    filename: str = "so-lieu.csv",
    key: str | None = None,
    **params,
):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(
        f"{API}/imports/{kind}",
        files={"file": (filename, data, "application/octet-stream")},
        params={name: str(value).lower() for name, value in params.items()},
        headers=headers,
    )


