"""The lists people work through (ranking, review queue, reporting status, accounts): search ignoring case
and diacritics ("pho hien" finds "Phố Hiến"), sort, filters and the Excel export of the same rows, on
SQLite and PostgreSQL."""

import io

import pytest
from openpyxl import load_workbook

API = "/api/v1"
PERIOD = "2026-H1"
PHO_HIEN = {"CAX-001", "UBX-001"}  # Công an phường Phố Hiến, UBND phường Phố Hiến


@pytest.fixture
def admin(target):
    with target.login("admin") as client:
        yield client


@pytest.fixture
def reviewer(target):
    with target.login("reviewer") as client:
        yield client


def sheet_rows(response) -> list[tuple]:
    """The data rows of an exported workbook (below its title, blank line and header)."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    return rows[3:]


def test_ranking_search(reviewer):
    found = reviewer.get(f"{API}/scores/{PERIOD}?q=pho hien")
    assert found.status_code == 200, found.text
    items = found.json()["items"]
    assert {item["unit"]["code"] for item in items} == PHO_HIEN
    whole = {item["unit"]["code"]: item["rank"] for item in reviewer.get(f"{API}/scores/{PERIOD}").json()["items"]}
    assert all(item["rank"] == whole[item["unit"]["code"]] for item in items)  # ranks within the whole group
    assert reviewer.get(f"{API}/scores/{PERIOD}?q=PHỐ HIẾN").json()["items"] == items
    assert {row[1] for row in sheet_rows(reviewer.get(f"{API}/exports/{PERIOD}/scores?q=pho hien"))} == PHO_HIEN


def test_review_queue_search_sort_filter_and_export(reviewer):
    listing = f"{API}/submissions?period={PERIOD}"
    every = reviewer.get(f"{listing}&page_size=500").json()
    assert every, "the demo period has reports"
    found = reviewer.get(f"{listing}&q=pho hien")
    assert found.status_code == 200, found.text
    assert {row["unit"]["code"] for row in found.json()} == PHO_HIEN & {row["unit"]["code"] for row in every} != set()

    by_code = [row["unit"]["code"] for row in reviewer.get(f"{listing}&page_size=500&sort=-code").json()]
    assert by_code == sorted(by_code, reverse=True)
    submitted = [row["submitted_at"] for row in reviewer.get(f"{listing}&page_size=500&sort=submitted_at").json()]
    dated = [moment for moment in submitted if moment is not None]
    assert dated == sorted(dated) and submitted[: len(dated)] == dated  # no date yet: last

    status = every[0]["status"]
    filtered = reviewer.get(f"{listing}&page_size=500&status={status}&group=CAX").json()
    assert filtered and all(row["status"] == status and row["group"] == "CAX" for row in filtered)

    exported = sheet_rows(reviewer.get(f"{API}/exports/{PERIOD}/submissions?status={status}&group=CAX&sort=-code"))
    assert [row[0] for row in exported] == sorted((row["unit"]["code"] for row in filtered), reverse=True)


def test_reporting_status_search_filter_and_export(reviewer):
    board = f"{API}/periods/{PERIOD}/reporting-status"
    found = reviewer.get(f"{board}?q=Pho Hien")
    assert found.status_code == 200, found.text
    assert {row["unit"] for row in found.json()["units"]} == PHO_HIEN
    assert sum(group["expected"] for group in found.json()["groups"]) == 2

    every = reviewer.get(board).json()["units"]
    state = every[0]["timeliness"]
    only = reviewer.get(f"{board}?timeliness={state}").json()["units"]
    assert only and len(only) == sum(row["timeliness"] == state for row in every)

    exported = sheet_rows(reviewer.get(f"{API}/exports/{PERIOD}/reporting-status?q=pho hien"))
    assert {row[0] for row in exported} == PHO_HIEN


def test_users_search_sort_filter_and_export(admin):
    found = admin.get(f"{API}/users?q=pho hien")
    assert found.status_code == 200, found.text
    assert found.json() and all(row["unit"]["code"] in PHO_HIEN for row in found.json())  # by the unit's name

    every = admin.get(f"{API}/users").json()
    someone = next(row for row in every if any(ord(c) > 127 for c in row["full_name"]))
    from api.domain.search import fold

    by_name = admin.get(f"{API}/users", params={"q": fold(someone["full_name"]).upper()}).json()
    assert someone["username"] in {row["username"] for row in by_name}

    reporters = admin.get(f"{API}/users?role=reporter&active=true").json()
    assert reporters and all(row["role"] == "reporter" and row["active"] for row in reporters)
    names = [fold(row["full_name"]) for row in admin.get(f"{API}/users?sort=-full_name").json()]
    assert names == sorted(names, reverse=True)

    exported = sheet_rows(admin.get(f"{API}/exports/users?role=reporter&active=true&sort=username"))
    assert [row[0] for row in exported] == sorted(row["username"] for row in reporters)
    assert exported[0][2] == "Cán bộ báo cáo"


def test_users_are_searched_in_sql_by_their_folded_names(admin):
    """The search runs in SQL against the stored folded full name: a renamed account is found by its new
    name without diacritics, by its user name, and LIKE's wildcards in a query are plain characters."""
    reporter = next(row for row in admin.get(f"{API}/users?role=reporter").json())
    renamed = admin.patch(f"{API}/users/{reporter['username']}", json={"full_name": "Nguyễn Thị Đào Hường"})
    assert renamed.status_code == 200, renamed.text
    for query in ("nguyen thi dao huong", "ĐÀO HƯỜNG", "Dao  Huong", reporter["username"].upper()):
        found = admin.get(f"{API}/users", params={"q": query}).json()
        assert reporter["username"] in {row["username"] for row in found}, query
    assert admin.get(f"{API}/users", params={"q": "%"}).json() == []
    assert admin.get(f"{API}/users", params={"q": "dao huong", "role": "admin"}).json() == []
    by_unit = [row["unit"]["name"] if row["unit"] else None for row in admin.get(f"{API}/users?sort=unit").json()]
    from api.domain.search import fold

    named = [fold(name) for name in by_unit if name is not None]
    assert named == sorted(named) and by_unit[len(named):] == [None] * (len(by_unit) - len(named))  # none last


