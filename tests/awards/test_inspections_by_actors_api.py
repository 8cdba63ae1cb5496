"""Inspections by Sở Nội vụ and a commune's People's Committee over HTTP, on SQLite and PostgreSQL: each
within its reach, its findings proposed until the standing body confirms (the score drops) or rejects them."""

from fractions import Fraction

import pytest
from awards_support import API
from fastapi.testclient import TestClient

from tests.conftest import DEMO_PASSWORD

OWN_POLICE, OTHER_POLICE = "CAX-001", "CAX-002"  # kiemtra.xa belongs to UBX-001, which oversees CAX-001
PERIOD = "2026-H1"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine_app(request, tmp_path):
    if request.param == "sqlite":
        yield request.getfixturevalue("app")
        return
    from api.main import create_app
    from api.settings import Settings

    url = request.getfixturevalue("postgres_database")
    application = create_app(Settings(database_url=url, evidence_dir=tmp_path / "evidence",
                                      frontend_dist=tmp_path / "no-spa"))
    yield application
    application.state.engine.dispose()


@pytest.fixture
def as_user(engine_app):
    made: dict[str, TestClient] = {}

    def sign_in(username: str) -> TestClient:
        if username not in made:
            client = TestClient(engine_app)
            response = client.post(f"{API}/auth/login", json={"username": username, "password": DEMO_PASSWORD})
            assert response.status_code == 200, response.text
            client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
            made[username] = client
        return made[username]

    yield sign_in
    for client in made.values():
        client.close()


def total(client, unit: str = OWN_POLICE) -> Fraction:
    response = client.get(f"{API}/scores/{PERIOD}/{unit}")
    assert response.status_code == 200, response.text
    return Fraction(response.json()["total_exact"])


def inspected(client, unit: str, on: str = "2026-05-12") -> dict:
    planned = client.post(f"{API}/inspections", json={"unit": unit, "topic": "Kiểm tra kỷ luật công vụ",
                                                      "planned_on": "2026-05-10"})
    assert planned.status_code == 201, planned.text
    done = client.post(f"{API}/inspections/{planned.json()['id']}/done", json={"inspected_on": on})
    assert done.status_code == 200, done.text
    return done.json()


def proposed_finding(client, inspection: dict, points: str = "2") -> dict:
    added = client.post(f"{API}/inspections/{inspection['id']}/findings",
                        json={"description": "Cán bộ tiếp dân chưa đúng mực", "points": points, "indicator": "KL-04"})
    assert added.status_code == 201, added.text
    return added.json()


def audit_actions(client, entity_key: str) -> list[str]:
    page = client.get(f"{API}/audit", params={"entity": "inspection_finding", "entity_key": entity_key})
    return [entry["action"] for entry in page.json()]


def test_a_committee_finding_deducts_only_once_the_standing_body_confirms_it(as_user):
    committee, reviewer, admin = as_user("kiemtra.xa"), as_user("reviewer"), as_user("admin")
    before = total(reviewer)
    inspection = inspected(committee, OWN_POLICE)
    assert inspection["inspector"] == {"code": "UBX-001", "name": "UBND phường Phố Hiến"}

    found = proposed_finding(committee, inspection)
    finding = found["findings"][0]
    assert (finding["status"], finding["recorded_by"], found["deduction_points"], found["pending_findings"]) == (
        "proposed", "kiemtra.xa", "0.00", 1)
    assert total(reviewer) == before, "a proposed finding deducts nothing"
    pending = reviewer.get(f"{API}/inspections", params={"pending": "true"}).json()
    assert [item["id"] for item in pending] == [inspection["id"]]
    assert committee.post(f"{API}/inspection-findings/{finding['id']}/decision",
                          json={"decision": "confirm"}).status_code == 403

    confirmed = reviewer.post(f"{API}/inspection-findings/{finding['id']}/decision", json={"decision": "confirm"})
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["findings"][0] | {"decided_at": None} == finding | {
        "status": "confirmed", "decided_by": "reviewer", "decided_at": None}
    assert total(reviewer) == max(Fraction(0), before - 2)
    reasons = [e["reason"] for e in reviewer.get(f"{API}/scores/{PERIOD}/{OWN_POLICE}").json()["explanation"]["deductions"]]
    assert any("12/05/2026" in reason and "tiếp dân" in reason for reason in reasons)
    assert reviewer.get(f"{API}/inspections", params={"pending": "true"}).json() == []
    again = reviewer.post(f"{API}/inspection-findings/{finding['id']}/decision", json={"decision": "reject", "reason": "x"})
    assert again.status_code == 409 and "không chờ xác nhận" in again.json()["detail"]
    assert audit_actions(admin, str(finding["id"])) == ["inspection.finding.confirm", "inspection.finding"]

    # The commune police sees the inspection of its unit; the committee sees what it conducted.
    assert [i["id"] for i in as_user("baocao.cax").get(f"{API}/inspections").json()] == [inspection["id"]]
    assert [i["id"] for i in committee.get(f"{API}/inspections").json()] == [inspection["id"]]


