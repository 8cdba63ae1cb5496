"""Units, groups, the catalog and periods: reads for everyone signed in, writes for admins."""

from datetime import datetime

import pytest
from api_support import API, assert_problem

from api.db.models import Period, Unit


def test_units_are_paginated_and_filtered(leader):
    page = leader.get(f"{API}/units?kind=commune_police&page=2&page_size=10")
    assert page.headers["X-Total-Count"] == "104" and len(page.json()) == 10
    assert 'page=3>; rel="next"' in page.headers["Link"] and 'page=1>; rel="prev"' in page.headers["Link"]
    assert {u["kind"] for u in page.json()} == {"commune_police"}
    by_group = leader.get(f"{API}/units?group=pca&page_size=100")  # codes in any case
    assert by_group.headers["X-Total-Count"] == "27" and {u["parent"] for u in by_group.json()} == {"CAT"}
    children = leader.get(f"{API}/units?parent=ubnd-t&page_size=500")
    assert children.headers["X-Total-Count"] == str(1 + 17 + 104)  # Công an tỉnh, departments, communes
    assert "Link" not in children.headers
    assert leader.get(f"{API}/units?q=Phố Hiến").headers["X-Total-Count"] == "2"
    assert leader.get(f"{API}/units?kind=COMMUNE_POLICE").headers["X-Total-Count"] == "104"


@pytest.mark.parametrize("query", ["units?group=XXX", "units?parent=XXX", "scores/2026-H1?group=XXX",
                                   "submissions?group=XXX", "submissions?period=1999-H1",
                                   "exports/2026-H1/scores?group=XXX", "exports/2026-H1/explained?group=XXX",
                                   "periods/2026-H1/reporting-status?group=XXX", "inspections?unit=XXX",
                                   "bonuses?period=XXX", "award-proposals?period=XXX", "models?unit=XXX",
                                   "baselines?unit=XXX", "submissions/2026-H1/CAX-001/activities?indicator=XXX"])
def test_an_unknown_code_in_a_filter_is_404(admin, query):
    assert_problem(admin.get(f"{API}/{query}"), 404)


@pytest.mark.parametrize("query", ["units?kind=bogus", "scores/2026-H1?kind=bogus", "submissions?status=bogus",
                                   "indicators?kind=bogus"])
def test_a_value_outside_a_closed_set_is_422(leader, query):
    response = leader.get(f"{API}/{query}")
    assert_problem(response, 422)
    assert "commune_police" in response.json()["errors"][0]["message"] or "draft" in response.json()["errors"][0]["message"]


def test_unit_tree_and_one_unit(leader):
    tree = leader.get(f"{API}/units/tree").json()
    assert [root["code"] for root in tree] == ["UBND-T"]
    police = next(child for child in tree[0]["children"] if child["code"] == "CAT")
    assert len(police["children"]) == 27 + 104
    unit = leader.get(f"{API}/units/SBN-02").json()
    assert unit == {"code": "SBN-02", "name": "Sở Nội vụ", "kind": "department", "parent": "UBND-T", "group": "SBN"}
    assert_problem(leader.get(f"{API}/units/NOPE"), 404)


def test_groups_with_counts(leader):
    groups = {g["code"]: g["unit_count"] for g in leader.get(f"{API}/groups").json()}
    assert groups == {"CAX": 104, "PCA": 27, "SBN": 17, "UBX": 104}


def test_admin_creates_and_updates_units(admin, reviewer, count_rows):
    before = count_rows(Unit)
    created = admin.post(f"{API}/units", json={"code": "SBN-99", "name": "Sở Ngoại vụ", "kind": "department",
                                               "parent": "UBND-T", "group": "SBN"})
    assert created.status_code == 201 and created.json()["group"] == "SBN"
    assert admin.patch(f"{API}/units/SBN-99", json={"name": "Sở Ngoại vụ tỉnh"}).json()["name"] == "Sở Ngoại vụ tỉnh"
    assert_problem(admin.patch(f"{API}/units/UBND-T", json={"parent": "SBN-99"}), 422, "parent")
    assert_problem(reviewer.post(f"{API}/units", json={"code": "X", "name": "X", "kind": "department"}), 403)
    assert count_rows(Unit) == before + 1


def test_unit_validation_names_fields_and_changes_nothing(admin, count_rows):
    before = count_rows(Unit)
    assert_problem(admin.post(f"{API}/units", json={"code": "A B", "name": "", "kind": "village"}), 422,
                   "code", "name", "kind")
    assert_problem(admin.post(f"{API}/units", json={"code": "SBN-01", "name": "Trùng", "kind": "department"}), 422,
                   "code")
    assert_problem(admin.post(f"{API}/units", json={"code": "N1", "name": "N", "kind": "department", "group": "ZZZ"}),
                   422, "group")
    assert count_rows(Unit) == before


def test_indicators_and_active_scheme(reporter):
    all_indicators = reporter.get(f"{API}/indicators").json()
    for_departments = reporter.get(f"{API}/indicators?kind=department").json()
    assert len(for_departments) < len(all_indicators)
    assert all("department" in i["applies_to"] for i in for_departments)
    sn05 = reporter.get(f"{API}/indicators/SN-05").json()
    assert sn05["rule"]["kind"] == "above" and sn05["rule"]["threshold"] == "95"
    assert_problem(reporter.get(f"{API}/indicators/XX-01"), 404)
    scheme = reporter.get(f"{API}/schemes/active").json()
    assert scheme["version"] == "2026.1" and scheme["parameters"]["tier_thresholds"]["XUAT_SAC"] == 90


