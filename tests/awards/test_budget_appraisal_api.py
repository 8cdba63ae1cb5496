"""Sở Tài chính's appraisal of the budget estimate over HTTP, on SQLite and PostgreSQL: the steps and who may
take them, the problems (Vietnamese, naming the field), the totals, the audit entries and the workbook."""

from io import BytesIO

import pytest
from awards_support import API
from openpyxl import load_workbook

from tests.security.hostile import Target

YEAR = 2026


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def sign_in(request, tmp_path):
    """``sign_in(username)``: a signed-in client of the demo database on each engine."""
    if request.param == "sqlite":
        yield request.getfixturevalue("login")
        return
    from api.main import create_app
    from api.settings import Settings

    url = request.getfixturevalue("postgres_database")
    application = create_app(Settings(database_url=url, evidence_dir=tmp_path / "evidence",
                                      frontend_dist=tmp_path / "no-spa"))  # fmt: skip
    clients = []

    def login(username: str):
        clients.append(Target(application, url).login(username))
        return clients[-1]

    yield login
    for client in clients:
        client.close()
    application.state.engine.dispose()


def add_line(reviewer, description: str, amount: int, unit: str = "CAT") -> int:
    added = reviewer.post(f"{API}/budget/items", json={"year": YEAR, "unit": unit, "description": description,
                                                        "amount": amount})  # fmt: skip
    assert added.status_code == 201, added.text
    return next(line["id"] for line in added.json()["lines"] if line["description"] == description)


def line_of(client, item: int) -> dict:
    return next(line for line in client.get(f"{API}/budget", params={"year": YEAR}).json()["lines"]
                if line["id"] == item)  # fmt: skip


def test_finance_appraises_and_returns_and_the_standing_body_sees_it(sign_in):
    reviewer, finance = sign_in("reviewer"), sign_in("taichinh")
    conference = add_line(reviewer, "Hội nghị sơ kết phong trào", 50_000_000)
    banners = add_line(reviewer, "Pano, khẩu hiệu tuyên truyền", 20_000_000)
    assert line_of(finance, conference)["status"] == "proposed"
    assert line_of(finance, conference)["status_label"] == "Chờ thẩm định"

    appraised = finance.post(f"{API}/budget/items/{conference}/appraise", json={"amount": 42_000_000})
    assert appraised.status_code == 200, appraised.text
    assert appraised.json() | {"appraised_at": None} == appraised.json() | {
        "status": "appraised", "status_label": "Đã thẩm định", "appraised_amount": 42_000_000,
        "amount": 50_000_000, "appraised_by": "taichinh", "return_reason": None, "appraised_at": None,
    }  # fmt: skip
    returned = finance.post(f"{API}/budget/items/{banners}/return", json={"reason": "Chưa có thuyết minh chi tiết"})
    assert returned.json()["status"] == "returned" and returned.json()["return_reason"] == "Chưa có thuyết minh chi tiết"

    seen = line_of(reviewer, conference)
    assert (seen["status_label"], seen["appraised_amount"]) == ("Đã thẩm định", 42_000_000)
    assert line_of(reviewer, banners)["status_label"] == "Sở Tài chính trả lại"
    budget = finance.get(f"{API}/budget", params={"year": YEAR}).json()
    assert budget["activities_total"] == 70_000_000 + sum(
        line["amount"] for line in budget["lines"] if line["category"] == "activity"
        and line["id"] not in (conference, banners))  # fmt: skip
    assert budget["appraised_total"] - budget["awards_total"] == 42_000_000 + sum(
        line["appraised_amount"] or 0 for line in budget["lines"] if line["status"] == "appraised"
        and line["id"] != conference)  # fmt: skip
    cat = next(total for total in budget["totals"] if total["unit"] == "CAT")
    assert cat["appraised_activities"] == 42_000_000 and cat["appraised_total"] == 42_000_000 + cat["awards"]


def test_a_returned_line_is_revised_resubmitted_and_appraised_again(sign_in):
    reviewer, finance = sign_in("reviewer"), sign_in("taichinh")
    item = add_line(reviewer, "In tài liệu tuyên truyền", 12_000_000)
    assert finance.post(f"{API}/budget/items/{item}/return", json={"reason": "Vượt định mức"}).status_code == 200
    blank = reviewer.post(f"{API}/budget/items/{item}/resubmit", json={"description": "  "})
    assert blank.status_code == 422 and blank.json()["errors"][0]["loc"] == ["body", "description"]
    resubmitted = reviewer.post(f"{API}/budget/items/{item}/resubmit", json={"amount": 9_000_000})
    assert resubmitted.status_code == 200, resubmitted.text
    body = resubmitted.json()
    assert (body["status"], body["amount"], body["return_reason"], body["appraised_by"]) == (
        "proposed", 9_000_000, None, None)  # fmt: skip
    assert finance.post(f"{API}/budget/items/{item}/appraise", json={"amount": 0}).json()["appraised_amount"] == 0


