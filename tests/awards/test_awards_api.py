"""Award eligibility, proposals and their workflow, base salary, and the budget estimate over HTTP."""

from fractions import Fraction
from io import BytesIO

import pytest
from awards_support import API
from openpyxl import load_workbook
from sqlalchemy import select

from api.db.models import EmulationGroup, Period, Score, Unit
from api.domain.awards import award_money

YEAR = "2026-Y"
FIRST, SECOND, VETOED = "CAX-010", "CAX-011", "CAX-012"


@pytest.fixture
def annual_ranking(db):
    """Arrange the stored, locked 2026 annual ranking: two excellent units ranked 1 and 2, one with a veto."""
    period = db.scalar(select(Period).where(Period.code == YEAR))
    for code, rank, tier, veto in ((FIRST, 1, "XUAT_SAC", []), (SECOND, 2, "XUAT_SAC", []),
                                   (VETOED, 3, "HOAN_THANH", ["TT-05"])):
        unit_id = db.scalar(select(Unit.id).where(Unit.code == code))
        score = db.scalar(select(Score).where(Score.period_id == period.id, Score.unit_id == unit_id))
        score.rank, score.tier, score.final_tier, score.rank_status = rank, tier, tier, "ranked"
        score.veto_failed, score.explanation = veto, {**score.explanation, "veto_failed": veto}
    period.status = "locked"
    db.commit()
    return db.scalar(select(EmulationGroup.name).where(EmulationGroup.code == "CAX"))


def verdicts(client, unit, period=YEAR):
    response = client.get(f"{API}/award-eligibility/{period}/{unit}")
    assert response.status_code == 200, response.text
    return {(v["form"], v["recipient"]): v for v in response.json()}


def test_eligibility_follows_rank_tier_and_veto(reviewer, annual_ranking):
    first, second, vetoed = verdicts(reviewer, FIRST), verdicts(reviewer, SECOND), verdicts(reviewer, VETOED)
    assert first[("CO-TD-UBND", "collective")]["eligible"]
    assert not second[("CO-TD-UBND", "collective")]["eligible"]
    assert "xếp thứ 2" in second[("CO-TD-UBND", "collective")]["reason"]
    assert annual_ranking in second[("CO-TD-UBND", "collective")]["reason"]
    assert second[("BK-CT-UBND", "collective")]["eligible"] and second[("BK-CT-UBND", "individual")]["eligible"]
    assert not any(v["eligible"] for v in vetoed.values())
    assert all("TT-05" in v["reason"] for v in vetoed.values() if "không xét tặng" not in v["reason"])
    half_year = verdicts(reviewer, FIRST, "2026-H1")
    assert not any(v["eligible"] for v in half_year.values())


def test_an_open_period_offers_nothing_to_propose(reviewer, db):
    """2026-Y with nobody reported: no unit is first, nothing is eligible, nothing can be proposed."""
    first = verdicts(reviewer, FIRST)
    assert not any(v["eligible"] for v in first.values())
    assert all(v["provisional"] for v in first.values())
    assert any("chưa nộp" in v["reason"] for v in first.values())
    refused = reviewer.post(f"{API}/award-proposals", json={"period": YEAR, "unit": FIRST, "recipient": "collective",
                                                             "form": "CO-TD-UBND"})
    assert refused.status_code == 409 and "chưa nộp" in refused.json()["detail"]


def test_proposal_money_and_full_workflow(reviewer, noivu, leader, annual_ranking):
    base = reviewer.get(f"{API}/award-settings").json()["base_salary"]
    flag = reviewer.post(f"{API}/award-proposals", json={"period": YEAR, "unit": FIRST, "recipient": "collective",
                                                          "form": "CO-TD-UBND"})
    assert flag.status_code == 201, flag.text
    body = flag.json()
    assert body["amount"] == award_money(Fraction(8), base) == 8 * base  # 18,720,000 with 2,340,000
    assert body["status"] == "proposed" and "xếp thứ 1" in body["eligibility_reason"]
    proposal = body["id"]

    refused = reviewer.post(f"{API}/award-proposals", json={"period": YEAR, "unit": SECOND,
                                                             "recipient": "collective", "form": "CO-TD-UBND"})
    assert refused.status_code == 409 and "xếp thứ 2" in refused.json()["detail"]

    assert reviewer.post(f"{API}/award-proposals/{proposal}/forward").status_code == 403
    assert noivu.post(f"{API}/award-proposals/{proposal}/return", json={"reason": ""}).status_code == 422
    returned = noivu.post(f"{API}/award-proposals/{proposal}/return", json={"reason": "Thiếu biên bản họp xét"})
    assert returned.json()["status"] == "returned" and returned.json()["return_reason"] == "Thiếu biên bản họp xét"
    early = noivu.post(f"{API}/award-proposals/{proposal}/decision",
                       json={"number": "1/QĐ-UBND", "date": "2026-12-20", "approved": True})
    assert early.status_code == 409
    assert reviewer.post(f"{API}/award-proposals/{proposal}/resubmit").json()["status"] == "proposed"
    assert noivu.post(f"{API}/award-proposals/{proposal}/forward").json()["status"] == "forwarded"
    decided = noivu.post(f"{API}/award-proposals/{proposal}/decision",
                         json={"number": "2150/QĐ-UBND", "date": "2026-12-20", "approved": True})
    assert decided.json()["status"] == "approved"
    assert (decided.json()["decision_number"], decided.json()["decision_date"]) == ("2150/QĐ-UBND", "2026-12-20")
    assert leader.get(f"{API}/award-proposals", params={"status": "approved"}).json()["total_amount"] == 8 * base


