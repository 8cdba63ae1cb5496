"""Codes have one spelling; versions, pages and the last administrator are guarded; file names are inert.

- A unit code is stripped, NFKC-normalised and upper-cased, a user name lower-cased, and each is unique
  after that, so "cax-001" cannot be created next to CAX-001 (nor "Admin" next to admin).
- ``If-Match: *`` (any version: a blind overwrite) is a 428 where a version is required.
- A huge page number is a 422, never an offset overflowing into a 500.
- The last active administrator cannot be disabled or demoted (409).
- Evidence file names lose path parts, control, bidirectional and invisible characters.

Run on SQLite and PostgreSQL; every refusal is a 4xx problem and leaves the database unchanged.
"""

import pytest

from api.domain.text import file_name
from tests.security.hostile import refused
from tests.security.support import SUBMISSION, count_indicator, reset_to_draft

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.mark.parametrize("code", ["cax-001", " CAX-001 ", "Cax-001", "ＣＡＸ－００１", "ｃａｘ－００１"])
def test_a_unit_code_differing_only_in_spelling_is_the_same_code(target, clients, code):
    admin = clients("admin")
    refused(target, lambda: admin.post("/api/v1/units", json={"code": code, "name": "Phường trùng mã",
                                                              "kind": "commune"}), ["body", "code"])  # fmt: skip


def test_a_new_unit_code_is_stored_normalised(admin):
    response = admin.post(
        "/api/v1/units", json={"code": " ubx-９９７ ", "name": "Phường mới", "kind": "commune"}
    )
    assert response.status_code == 201, response.text
    assert response.json()["code"] == "UBX-997"
    assert admin.get("/api/v1/units/UBX-997").status_code == 200


def test_imported_unit_codes_are_normalised_and_unique(admin):
    from tests.imports.files import csv_bytes

    rows = [["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên"],
            ["ubx-９９８", "Phường nhập", "commune", "cax-001"], ["cax-001", "Đổi tên qua mã thường", "commune", ""]]
    response = admin.post("/api/v1/imports/units", files={"file": ("don-vi.csv", csv_bytes(rows), "text/csv")})
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1 and response.json()["updated"] == 1
    assert admin.get("/api/v1/units/UBX-998").json()["parent"] == "CAX-001"
    assert admin.get("/api/v1/units/CAX-001").json()["name"] == "Đổi tên qua mã thường"


@pytest.mark.parametrize("username", ["Admin", " ADMIN ", "ａｄｍｉｎ"])
def test_a_user_name_differing_only_in_spelling_is_the_same_name(target, clients, username):
    admin = clients("admin")
    refused(target, lambda: admin.post("/api/v1/users", json={
        "username": username, "full_name": "Trùng tên", "password": "MatKhau@2026", "role": "leader"}),
        ["body", "username"])  # fmt: skip


def test_a_new_user_name_is_stored_normalised(admin):
    response = admin.post("/api/v1/users", json={"username": " LanhDao.Moi ", "full_name": "Lãnh đạo",
                                                 "password": "MatKhau@2026", "role": "leader"})  # fmt: skip
    assert response.status_code == 201, response.text
    assert response.json()["username"] == "lanhdao.moi"


@pytest.mark.parametrize("if_match", ["*", ' * ', 'W/"x", *', ""])
def test_if_match_any_version_is_refused_where_a_version_is_required(target, clients, if_match):
    reporter, reviewer = clients("baocao.cax"), clients("reviewer")
    reset_to_draft(reviewer, reporter)
    body = {"values": [{"indicator": count_indicator(reporter), "count": 7}]}
    refused(target, lambda: reporter.put(f"{SUBMISSION}/values", json=body, headers={"If-Match": if_match}),
            status=428)  # fmt: skip
    refused(target, lambda: reporter.post(f"{SUBMISSION}/submit", headers={"If-Match": "*"}), status=428)


@pytest.mark.parametrize("page", [100_001, 2**31, 2**62, 2**63 - 1])
def test_huge_page_numbers_are_refused_not_overflowed(target, clients, page):
    admin = clients("admin")
    for url in ("/api/v1/units", "/api/v1/submissions", "/api/v1/audit", "/api/v1/scores/2026-H1"):
        refused(target, lambda u=url: admin.get(u, params={"page": page}), ["query", "page"])
    assert admin.get("/api/v1/units", params={"page": 100_000}).json() == []


def test_the_last_active_admin_cannot_be_disabled_or_demoted(target, clients):
    admin = clients("admin")
    for change in ({"active": False}, {"role": "reviewer"}, {"role": "leader", "active": False}):
        refused(target, lambda c=change: admin.patch("/api/v1/users/admin", json=c), status=409)
    created = admin.post("/api/v1/users", json={"username": "quantri2", "full_name": "Quản trị 2",
                                                "password": "BaNhat@2026", "role": "admin"})  # fmt: skip
    assert created.status_code == 201, created.text
    # With a second active admin, the first may step down; the second is then the last one.
    assert admin.patch("/api/v1/users/admin", json={"role": "reviewer"}).status_code == 200
    second = clients("quantri2")
    refused(target, lambda: second.patch("/api/v1/users/quantri2", json={"active": False}), status=409)
    assert second.patch("/api/v1/users/admin", json={"role": "admin"}).status_code == 200
    assert second.patch("/api/v1/users/quantri2", json={"active": False}).status_code == 200


@pytest.mark.parametrize(("given", "kept"), [
    ("evil\u202efdp.exe", "evilfdp.exe"),
    ("bao-cao\u2067.pdf\u2069", "bao-cao.pdf"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\win.ini", "win.ini"),
    ("a\x00b\x1b[31m.pdf", "ab[31m.pdf"),
    ("  ..an\u200b.pdf", "an.pdf"),
    ("biên bản\t\r\nkiểm tra.pdf", "biên bản kiểm tra.pdf"),
    ("", "minh-chung"),
    ("/", "minh-chung"),
    ("x" * 300 + ".pdf", "x" * 255),
])  # fmt: skip
def test_file_names_are_neutralised(given, kept):
    assert file_name(given) == kept


def test_an_uploaded_evidence_name_is_stored_neutralised(reviewer, reporter):
    reset_to_draft(reviewer, reporter)
    etag = reporter.get(SUBMISSION).headers["etag"]
    saved = reporter.put(f"{SUBMISSION}/values", json={"values": [{"indicator": "KL-04", "count": 0}]},
                         headers={"If-Match": etag})  # fmt: skip
    assert saved.status_code == 200, saved.text
    uploaded = reporter.post(f"{SUBMISSION}/values/KL-04/evidence",
                             files={"file": ("..\\evil\u202efdp.exe", PDF, "application/pdf")})  # fmt: skip
    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["filename"] == "evilfdp.exe"
    download = reporter.get(f"{SUBMISSION}/evidence/{uploaded.json()['id']}")
    assert "\u202e" not in download.headers["content-disposition"]
