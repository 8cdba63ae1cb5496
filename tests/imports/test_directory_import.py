"""Importing units and accounts for setting up a province."""

from __future__ import annotations

from tests.imports.conftest import API, upload
from tests.imports.files import csv_bytes, xlsx_bytes

UNIT_HEADER = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Mã cụm, khối thi đua"]
USER_HEADER = ["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã đơn vị", "Mật khẩu ban đầu"]


def test_units_are_created_updated_and_left_unchanged(admin):
    data = csv_bytes(
        [
            UNIT_HEADER,
            ["CAX-900", "Công an xã Tân Mới", "commune_police", "CAT", "CAX"],
            ["UBX-900", "UBND xã Tân Mới", "UBND xã, phường", "UBND-T", "UBX"],
            ["CAX-001", "Công an xã đổi tên", "commune_police", "CAT", "CAX"],
        ],
        encoding="cp1258",
        delimiter=";",
    )
    first = upload(admin, data, kind="units", filename="don-vi.csv")
    assert first.status_code == 200, first.text
    assert (first.json()["created"], first.json()["updated"], first.json()["unchanged"]) == (2, 1, 0)
    unit = admin.get(f"{API}/units/UBX-900").json()
    assert unit["kind"] == "commune" and unit["name"] == "UBND xã Tân Mới"
    again = upload(admin, data, kind="units", filename="don-vi.csv").json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)


def test_a_bad_unit_row_is_located_and_nothing_is_written(admin, db_state):
    before = db_state()
    data = xlsx_bytes(
        [
            UNIT_HEADER,
            ["CAX-901", "Công an xã A", "commune_police", "CAT", "CAX"],
            ["CAX-902", "Công an xã B", "thôn", "CAT", "CAX"],
            ["CAX-903", "Công an xã C", "commune_police", "KHONG-CO", "CAX"],
        ]
    )
    response = upload(admin, data, kind="units", filename="don-vi.xlsx")
    assert response.status_code == 422
    body = response.json()
    assert [(p["row"], p["column"], p["cell"]) for p in body["problems"]] == [
        (3, "Loại đơn vị", "C3"),
        (4, "Mã đơn vị cấp trên", "D4"),
    ]
    assert db_state() == before


def test_units_dry_run_counts_and_writes_nothing(admin, db_state):
    before = db_state()
    data = csv_bytes([UNIT_HEADER, ["CAX-904", "Công an xã D", "commune_police", "CAT", "CAX"]])
    report = upload(admin, data, kind="units", dry_run=True).json()
    assert (report["created"], report["applied"]) == (1, False)
    assert db_state() == before


def test_users_import_creates_accounts_that_can_sign_in(admin, anonymous):
    data = csv_bytes(
        [
            USER_HEADER,
            ["baocao.cax2", "Nguyễn Văn Hai", "reporter", "CAX-002", "MatKhau@2026"],
            ["baocao.x", "Trần Thị Ba", "reporter", "", "MatKhau@2026"],
            ["lanhdao2", "Lê Văn Bốn", "leader", "", ""],
        ]
    )
    response = upload(admin, data, kind="users", all_or_nothing=False)
    report = response.json()
    assert (report["created"], report["rejected"]) == (1, 2)
    assert [(p["row"], p["column"]) for p in report["problems"]] == [
        (3, "Mã đơn vị"),
        (4, "Mật khẩu ban đầu"),
    ]
    login = anonymous.post(f"{API}/auth/login", json={"username": "baocao.cax2", "password": "MatKhau@2026"})
    assert login.status_code == 200 and login.json()["unit"]["code"] == "CAX-002"


def test_reporters_may_not_import_units_or_users(reporter, db_state):
    before = db_state()
    data = csv_bytes([UNIT_HEADER, ["CAX-905", "Công an xã E", "commune_police", "CAT", "CAX"]])
    assert upload(reporter, data, kind="units").status_code == 403
    assert db_state() == before