def test_base_salary_change_applies_to_new_proposals_only(reviewer, annual_ranking):
    old = reviewer.post(f"{API}/award-proposals", json={"period": YEAR, "unit": SECOND, "recipient": "individual",
                                                         "form": "BK-CT-UBND", "person_name": "Nguyễn Văn An",
                                                         "person_title": "Đại úy"}).json()
    assert reviewer.put(f"{API}/award-settings", json={"base_salary": 2_530_001}).status_code == 200
    new = reviewer.post(f"{API}/award-proposals", json={"period": YEAR, "unit": SECOND, "recipient": "collective",
                                                         "form": "BK-CT-UBND"}).json()
    assert old["amount"] == award_money(Fraction(1), old["base_salary"])
    assert (new["base_salary"], new["amount"]) == (2_530_001, 5_070_000)  # 5,060,002 rounded up
    assert reviewer.post(f"{API}/award-proposals", json={"period": YEAR, "unit": SECOND, "recipient": "individual",
                                                          "form": "BK-CT-UBND"}).status_code == 422


def test_settings_keep_what_a_change_leaves_out(reviewer, leader):
    """The base salary comes with its legal basis; a field left out keeps its value, an invalid one is named."""
    before = leader.get(f"{API}/award-settings").json()
    assert before["legal_basis"] == "Nghị định 73/2024/NĐ-CP" and before["base_salary"] == 2_340_000
    assert reviewer.put(f"{API}/award-settings", json={"base_salary": 2_530_000}).json() == {
        **before, "base_salary": 2_530_000}
    changed = reviewer.put(f"{API}/award-settings", json={"legal_basis": "Nghị định 99/2026/NĐ-CP"}).json()
    assert (changed["base_salary"], changed["legal_basis"]) == (2_530_000, "Nghị định 99/2026/NĐ-CP")
    assert changed["hotlines"] == before["hotlines"]
    refused = reviewer.put(f"{API}/award-settings", json={"base_salary": 0, "hotlines": [{"name": "", "number": "113"}]})
    assert refused.status_code == 422
    assert {tuple(error["loc"]) for error in refused.json()["errors"]} == {("body", "base_salary"),
                                                                          ("body", "hotlines", 0, "name")}
    assert leader.put(f"{API}/award-settings", json={"base_salary": 1}).status_code == 403


def test_budget_sums_activities_and_award_money(reviewer, leader, annual_ranking):
    award = reviewer.post(f"{API}/award-proposals", json={"period": YEAR, "unit": FIRST,
                                                           "recipient": "collective", "form": "CO-TD-UBND"}).json()
    added = reviewer.post(f"{API}/budget/items", json={"year": 2026, "unit": "CAT", "amount": 45_000_000,
                                                        "description": "Hội nghị sơ kết phong trào"})
    assert added.status_code == 201
    budget = leader.get(f"{API}/budget", params={"year": 2026}).json()
    assert budget["grand_total"] == 45_000_000 + award["amount"]
    by_unit = {row["unit"]: row for row in budget["totals"]}
    assert by_unit["CAT"]["activities"] == 45_000_000 and by_unit[FIRST]["awards"] == award["amount"]

    export = leader.get(f"{API}/budget/export.xlsx", params={"year": 2026})
    assert export.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(export.content))["Dự toán"]
    last = sheet.max_row
    assert sheet.cell(last, 1).value == "Tổng cộng" and sheet.cell(last, 6).value == budget["grand_total"]
    assert reviewer.post(f"{API}/budget/items", json={"year": 2026, "unit": "CAT", "amount": 0,
                                                       "description": "x"}).status_code == 422


def test_award_forms_are_listed_with_multipliers(leader):
    body = leader.get(f"{API}/award-forms").json()
    forms = {form["code"]: form for form in body["forms"]}
    assert forms["CO-TD-UBND"]["multipliers"] == {"collective": "8"} and forms["CO-TD-UBND"]["max_rank"] == 1
    assert body["base_salary"] == 2_340_000 and "98/2023" in body["legal_basis"]