def test_a_rejected_finding_needs_a_reason_and_deducts_nothing(as_user):
    committee, reviewer = as_user("kiemtra.xa"), as_user("reviewer")
    before = total(reviewer)
    finding = proposed_finding(committee, inspected(committee, OWN_POLICE))["findings"][0]
    url = f"{API}/inspection-findings/{finding['id']}/decision"

    no_reason = reviewer.post(url, json={"decision": "reject", "reason": "  "})
    assert no_reason.status_code == 422
    assert no_reason.headers["content-type"].startswith("application/problem+json")
    assert [error["loc"] for error in no_reason.json()["errors"]] == [["body", "reason"]]
    assert "lý do" in no_reason.json()["detail"]

    rejected = reviewer.post(url, json={"decision": "reject", "reason": "Không đủ căn cứ"}).json()["findings"][0]
    assert (rejected["status"], rejected["decision_reason"]) == ("rejected", "Không đủ căn cứ")
    assert total(reviewer) == before


def test_each_actor_inspects_only_within_its_reach(as_user):
    committee, noivu, reviewer = as_user("kiemtra.xa"), as_user("noivu"), as_user("reviewer")
    body = {"topic": "Kiểm tra", "planned_on": "2026-05-10"}

    assert committee.get(f"{API}/inspections/reach").json() == {
        "every_unit": False, "units": [{"code": OWN_POLICE, "name": "Công an phường Phố Hiến"}]}
    noivu_reach = [unit["code"] for unit in noivu.get(f"{API}/inspections/reach").json()["units"]]
    assert len(noivu_reach) == 17 + 104 and {"SBN-05", "UBX-002"} <= set(noivu_reach) and OWN_POLICE not in noivu_reach
    assert reviewer.get(f"{API}/inspections/reach").json() == {"every_unit": True, "units": []}
    assert as_user("leader").get(f"{API}/inspections/reach").status_code == 403

    # A commune's committee: its own commune police only; other units are not even acknowledged.
    for unit in (OTHER_POLICE, "UBX-002", "SBN-05"):
        refused = committee.post(f"{API}/inspections", json=body | {"unit": unit})
        assert refused.status_code == 404, (unit, refused.text)
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["detail"] == "Không tìm thấy đơn vị."
        assert refused.json()["errors"] == [{"loc": ["body", "unit"], "message": "Không tìm thấy đơn vị."}]
    assert committee.get(f"{API}/inspections", params={"unit": OTHER_POLICE}).status_code == 403

    # Sở Nội vụ: departments and communes' committees, not the police.
    police = noivu.post(f"{API}/inspections", json=body | {"unit": OWN_POLICE})
    assert police.status_code == 403 and police.json()["detail"] == f"Đơn vị {OWN_POLICE} ngoài phạm vi kiểm tra của tài khoản."
    department = inspected(noivu, "SBN-05")
    assert department["inspector"]["code"] == "SBN-02"
    assert proposed_finding(noivu, department)["findings"][0]["status"] == "proposed"
    assert inspected(noivu, "UBX-002")["unit"]["code"] == "UBX-002"

    # An inspection conducted by another body is not the actor's to record.
    standing = inspected(reviewer, OWN_POLICE)
    assert standing["inspector"] is None
    foreign = committee.post(f"{API}/inspections/{standing['id']}/findings", json={"description": "x", "points": "1"})
    assert foreign.status_code == 404
    assert noivu.post(f"{API}/inspections/{standing['id']}/findings",
                      json={"description": "x", "points": "1"}).status_code == 403
    # The standing body's own findings deduct at once; reporters and leaders inspect nothing.
    direct = reviewer.post(f"{API}/inspections/{standing['id']}/findings", json={"description": "x", "points": "1"})
    assert direct.json()["findings"][0]["status"] == "confirmed"
    for username in ("baocao.cax", "leader"):
        assert as_user(username).post(f"{API}/inspections", json=body | {"unit": OWN_POLICE}).status_code == 403


def test_a_department_inspects_the_units_an_administrator_puts_in_its_field(as_user):
    """The inspector of a department (SBN-09, Sở Giáo dục và Đào tạo) inspects nothing until a unit is put in
    its field; unknown or self overseers are refused naming the field."""
    admin = as_user("admin")
    created = admin.post(f"{API}/users", json={"username": "kiemtra.so", "full_name": "Cán bộ kiểm tra Sở GD&ĐT",
                                               "password": "MatKhau@2026", "role": "inspector", "unit": "SBN-09"})
    assert created.status_code == 201, created.text
    department = TestClient(admin.app)
    signed = department.post(f"{API}/auth/login", json={"username": "kiemtra.so", "password": "MatKhau@2026"})
    assert signed.status_code == 200, signed.text
    department.headers["X-CSRF-Token"] = department.cookies["banhat_csrf"]
    body = {"unit": "UBX-003", "topic": "Kiểm tra công tác giáo dục", "planned_on": "2026-05-10"}
    assert department.get(f"{API}/inspections/reach").json()["units"] == []
    assert department.post(f"{API}/inspections", json=body).status_code == 404

    put = admin.put(f"{API}/units/UBX-003/overseer", json={"overseer": "sbn-09"})
    assert put.status_code == 200, put.text
    assert put.json()["overseer"]["code"] == "SBN-09"
    assert [u["code"] for u in department.get(f"{API}/inspections/reach").json()["units"]] == ["UBX-003"]
    assert department.post(f"{API}/inspections", json=body).status_code == 201
    for wrong in ("XX-1", "UBX-003"):
        refused = admin.put(f"{API}/units/UBX-003/overseer", json={"overseer": wrong})
        assert refused.status_code == 422 and refused.json()["errors"][0]["loc"] == ["body", "overseer"]
    assert admin.put(f"{API}/units/UBX-003/overseer", json={"overseer": None}).json()["overseer"] is None
    assert as_user("reviewer").put(f"{API}/units/UBX-003/overseer", json={"overseer": "SBN-09"}).status_code == 403
    department.close()