@pytest.mark.parametrize("path", [
    "submissions?sort=name", f"exports/{PERIOD}/submissions?sort=unit_name", "users?sort=password", "units?sort=size",
    "users?role=boss", f"periods/{PERIOD}/reporting-status?timeliness=soon", "exports/users?sort=x",
    f"submissions?q={'x' * 201}", "inspections?sort=findings", "audit?sort=-when", "award-proposals?sort=form",
    "nominations?sort=name", "exports/inspections?sort=date", "exports/audit?sort=id",
    "exports/award-proposals?sort=x", "exports/nominations?sort=x", "bonuses?sort=reason", "models?sort=note",
    "exemplars?sort=achievement", f"narratives/{PERIOD}?sort=models", "exports/bonuses?sort=x", "exports/models?sort=x",
    "exports/exemplars?sort=x", f"exports/{PERIOD}/narratives?sort=x",
])  # fmt: skip
def test_a_wrong_sort_or_filter_is_a_problem_naming_it(admin, path):
    response = admin.get(f"{API}/{path}")
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    name = path.split("?")[1].split("=")[0]
    assert any(error["loc"] == ["query", name] for error in response.json()["errors"]), response.json()



def test_nominations_search_units_without_diacritics(target, reviewer):
    """Two units of phường Phố Hiến nominate: "pho hien" finds both, "cong an phuong PHO HIEN" one."""
    made = set()
    for username in ("baocao.cax", "baocao.xa"):
        with target.login(username) as reporter:
            unit = reporter.get(f"{API}/auth/me").json()["unit"]["code"]
            response = reporter.post(f"{API}/nominations", json={
                "unit": unit, "period": "2026-Y", "recipient": "collective",
                "achievements": "Giữ vững an ninh trật tự, không để xảy ra vụ việc phức tạp.",
            })  # fmt: skip
            assert response.status_code == 201, response.text
            made.add(unit)
    assert len(made) == 2 and "CAX-001" in made
    assert {row["unit"]["code"] for row in reviewer.get(f"{API}/nominations?q=pho hien").json()} == PHO_HIEN
    found = reviewer.get(f"{API}/nominations", params={"q": "cong an phuong PHO HIEN"})
    assert found.status_code == 200, found.text
    assert {row["unit"]["code"] for row in found.json()} == {"CAX-001"}
    assert reviewer.get(f"{API}/award-proposals", params={"q": "pho hien"}).json()["items"] == []


