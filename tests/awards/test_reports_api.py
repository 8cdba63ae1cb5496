"""The consolidated report carries the API's numbers, in JSON, Word and Excel; and the public page."""

from decimal import Decimal
from fractions import Fraction
from io import BytesIO

from awards_support import API
from docx import Document
from openpyxl import load_workbook

from api.services.reports.formatting import vn_number

PERIOD = "2026-H1"


def test_report_numbers_equal_the_api(leader, reviewer, report_output):
    inspection = reviewer.post(f"{API}/inspections", json={"unit": "CAX-003", "topic": "Kiểm tra chuyên đề",
                                                           "planned_on": "2026-05-02"}).json()
    reviewer.post(f"{API}/inspections/{inspection['id']}/done", json={"inspected_on": "2026-05-04"})
    reviewer.post(f"{API}/inspections/{inspection['id']}/findings",
                  json={"description": "Không công khai đường dây nóng", "points": "2.5", "indicator": "TT-07"})

    report = leader.get(f"{API}/reports/{PERIOD}").json()
    status = leader.get(f"{API}/periods/{PERIOD}/reporting-status").json()
    summary = status["groups"] if isinstance(status, dict) and "groups" in status else status
    by_name = {row["name"]: row for row in summary}
    for row in report["reporting"]:
        api_row = by_name[row["group"]]
        assert (row["expected"], row["on_time"], row["late"]) == (api_row["expected"], api_row["on_time"],
                                                                  api_row["late"])
    total = report["reporting_total"]
    assert total["expected"] == sum(row["expected"] for row in summary)

    ranking = leader.get(f"{API}/scores/{PERIOD}").json()["items"]
    ranked = {item["unit"]["code"]: item for item in ranking}
    rows = [row for group in report["rankings"] for row in group["rows"]]
    assert len(rows) == len(ranking)
    for row in rows:
        item = ranked[row["unit_code"]]
        assert row["rank"] == item["rank"]
        if row["total"] is not None:
            assert Decimal(row["total"]) == Decimal(item["total"])
    tier_total = sum(r["excellent"] + r["good"] + r["completed"] + r["not_completed"] + r["unscored"]
                     for r in report["tiers"])
    assert tier_total == len(ranking)
    assert [Decimal(i["deduction_points"]) for i in report["inspections"]] == [Decimal("2.50")]
    assert report["failed_indicators"] and all(f["failed"] <= f["applicable"] for f in report["failed_indicators"])

    docx = leader.get(f"{API}/reports/{PERIOD}/report.docx", params={"number": "125/BC-CAT-PV01"})
    assert docx.status_code == 200 and docx.headers["content-type"].startswith("application/vnd.openxmlformats")
    (report_output / f"api-bao-cao-{PERIOD}.docx").write_bytes(docx.content)
    document = Document(BytesIO(docx.content))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    first = rows[0]
    assert first["unit_name"] in cells and vn_number(Fraction(Decimal(first["total"]))) in cells
    assert str(total["expected"]) in cells
    assert "Số: 125/BC-CAT-PV01" in "\n".join(cell.text for cell in document.tables[0].rows[0].cells)

    xlsx = leader.get(f"{API}/reports/{PERIOD}/report.xlsx")
    (report_output / f"api-bao-cao-{PERIOD}.xlsx").write_bytes(xlsx.content)
    workbook = load_workbook(BytesIO(xlsx.content))
    sheet = workbook["Báo cáo"]
    total_row = 4 + len(report["reporting"])
    assert sheet.cell(total_row, 2).value == total["expected"]
    assert Decimal(str(sheet.cell(total_row, 6).value)) == Decimal(total["rate"])
    ranking_sheet = workbook["Xếp hạng"]
    assert ranking_sheet.max_row - 3 == len(rows)


def test_reports_are_for_oversight_roles_only(reporter, anonymous):
    assert reporter.get(f"{API}/reports/{PERIOD}").status_code == 403
    assert anonymous.get(f"{API}/reports/{PERIOD}/report.docx").status_code == 401


def test_public_summary_shows_only_locked_periods_and_no_personal_data(anonymous, admin, reviewer, leader):
    before = anonymous.get(f"{API}/public/summary")
    assert before.status_code == 200 and before.json()["period"] is None
    assert {h["number"] for h in before.json()["hotlines"]} >= {"113", "114"}

    reviewer.post(f"{API}/models", json={"unit": "UBX-001", "kind": "camera-an-ninh", "name": "Camera an ninh khu phố 3",
                                         "status": "active"})
    reviewer.post(f"{API}/models", json={"unit": "UBX-002", "kind": "camera-an-ninh", "name": "Camera tổ 5",
                                         "status": "building"})
    person = reviewer.post(f"{API}/exemplars", json={"unit": "CAX-001", "recipient": "individual", "year": 2026,
                                                     "name": "Thượng úy Trần Văn B", "achievement": "Cứu người",
                                                     "published": True})
    assert person.status_code == 422
    reviewer.post(f"{API}/exemplars", json={"unit": "CAX-001", "recipient": "individual", "year": 2026,
                                            "name": "Thượng úy Trần Văn B", "achievement": "Cứu người"})
    reviewer.post(f"{API}/exemplars", json={"unit": "CAX-001", "recipient": "collective", "year": 2026,
                                            "name": "Công an phường Phố Hiến", "achievement": "Dân vận khéo",
                                            "published": True})
    assert admin.post(f"{API}/periods/{PERIOD}/lock").status_code == 200

    body = anonymous.get(f"{API}/public/summary").json()
    status = leader.get(f"{API}/periods/{PERIOD}/reporting-status").json()
    summary = status["groups"] if isinstance(status, dict) and "groups" in status else status
    assert body["period"] == PERIOD
    assert body["expected"] == sum(row["expected"] for row in summary)
    assert body["received"] == sum(row["on_time"] + row["late"] for row in summary)
    assert Decimal(body["reporting_rate"]) == round(Decimal(body["received"]) / Decimal(body["expected"]), 4)
    assert {m["kind"]: m["active"] for m in body["models"]}["camera-an-ninh"] == 1
    assert [e["name"] for e in body["exemplars"]] == ["Công an phường Phố Hiến"]
    assert "Trần Văn B" not in str(body)
