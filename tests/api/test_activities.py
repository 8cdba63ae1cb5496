"""Dated activities over the API and by import: recorded in the report, scored window by window."""

import io
from datetime import date, timedelta

from api_support import API, PERIOD, REPORTER_UNIT, assert_problem

from api.db.plan_models import Activity

URL = f"{API}/submissions/{PERIOD}/{REPORTER_UNIT}"


def editable(reviewer, reporter):
    current = reporter.get(URL).json()
    if current["status"] == "submitted":
        reviewer.post(f"{URL}/return", json={"reason": "Bổ sung hoạt động"})
    elif current["status"] == "approved":
        reviewer.post(f"{URL}/reopen", json={"reason": "Bổ sung hoạt động"})


def gd03(reviewer):
    explained = reviewer.get(f"{API}/scores/{PERIOD}/{REPORTER_UNIT}").json()["explanation"]
    return next(i for i in explained["indicators"] if i["code"] == "GD-03")


def test_activities_in_one_week_fail_the_weekly_rule_and_name_the_missed_weeks(reviewer, reporter):
    editable(reviewer, reporter)
    for day in range(3):
        created = reporter.post(f"{URL}/activities", json={
            "indicator": "GD-03", "date": f"2026-03-0{day + 2}", "description": "Tiếp xúc cử tri tổ dân phố",
            "channel": "Trực tiếp"})
        assert created.status_code == 201, created.text
        assert created.json()["channel"] == "in_person" and created.json()["channel_label"] == "Trực tiếp"
    result = gd03(reviewer)
    assert result["basis"] == "activities"
    assert (result["windows_total"], result["windows_met"]) == (25, 1)
    assert result["attainment"] == "1/25" and not result["met"]
    assert "Tuần 1 (01/01–07/01/2026)" in result["windows_missed"]
    listed = reporter.get(f"{URL}/activities", params={"indicator": "GD-03"}).json()
    assert [a["date"] for a in listed] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    assert reporter.delete(f"{URL}/activities/{listed[0]['id']}").status_code == 204
    assert len(reporter.get(f"{URL}/activities").json()) == 2


def test_bad_activities_name_the_field_and_change_nothing(reviewer, reporter, count_rows):
    editable(reviewer, reporter)
    before = count_rows(Activity)
    assert_problem(reporter.post(f"{URL}/activities", json={
        "indicator": "GD-03", "date": "2026-08-01", "description": "", "channel": "bồ câu"}),
        422, "date", "description", "channel")
    assert_problem(reporter.post(f"{URL}/activities", json={
        "indicator": "GD-02", "date": "2026-03-01", "description": "x"}), 422, "indicator")
    assert count_rows(Activity) == before


def test_other_units_activities_are_not_found(reporter):
    assert_problem(reporter.get(f"{API}/submissions/{PERIOD}/CAX-002/activities"), 404)
    assert_problem(reporter.post(f"{API}/submissions/{PERIOD}/CAX-002/activities", json={
        "indicator": "GD-03", "date": "2026-03-02", "description": "x"}), 404)


def test_import_of_weekly_contacts_passes_and_reimport_adds_nothing(reviewer, reporter):
    editable(reviewer, reporter)
    lines = ["Mã đơn vị,Kỳ báo cáo,Mã chỉ tiêu,Ngày,Nội dung,Hình thức"]
    for week in range(25):
        day = date(2026, 1, 2) + timedelta(days=7 * week)
        lines.append(f"{REPORTER_UNIT},{PERIOD},GD-03,{day:%d/%m/%Y},Tiếp xúc Nhân dân tuần {week + 1},Trực tiếp")
    body = ("\n".join(lines) + "\n").encode()
    first = reporter.post(f"{API}/imports/activities", files={"file": ("hoat-dong.csv", io.BytesIO(body), "text/csv")})
    assert first.status_code == 200, first.text
    assert first.json()["created"] == 25
    result = gd03(reviewer)
    assert result["met"] and result["windows_missed"] == [] and result["attainment"] == "1"
    again = reporter.post(f"{API}/imports/activities", files={"file": ("hoat-dong.csv", io.BytesIO(body), "text/csv")})
    assert again.json()["unchanged"] == 25 and again.json()["created"] == 0


def test_import_names_the_bad_cell(reviewer, reporter):
    editable(reviewer, reporter)
    body = f"Mã đơn vị,Kỳ báo cáo,Mã chỉ tiêu,Ngày,Nội dung\n{REPORTER_UNIT},{PERIOD},GD-08,31/07/2026,Thăm hộ nghèo\n"
    answer = reporter.post(f"{API}/imports/activities", files={"file": ("a.csv", io.BytesIO(body.encode()), "text/csv")})
    problem = assert_problem(answer, 422)
    assert problem["errors"][0]["loc"][1] == 2 and "nằm ngoài kỳ báo cáo" in problem["errors"][0]["message"]


def test_counts_by_subject_and_channel_for_the_standing_body(reviewer, reporter):
    def gd08() -> int:  # the demo province records some already (api/services/seed.py, DEMO_ACTIVITIES)
        counts = reviewer.get(f"{API}/periods/{PERIOD}/activities").json()
        return next(row["count"] for row in counts if row["indicator"] == "GD-08" and row["subject"] is None
                    and row["channel"] is None)

    editable(reviewer, reporter)
    before = gd08()
    reporter.post(f"{URL}/activities", json={"indicator": "GD-08", "date": "2026-02-10",
                                             "description": "Tặng quà gia đình chính sách"})
    assert gd08() == before + 1
    assert_problem(reporter.get(f"{API}/periods/{PERIOD}/activities"), 403)


def test_the_demo_province_has_reports_that_pass_by_total_but_fail_by_window(reviewer):
    """api/services/seed.py, DEMO_ACTIVITIES: the explanation lists the windows missed."""
    def explained(unit: str) -> dict:
        body = reviewer.get(f"{API}/scores/{PERIOD}/{unit}").json()["explanation"]
        return {i["code"]: i for i in body["indicators"]}

    crowded, front, late_charity, charity = (explained(u) for u in ("CAX-011", "CAX-012", "CAX-018", "PCA-05"))
    weekly = crowded["GD-03"]
    assert (weekly["basis"], weekly["windows_met"], weekly["windows_total"], weekly["met"]) == ("activities", 1, 25, False)
    assert weekly["attainment"] == "1/25" and len(weekly["windows_missed"]) == 24
    assert weekly["windows_missed"][0].startswith("Tuần 1 (01/01")
    assert (front["GD-03"]["windows_met"], front["GD-03"]["attainment"]) == (13, "13/25")
    assert late_charity["GD-03"]["met"] and late_charity["GD-08"]["windows_missed"] == ["Quý I/2026"]
    for quarterly in (crowded["GD-08"], charity["GD-08"]):
        assert (quarterly["attainment"], quarterly["windows_missed"]) == ("1/2", ["Quý II/2026"])


def test_the_form_says_which_indicators_take_activities_and_which_fields_they_need(reviewer):
    def fields(period: str, unit: str) -> dict:
        body = reviewer.get(f"{API}/submissions/{period}/{unit}").json()
        return {i["code"]: i["activity_fields"] for i in body["indicators"]}

    police_2026, commune_2027 = fields(PERIOD, REPORTER_UNIT), fields("2027-H1", "UBX-001")
    assert police_2026["GD-03"] == [] and police_2026["KL-01"] is None and "TT-10" not in police_2026
    assert commune_2027["SN-06"] == ["channel", "subject"]  # catalog 2027.1: the plan names both (II.3)
    assert fields("2027-H1", REPORTER_UNIT)["TT-10"] == []