def test_units_sort_and_export(admin):
    from api.domain.search import fold

    names = [fold(unit["name"]) for unit in admin.get(f"{API}/units?kind=commune_police&sort=-name&page_size=500").json()]
    assert len(names) > 10 and names == sorted(names, reverse=True)
    exported = sheet_rows(admin.get(f"{API}/exports/units?q=pho hien&sort=code"))
    assert [row[0] for row in exported] == sorted(PHO_HIEN) and exported[0][2] == "Công an xã, phường"


def test_inspections_search_sort_and_export_of_their_findings(reviewer):
    """Inspections of both Phố Hiến units and another: "pho hien" finds the two, sorted by unit (folded
    name) both ways; the export has one row per finding, in the list's order, with the finding's status."""
    made = []
    for unit, topic, day in (("UBX-001", "Cải cách hành chính", "2026-03-02"), ("CAX-001", "Tiếp công dân", "2026-03-01"),
                             ("CAX-002", "Phòng cháy chữa cháy", "2026-03-03")):
        planned = reviewer.post(f"{API}/inspections", json={"unit": unit, "topic": topic, "planned_on": day})
        assert planned.status_code == 201, planned.text
        made.append(planned.json()["id"])
    assert reviewer.post(f"{API}/inspections/{made[1]}/done", json={"inspected_on": "2026-03-01"}).status_code == 200
    finding = reviewer.post(f"{API}/inspections/{made[1]}/findings",
                            json={"description": "Sổ tiếp dân ghi thiếu", "points": "1.5", "indicator": "GD-01"})
    assert finding.status_code == 201, finding.text

    listing = f"{API}/inspections?period={PERIOD}"
    found = reviewer.get(f"{listing}&q=pho hien&sort=-unit").json()
    ours = [row for row in found if row["id"] in made]
    assert [row["unit"]["code"] for row in ours] == ["UBX-001", "CAX-001"]  # "ubnd ..." after "cong an ..."
    assert all(row["unit"]["code"] in PHO_HIEN for row in found)
    planned_order = [row["planned_on"] for row in reviewer.get(f"{listing}&sort=planned_on").json()]
    assert planned_order == sorted(planned_order)

    exported = sheet_rows(reviewer.get(f"{API}/exports/inspections?period={PERIOD}&q=pho hien&sort=-unit"))
    assert [row[0] for row in exported] == [code for row in found for code in
                                            [row["unit"]["code"]] * max(1, len(row["findings"]))]
    row = next(row for row in exported if row[7] == "Sổ tiếp dân ghi thiếu")
    assert row[:4] == ("CAX-001", "Công an phường Phố Hiến", "Tiếp công dân", "Cơ quan Thường trực")
    assert row[6] == "GD-01" and row[8] == 1.5 and row[9] == "Đã xác nhận"


def test_audit_log_search_sort_and_export(admin):
    """The audit log found by account, record key or action in any case, sorted, and exported the same."""
    assert admin.put(f"{API}/units/CAX-001/contact", json={"email": "cax001@example.vn"}).status_code == 204
    found = admin.get(f"{API}/audit", params={"q": "UNIT.CONTACT"})
    assert found.status_code == 200, found.text
    assert found.json() and all(row["action"] == "unit.contact" for row in found.json())
    by_key = admin.get(f"{API}/audit", params={"q": "cax-001", "page_size": 200}).json()
    assert by_key and all("cax-001" in (row["entity_key"] + row["actor"] + row["action"]).lower() for row in by_key)
    actors = [row["actor"] for row in admin.get(f"{API}/audit", params={"sort": "-actor", "page_size": 200}).json()]
    assert actors == sorted(actors, reverse=True)
    exported = sheet_rows(admin.get(f"{API}/exports/audit", params={"q": "unit.contact"}))
    assert [(row[1], row[3], row[4], row[5], row[6], row[7]) for row in exported] == [
        (row["actor"], "Cập nhật thư điện tử đơn vị", row["action"], "Đơn vị", "unit", row["entity_key"])
        for row in found.json()]
    assert '"email": "cax001@example.vn"' in exported[0][10]