def test_problems_name_the_field_or_the_state_in_vietnamese(sign_in):
    reviewer, finance = sign_in("reviewer"), sign_in("taichinh")
    item = add_line(reviewer, "Hội nghị triển khai", 30_000_000)
    for body, field in (({"amount": -1}, "amount"), ({"amount": 1.5}, "amount"), ({}, "amount"),
                        ({"amount": 1, "status": "appraised"}, "status")):  # fmt: skip
        refused = finance.post(f"{API}/budget/items/{item}/appraise", json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert any(error["loc"][:2] == ["body", field] for error in refused.json()["errors"]), refused.json()
    for reason in ("", "   "):
        refused = finance.post(f"{API}/budget/items/{item}/return", json={"reason": reason})
        assert refused.status_code == 422, refused.text
        assert any(error["loc"] == ["body", "reason"] for error in refused.json()["errors"])
    blank = finance.post(f"{API}/budget/items/{item}/return", json={"reason": "   "}).json()
    assert blank["detail"] == "Cần ghi rõ lý do trả lại khoản dự toán."
    assert finance.post(f"{API}/budget/items/{item}/appraise", json={"amount": 1}).status_code == 200
    again = finance.post(f"{API}/budget/items/{item}/return", json={"reason": "Sai"})
    assert again.status_code == 409 and "Đã thẩm định" in again.json()["detail"]
    missing = finance.post(f"{API}/budget/items/999999/appraise", json={"amount": 1})
    assert missing.status_code == 404 and missing.json()["detail"] == "Không tìm thấy khoản dự toán."


def test_only_finance_appraises_and_only_the_standing_body_resubmits(sign_in):
    reviewer, finance, office = sign_in("reviewer"), sign_in("taichinh"), sign_in("vpubnd")
    item = add_line(reviewer, "Tổng kết phong trào", 80_000_000)
    for client in (reviewer, office, sign_in("leader"), sign_in("noivu")):
        assert client.post(f"{API}/budget/items/{item}/appraise", json={"amount": 1}).status_code == 403
    assert finance.post(f"{API}/budget/items", json={"year": YEAR, "unit": "CAT", "description": "x",
                                                      "amount": 1}).status_code == 403  # fmt: skip
    assert finance.post(f"{API}/budget/items/{item}/return", json={"reason": "Thiếu dự toán chi tiết"}).status_code == 200
    assert finance.post(f"{API}/budget/items/{item}/resubmit", json={}).status_code == 403
    assert office.get(f"{API}/budget", params={"year": YEAR}).status_code == 200
    assert office.get(f"{API}/award-proposals").status_code == 200  # finance and the office see award money
    assert finance.get(f"{API}/award-proposals").status_code == 200


def test_every_step_is_audited(sign_in):
    reviewer, finance, admin = sign_in("reviewer"), sign_in("taichinh"), sign_in("admin")
    item = add_line(reviewer, "Hội thi tìm hiểu", 15_000_000)
    finance.post(f"{API}/budget/items/{item}/return", json={"reason": "Chưa rõ đối tượng"})
    reviewer.post(f"{API}/budget/items/{item}/resubmit", json={"description": "Hội thi tìm hiểu pháp luật"})
    finance.post(f"{API}/budget/items/{item}/appraise", json={"amount": 14_000_000})
    entries = admin.get(f"{API}/audit", params={"entity": "budget_item", "entity_key": str(item)}).json()
    steps = {entry["action"]: entry for entry in entries}
    assert set(steps) == {"budget.create", "budget.return", "budget.resubmit", "budget.appraise"}
    assert steps["budget.return"]["actor"] == "taichinh" and steps["budget.return"]["reason"] == "Chưa rõ đối tượng"
    assert steps["budget.resubmit"]["after"]["description"] == "Hội thi tìm hiểu pháp luật"
    assert (steps["budget.appraise"]["before"]["status"], steps["budget.appraise"]["after"]["appraised_amount"]) == (
        "proposed", 14_000_000)  # fmt: skip


def test_the_export_holds_proposed_and_appraised_amounts(sign_in):
    reviewer, finance = sign_in("reviewer"), sign_in("taichinh")
    item = add_line(reviewer, "Hội nghị biểu dương điển hình", 60_000_000, unit="SBN-03")
    add_line(reviewer, "Tập huấn nghiệp vụ", 1_000_000, unit="SBN-03")
    finance.post(f"{API}/budget/items/{item}/appraise", json={"amount": 55_000_000})
    export = finance.get(f"{API}/budget/export.xlsx", params={"year": YEAR})
    assert export.status_code == 200 and export.headers["content-type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(export.content))
    summary, detail = workbook["Dự toán"], workbook["Chi tiết"]
    row = next(r for r in range(4, summary.max_row + 1) if summary.cell(r, 2).value == "SBN-03")
    assert [summary.cell(row, col).value for col in (4, 7)] == [61_000_000, 55_000_000]
    budget = finance.get(f"{API}/budget", params={"year": YEAR}).json()
    assert summary.cell(summary.max_row, 8).value == budget["appraised_total"]
    lines = {detail.cell(r, 4).value: r for r in range(4, detail.max_row + 1)}
    appraised = lines["Hội nghị biểu dương điển hình"]
    assert [detail.cell(appraised, col).value for col in (5, 6, 7)] == [60_000_000, "Đã thẩm định", 55_000_000]
    # Formula-looking text stays text: tests/security/test_formula_injection.py poisons this workbook's lines.
