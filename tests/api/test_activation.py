"""Accounts imported without an initial password: activation codes, activation, and its refusals, on
SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from backend_support import table_fingerprints
from fastapi.testclient import TestClient

from tests.imports.conftest import upload
from tests.imports.files import csv_bytes
from tests.security.hostile import Target

API = "/api/v1"
HEADER = ["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã đơn vị", "Mật khẩu ban đầu"]
REFUSED = "Mã kích hoạt không đúng, đã được dùng hoặc đã hết hạn."
NEW_PASSWORD = "KichHoat@2026"


@pytest.fixture
def admin(target):
    with target.login("admin") as client:
        yield client


@pytest.fixture
def anonymous(target):
    with TestClient(target.app) as client:
        yield client


def accounts_state(target: Target) -> dict:
    with target.app.state.engine.connect() as connection:
        return table_fingerprints(connection, ("users", "user_sessions"))


def import_accounts(admin, rows: list[list[str]]) -> dict:
    response = upload(admin, csv_bytes([HEADER, *rows]), kind="users", filename="tai-khoan.csv")
    assert response.status_code == 200, response.text
    return response.json()


def activate(client, username: str, code: str, password: str = NEW_PASSWORD):
    return client.post(f"{API}/auth/activate", json={"username": username, "code": code, "password": password})


def sign_in(client, username: str, password: str = NEW_PASSWORD):
    return client.post(f"{API}/auth/login", json={"username": username, "password": password})


def test_accounts_imported_without_a_password_get_codes_and_sign_in_once_activated(target, admin, anonymous):
    report = import_accounts(admin, [
        ["canbo.a", "Cán bộ A", "leader", "", ""],
        ["canbo.b", "Cán bộ B", "reporter", "CAX-001", ""],
        ["canbo.c", "Cán bộ C", "leader", "", "MatKhau@2026"],
    ])  # fmt: skip
    assert report["created"] == 3
    codes = {entry["username"]: entry for entry in report["activation_codes"]}
    assert set(codes) == {"canbo.a", "canbo.b"}
    assert all(len(entry["code"]) >= 22 for entry in codes.values())  # 128 bits and more, URL-safe base64
    listed = {user["username"]: user for user in admin.get(f"{API}/users").json()}
    assert listed["canbo.a"]["activation_pending"] and not listed["canbo.c"]["activation_pending"]
    assert sign_in(anonymous, "canbo.c", "MatKhau@2026").status_code == 200

    before = accounts_state(target)
    assert sign_in(anonymous, "canbo.a", "").status_code == 422
    assert sign_in(anonymous, "canbo.a", "!").status_code == 401
    assert accounts_state(target) == before

    assert activate(anonymous, "canbo.a", codes["canbo.a"]["code"]).status_code == 204
    assert sign_in(anonymous, "canbo.a").status_code == 200
    assert not {u["username"]: u for u in admin.get(f"{API}/users").json()}["canbo.a"]["activation_pending"]
    actions = [entry["action"] for entry in admin.get(f"{API}/audit", params={"entity_key": "canbo.a"}).json()]
    assert "user.activate" in actions

    before = accounts_state(target)
    reused = activate(anonymous, "canbo.a", codes["canbo.a"]["code"], "KhacHan@2026")
    assert reused.status_code == 422
    assert reused.headers["content-type"].startswith("application/problem+json")
    assert reused.json()["detail"] == REFUSED and reused.json()["errors"][0]["loc"] == ["body", "code"]
    assert accounts_state(target) == before
    assert sign_in(anonymous, "canbo.a").status_code == 200


def test_wrong_unknown_and_expired_codes_are_refused_alike_and_change_nothing(target, admin, anonymous, clock):
    codes = {entry["username"]: entry["code"]
             for entry in import_accounts(admin, [["canbo.d", "Cán bộ D", "leader", "", ""]])["activation_codes"]}
    before = accounts_state(target)
    wrong = activate(anonymous, "canbo.d", codes["canbo.d"][:-2] + "xx")
    unknown = activate(anonymous, "khong.ton.tai", codes["canbo.d"])
    assert wrong.status_code == unknown.status_code == 422
    assert wrong.json()["detail"] == unknown.json()["detail"] == REFUSED
    assert accounts_state(target) == before

    clock.set_now(clock.now() + timedelta(days=14, seconds=1))
    assert activate(anonymous, "canbo.d", codes["canbo.d"]).status_code == 422
    assert accounts_state(target) == before
    clock.set_now(None)
    short = activate(anonymous, "canbo.d", codes["canbo.d"], "ngan")
    assert short.status_code == 422 and short.json()["errors"][0]["loc"] == ["body", "password"]
    assert accounts_state(target) == before


def test_an_admin_issues_a_new_code_and_the_old_one_stops_working(target, admin, anonymous):
    old = import_accounts(admin, [["canbo.e", "Cán bộ E", "leader", "", ""]])["activation_codes"][0]["code"]
    issued = admin.post(f"{API}/users/canbo.e/activation")
    assert issued.status_code == 201, issued.text
    assert issued.json()["username"] == "canbo.e" and issued.json()["code"] != old
    assert activate(anonymous, "canbo.e", old).status_code == 422
    assert activate(anonymous, "canbo.e", issued.json()["code"]).status_code == 204
    assert sign_in(anonymous, "canbo.e").status_code == 200
    again = admin.post(f"{API}/users/canbo.e/activation")
    assert again.status_code == 409 and again.headers["content-type"].startswith("application/problem+json")
    assert admin.post(f"{API}/users/khong.ton.tai/activation").status_code == 404


def test_failed_activations_are_throttled_like_sign_ins(admin, anonymous):
    import_accounts(admin, [["canbo.f", "Cán bộ F", "leader", "", ""]])
    statuses = [activate(anonymous, "canbo.f", "sai-ma").status_code for _ in range(6)]
    assert statuses[:5] == [422] * 5 and statuses[5] == 429


def test_a_replayed_import_does_not_repeat_the_codes(admin):
    data = csv_bytes([HEADER, ["canbo.g", "Cán bộ G", "leader", "", ""]])
    first = upload(admin, data, kind="users", filename="tai-khoan.csv", key="kich-hoat-1")
    replay = upload(admin, data, kind="users", filename="tai-khoan.csv", key="kich-hoat-1")
    assert len(first.json()["activation_codes"]) == 1
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json()["activation_codes"] == []