def test_audit_log_is_searched_and_sorted_by_the_actions_vietnamese_names(admin):
    """"cap nhat THU DIEN TU" finds what the page shows as "Cập nhật thư điện tử đơn vị" (stored as
    unit.contact); the actions sort by their folded names, and every entry carries its name."""
    from api.domain.search import fold

    assert admin.put(f"{API}/units/CAX-001/contact", json={"email": "cax001@example.vn"}).status_code == 204
    found = admin.get(f"{API}/audit", params={"q": "cap nhat THU DIEN TU"}).json()
    assert found and {(row["action"], row["action_label"]) for row in found} == {
        ("unit.contact", "Cập nhật thư điện tử đơn vị")}
    assert admin.get(f"{API}/audit", params={"q": "Cập nhật thư điện tử"}).json() == found
    names = [row["action_label"] for row in admin.get(f"{API}/audit", params={"sort": "action", "page_size": 200}).json()]
    assert len(set(names)) > 1 and [fold(name) for name in names] == sorted(fold(name) for name in names)
    exported = sheet_rows(admin.get(f"{API}/exports/audit", params={"q": "thu dien tu"}))
    assert [row[3] for row in exported] == ["Cập nhật thư điện tử đơn vị"] * len(found)


def test_audit_log_names_its_kinds_of_record(admin, reviewer):
    """A kind of record (safety_model) is named on the server: listed to filter by, on every entry, found by
    its name ("tu quan" finds a "Mô hình tự quản"), sorted by it and exported by name beside its code."""
    from api.domain.search import fold

    kinds = admin.get(f"{API}/audit/entities")
    assert kinds.status_code == 200, kinds.text
    assert {"entity": "safety_model", "label": "Mô hình tự quản"} in kinds.json()
    created = reviewer.post(f"{API}/models", json={"unit": "CAX-001", "kind": "camera-an-ninh", "name": "Camera"})
    assert created.status_code == 201, created.text
    found = admin.get(f"{API}/audit", params={"q": "TU QUAN"}).json()
    assert [(row["entity"], row["entity_label"], row["entity_key"]) for row in found] == [
        ("safety_model", "Mô hình tự quản", str(created.json()["id"]))]
    names = [row["entity_label"] for row in admin.get(f"{API}/audit", params={"sort": "-entity", "page_size": 200}).json()]
    assert len(set(names)) > 1 and [fold(name) for name in names] == sorted((fold(name) for name in names), reverse=True)
    exported = sheet_rows(admin.get(f"{API}/exports/audit", params={"q": "tự quản"}))
    assert [(row[5], row[6]) for row in exported] == [("Mô hình tự quản", "safety_model")]


def test_inspections_are_searched_and_sorted_by_topic(reviewer):
    for unit, topic in (("CAX-002", "Phòng cháy, chữa cháy"), ("CAX-003", "Tiếp công dân"),
                        ("CAX-004", "Cải cách hành chính")):
        assert reviewer.post(f"{API}/inspections", json={"unit": unit, "topic": topic, "planned_on": "2026-03-05"}
                             ).status_code == 201
    listing = f"{API}/inspections?period={PERIOD}"
    found = reviewer.get(f"{listing}&q=PHONG CHAY").json()
    assert [row["topic"] for row in found] == ["Phòng cháy, chữa cháy"]
    topics = [row["topic"] for row in reviewer.get(f"{listing}&sort=-topic").json()]
    assert topics[:3] == ["Tiếp công dân", "Phòng cháy, chữa cháy", "Cải cách hành chính"]
    exported = sheet_rows(reviewer.get(f"{API}/exports/inspections?period={PERIOD}&q=phong chay"))
    assert [row[2] for row in exported] == ["Phòng cháy, chữa cháy"]


def test_bonuses_search_sort_and_export(reviewer):
    for unit, points, reason in (("UBX-001", "2", "Sáng kiến được công nhận"),
                                 ("CAX-001", "1.5", "Sáng kiến được công nhận"),
                                 ("CAX-002", "0.75", "Bắt giữ đối tượng truy nã")):
        assert reviewer.post(f"{API}/bonuses", json={"period": PERIOD, "unit": unit, "points": points,
                                                     "reason": reason}).status_code == 201
    found = reviewer.get(f"{API}/bonuses", params={"q": "pho hien", "sort": "-unit"}).json()
    assert [row["unit"]["code"] for row in found] == ["UBX-001", "CAX-001"]
    assert [row["unit"]["code"] for row in reviewer.get(f"{API}/bonuses", params={"sort": "unit"}).json()] == [
        "CAX-001", "CAX-002", "UBX-001"]  # fmt: skip
    exported = sheet_rows(reviewer.get(f"{API}/exports/bonuses", params={"q": "pho hien", "sort": "-unit"}))
    assert [(row[0], row[1], row[3], row[4]) for row in exported] == [
        (PERIOD, "UBX-001", 2, "Sáng kiến được công nhận"), (PERIOD, "CAX-001", 1.5, "Sáng kiến được công nhận")]
    by_reason = reviewer.get(f"{API}/bonuses", params={"q": "TRUY NA"}).json()
    assert [row["unit"]["code"] for row in by_reason] == ["CAX-002"]
    # by value, not as the stored text ("3/4" > "3/2" > "2")
    points = [row["points"] for row in reviewer.get(f"{API}/bonuses", params={"sort": "-points"}).json()]
    assert points == ["2.00", "1.50", "0.75"]
    exported = sheet_rows(reviewer.get(f"{API}/exports/bonuses", params={"sort": "points"}))
    assert [row[3] for row in exported] == [0.75, 1.5, 2]