def test_indicators_and_scheme_follow_the_period_or_today(reporter, login, clock):
    """2027.1 is activated from 2027-H1: in December 2026 the rules in force are still 2026.1's."""
    clock.set_now(datetime.fromisoformat("2026-12-06T09:00:00+07:00"))
    assert reporter.get(f"{API}/schemes/active").json()["version"] == "2026.1"
    assert "GD-09" not in {i["code"] for i in reporter.get(f"{API}/indicators").json()}
    assert reporter.get(f"{API}/schemes/active?period=2027-H1").json()["version"] == "2027.1"
    assert "GD-09" in {i["code"] for i in reporter.get(f"{API}/indicators?period=2027-H1").json()}
    assert reporter.get(f"{API}/indicators/GD-09?period=2027-H1").status_code == 200
    assert_problem(reporter.get(f"{API}/indicators?period=2099-H1"), 404)
    clock.set_now(datetime.fromisoformat("2027-01-02T09:00:00+07:00"))  # a new session: the old one has expired
    assert login("baocao.cax").get(f"{API}/schemes/active").json()["version"] == "2027.1"


def test_periods_read_create_update(admin, reporter, count_rows):
    periods = reporter.get(f"{API}/periods").json()
    assert "2026-H1" in [p["code"] for p in periods]
    assert reporter.get(f"{API}/periods/2026-H1").json()["due"] == "2026-06-20"
    before = count_rows(Period)
    created = admin.post(f"{API}/periods", json={"code": "2031-H1", "name": "Sáu tháng đầu năm 2031",
                                                 "kind": "half_year", "start": "2031-01-01", "end": "2031-06-30",
                                                 "due": "2031-06-20"})
    assert created.status_code == 201 and created.json()["status"] == "open"
    assert len(admin.get(f"{API}/scores/2031-H1?group=CAX").json()["items"]) == 104
    patched = admin.patch(f"{API}/periods/2031-H1", json={"due": "2031-06-25"})
    assert patched.json()["due"] == "2031-06-25"
    assert_problem(admin.post(f"{API}/periods", json={"code": "bad", "name": "x", "kind": "half_year",
                                                      "start": "2031-06-30", "end": "2031-01-01",
                                                      "due": "2031-07-01"}), 422, "end")
    assert_problem(admin.post(f"{API}/periods", json={"code": "2032-H1", "kind": "decade", "start": "x"}), 422,
                   "name", "kind", "start")
    assert count_rows(Period) == before + 1


def test_reporter_cannot_manage_periods(reporter):
    body = {"code": "2031-H2", "name": "x", "kind": "half_year", "start": "2031-07-01", "end": "2031-12-31",
            "due": "2032-01-10"}
    assert_problem(reporter.post(f"{API}/periods", json=body), 403)
    assert_problem(reporter.post(f"{API}/periods/2026-H1/lock"), 403)
    assert_problem(reporter.patch(f"{API}/periods/2026-H1", json={"name": "x"}), 403)


def test_unknown_route_is_problem_json(leader):
    assert_problem(leader.get(f"{API}/nothing-here"), 404)


@pytest.mark.parametrize(("file_format", "starts"), [("csv", "\ufeffMã chỉ tiêu,Trụ cột"), ("xlsx", "PK"), ("json", '[{"code":')])
def test_the_indicator_dictionary_downloads(leader, file_format, starts):
    response = leader.get(f"{API}/indicators/dictionary", params={"format": file_format})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="tu-dien-chi-tieu-2026.1.{file_format}"'
    assert response.content.decode("utf-8", "replace").startswith(starts)
    if file_format == "json":
        assert {i["code"] for i in response.json()} == {i["code"] for i in leader.get(f"{API}/indicators").json()}


def test_the_indicator_dictionary_of_a_period(leader):
    """Like /indicators: a period's scheme on request (2027.1 from 2027-H1), by default the one in force."""
    response = leader.get(f"{API}/indicators/dictionary", params={"format": "json", "period": "2027-H1"})
    assert response.headers["content-disposition"] == 'attachment; filename="tu-dien-chi-tieu-2027.1.json"'
    assert "GD-09" in {i["code"] for i in response.json()}
    assert_problem(leader.get(f"{API}/indicators/dictionary", params={"period": "2099-H1"}), 404)


def test_a_period_code_has_one_spelling_so_filters_in_any_case_find_it(admin):
    body = {"code": "t31-open", "name": "Kỳ thử", "kind": "half_year", "start": "2031-01-01", "end": "2031-06-30",
            "due": "2031-06-20"}
    created = admin.post(f"{API}/periods", json=body)
    assert created.status_code == 201 and created.json()["code"] == "T31-OPEN"
    assert admin.get(f"{API}/submissions", params={"period": "t31-open"}).status_code == 200
    assert admin.post(f"{API}/periods", json={**body, "code": "T31-open"}).status_code in (409, 422)  # exists