def test_models_and_exemplars_search_by_their_names_sort_and_export(reviewer):
    for unit, name, day in (("CAX-002", "Tổ liên gia Đồng Tâm", "2025-05-01"), ("CAX-003", "Camera Ánh Sáng", None),
                            ("CAX-001", "Khu dân cư Bình An", "2024-01-10")):
        response = reviewer.post(f"{API}/models", json={"unit": unit, "kind": "camera-an-ninh", "name": name,
                                                        "established_on": day})
        assert response.status_code == 201, response.text
    found = reviewer.get(f"{API}/models", params={"q": "dong tam"}).json()
    assert [row["name"] for row in found] == ["Tổ liên gia Đồng Tâm"]
    assert [row["unit"]["code"] for row in reviewer.get(f"{API}/models", params={"q": "pho hien"}).json()] == ["CAX-001"]
    by_name = [row["name"] for row in reviewer.get(f"{API}/models", params={"sort": "-name"}).json()]
    assert by_name == ["Tổ liên gia Đồng Tâm", "Khu dân cư Bình An", "Camera Ánh Sáng"]
    established = [row["established_on"] for row in reviewer.get(f"{API}/models", params={"sort": "established_on"}).json()]
    assert established == ["2024-01-10", "2025-05-01", None]  # none last
    reviewer.post(f"{API}/models", json={"unit": "CAX-004", "kind": "to-hoa-giai", "name": "Hòa giải",
                                         "status": "building"})
    kinds = [row["kind_label"] for row in reviewer.get(f"{API}/models", params={"sort": "-kind"}).json()]
    assert kinds == ["Tổ hòa giải cơ sở"] + ["Camera an ninh"] * 3
    statuses = [row["status_label"] for row in reviewer.get(f"{API}/models", params={"sort": "status"}).json()]
    assert statuses == ["Đang hoạt động"] * 3 + ["Đang xây dựng"]
    exported = sheet_rows(reviewer.get(f"{API}/exports/models", params={"sort": "-name", "kind": "camera-an-ninh"}))
    assert [(row[0], row[2], row[3], row[4]) for row in exported] == [
        (code, "Camera an ninh", name, "Đang hoạt động") for code, name in
        (("CAX-002", "Tổ liên gia Đồng Tâm"), ("CAX-001", "Khu dân cư Bình An"), ("CAX-003", "Camera Ánh Sáng"))]

    for unit, name, year in (("CAX-001", "Tập thể Công an phường Phố Hiến", 2026), ("CAX-002", "Đội Ứng cứu", 2027)):
        assert reviewer.post(f"{API}/exemplars", json={"unit": unit, "recipient": "collective", "name": name,
                                                       "achievement": "Thành tích xuất sắc", "year": year}
                             ).status_code == 201
    assert [row["name"] for row in reviewer.get(f"{API}/exemplars", params={"q": "UNG CUU"}).json()] == ["Đội Ứng cứu"]
    years = [row["year"] for row in reviewer.get(f"{API}/exemplars", params={"sort": "year"}).json()]
    assert years == [2026, 2027]
    exported = sheet_rows(reviewer.get(f"{API}/exports/exemplars", params={"sort": "-name"}))
    assert [(row[0], row[1], row[3], row[4], row[6]) for row in exported] == [
        (2026, "CAX-001", "Tập thể", "Tập thể Công an phường Phố Hiến", "Không"), (2027, "CAX-002", "Tập thể", "Đội Ứng cứu", "Không")]


def test_narratives_search_sort_and_export(target, reviewer):
    """The seeded narratives of 2026-H1 (CAX-002, UBX-002, SBN-03) and Phố Hiến's police's own."""
    with target.login("baocao.cax") as reporter:
        saved = reporter.put(f"{API}/narratives/{PERIOD}/CAX-001", json={"difficulties": "Thiếu kinh phí"})
        assert saved.status_code == 200, saved.text
        assert [row[0] for row in sheet_rows(reporter.get(f"{API}/exports/{PERIOD}/narratives"))] == ["CAX-001"]
    found = reviewer.get(f"{API}/narratives/{PERIOD}", params={"q": "pho hien"}).json()
    assert [row["unit"]["code"] for row in found] == ["CAX-001"]
    latest = reviewer.get(f"{API}/narratives/{PERIOD}", params={"sort": "-updated_at"}).json()
    assert latest[0]["unit"]["code"] == "CAX-001" and len(latest) == 4
    exported = sheet_rows(reviewer.get(f"{API}/exports/{PERIOD}/narratives", params={"sort": "-updated_at"}))
    assert [row[0] for row in exported] == [row["unit"]["code"] for row in latest]
    assert exported[0][4] == "Thiếu kinh phí" and exported[0][7] == "baocao.cax"


def _proposals(target) -> None:
    """Two proposals of the 2026 annual period, written behind the API's back (eligibility needs a locked,
    ranked period): UBND phường Phố Hiến's larger than Công an phường Phố Hiến's."""
    from datetime import UTC, datetime

    from sqlalchemy import create_engine, select

    from api.db.award_models import AwardProposal
    from api.db.models import Period, Unit

    engine = create_engine(target.url)
    now = datetime(2027, 1, 10, tzinfo=UTC)
    with engine.begin() as connection:
        period = connection.scalar(select(Period.id).where(Period.code == "2026-Y"))
        for code, amount in (("CAX-001", 1_410_000), ("UBX-001", 4_680_000)):
            unit = connection.scalar(select(Unit.id).where(Unit.code == code))
            connection.execute(AwardProposal.__table__.insert().values(
                period_id=period, timely=False, unit_id=unit, recipient="collective", form_code="BK-CT-UBND",
                status="proposed", eligibility_reason="Đủ điều kiện", multiplier="0.6", base_salary=2_340_000,
                amount=amount, proposed_by="reviewer", created_at=now, updated_at=now))
    engine.dispose()


def test_award_proposals_and_nominations_sort_and_export(target, reviewer):
    _proposals(target)
    listing = reviewer.get(f"{API}/award-proposals", params={"q": "pho hien", "sort": "-amount"}).json()["items"]
    assert [row["amount"] for row in listing] == [4_680_000, 1_410_000]
    by_unit = reviewer.get(f"{API}/award-proposals", params={"sort": "unit"}).json()["items"]
    assert [row["unit"]["code"] for row in by_unit] == ["CAX-001", "UBX-001"]
    exported = sheet_rows(reviewer.get(f"{API}/exports/award-proposals", params={"q": "pho hien", "sort": "-amount"}))
    assert [(row[1], row[6]) for row in exported] == [("UBX-001", 4_680_000), ("CAX-001", 1_410_000)]
    assert exported[0][3] == "Tập thể" and exported[0][5] == listing[0]["status_label"]

    for username in ("baocao.cax", "baocao.xa"):
        with target.login(username) as reporter:
            unit = reporter.get(f"{API}/auth/me").json()["unit"]["code"]
            assert reporter.post(f"{API}/nominations", json={
                "unit": unit, "period": "2026-Y", "recipient": "collective",
                "achievements": "Giữ vững an ninh trật tự.",
            }).status_code == 201  # fmt: skip
    nominations = reviewer.get(f"{API}/nominations", params={"q": "pho hien", "sort": "-unit"}).json()
    assert [row["unit"]["code"] for row in nominations] == ["UBX-001", "CAX-001"]
    exported = sheet_rows(reviewer.get(f"{API}/exports/nominations", params={"q": "pho hien", "sort": "-unit"}))
    assert [row[1] for row in exported] == ["UBX-001", "CAX-001"]
    assert exported[0][5] == "Giữ vững an ninh trật tự." and exported[0][6] == nominations[0]["status_label"]
    with target.login("baocao.cax") as reporter:  # a unit exports its own nominations only
        assert [row[1] for row in sheet_rows(reporter.get(f"{API}/exports/nominations"))] == ["CAX-001"]
