"""The scheme editor: a draft raising GD-02 to 98%, previewed on real data, activated from 2027-H1."""

from fractions import Fraction

from api_support import API, PERIOD, REPORTER_UNIT, assert_problem
from test_activities import URL, editable

from api.domain import Measure, RuleKind, UnitKind, default_catalog_path, display, load_catalog


def values_at_the_edge() -> list[dict]:
    """Commune police values meeting everything but KL-04 and KL-07 (4 cases each), GD-02 at 96%:
    92.59 under the active scheme ("xuất sắc"), 88.43 once GD-02 needs 98% ("tốt")."""
    values = []
    for indicator in load_catalog(default_catalog_path()).for_kind(UnitKind.COMMUNE_POLICE):
        code, rule = indicator.code, indicator.rule
        if code == "GD-02":
            values.append({"indicator": code, "numerator": 96, "denominator": 100})
        elif indicator.measure is Measure.RATIO:
            values.append({"indicator": code, "numerator": 0 if rule.kind is RuleKind.ZERO_OR_LOWER else 40,
                           "denominator": 40})
        elif rule.kind is RuleKind.ZERO:
            values.append({"indicator": code, "count": 4 if code in ("KL-04", "KL-07") else 0})
        elif rule.kind is RuleKind.FREQUENCY:
            values.append({"indicator": code, "count": 30})
        else:
            values.append({"indicator": code, "flag": True})
    return values


def test_a_draft_is_previewed_then_activated_from_2027_and_locked_scores_stay(admin, reviewer, reporter):
    editable(reviewer, reporter)
    saved = reporter.put(f"{URL}/values", json={"values": values_at_the_edge()},
                         headers={"If-Match": reporter.get(URL).headers["ETag"]})
    assert saved.status_code == 200, saved.text
    assert admin.post(f"{API}/periods/{PERIOD}/lock").status_code == 200
    locked_score = reviewer.get(f"{API}/scores/{PERIOD}/{REPORTER_UNIT}").json()
    locked_ranking = reviewer.get(f"{API}/scores/{PERIOD}").json()
    assert locked_score["tier"] == "XUAT_SAC" and locked_score["scheme_version"] == "2026.1"

    # Based on 2026.1 (the active scheme is 2027.1, from 2027-H1): the preview shows GD-02's change alone.
    draft = reviewer.post(f"{API}/schemes/drafts", json={"code": "2027.9", "based_on": "2026.1"})
    assert draft.status_code == 201, draft.text
    indicators = draft.json()["document"]["indicators"]
    next(i for i in indicators if i["code"] == "GD-02")["rule"]["threshold"] = "98"
    edited = reviewer.patch(f"{API}/schemes/drafts/{draft.json()['id']}", json={"indicators": indicators})
    assert edited.status_code == 200, edited.text

    preview = reviewer.get(f"{API}/schemes/drafts/{draft.json()['id']}/preview", params={"period": PERIOD})
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["current_scheme"] == "2026.1" and body["units"] == len(body["items"]) > 200
    changed = {item["unit"]["code"]: item for item in body["tier_changes"]}
    assert REPORTER_UNIT in changed
    mine = changed[REPORTER_UNIT]
    assert (mine["current"]["tier"], mine["draft"]["tier"]) == ("XUAT_SAC", "TOT")
    assert (mine["current"]["total"], mine["draft"]["total"]) == ("92.59", "88.43")
    assert all(item["current"]["tier"] != item["draft"]["tier"] for item in body["tier_changes"])
    assert all(item["current"]["tier"] == item["draft"]["tier"] for item in body["items"] if not item["tier_changed"])

    activated = reviewer.post(f"{API}/schemes/drafts/{draft.json()['id']}/activate", json={"from_period": "2027-H1"})
    assert activated.status_code == 200, activated.text
    assert "2027-H1" in activated.json()["periods"] and PERIOD not in activated.json()["periods"]
    assert "2026-Y" not in activated.json()["periods"]

    assert reviewer.get(f"{API}/scores/{PERIOD}/{REPORTER_UNIT}").json() == locked_score
    assert reviewer.get(f"{API}/scores/{PERIOD}").json() == locked_ranking
    assert reviewer.get(f"{API}/scores/2027-H1").json()["scheme_version"] == "2027.9"
    assert reviewer.get(f"{API}/scores/2026-Y").json()["scheme_version"] == "2026.1"
    versions = {v["code"]: v for v in reviewer.get(f"{API}/schemes").json()}
    assert versions["2027.9"]["active"] and not versions["2026.1"]["active"] and not versions["2027.1"]["active"]
    assert PERIOD in versions["2026.1"]["periods"] and "2027-H1" in versions["2027.9"]["periods"]
    assert_problem(reviewer.patch(f"{API}/schemes/drafts/{draft.json()['id']}", json={"title": "Sửa lại"}), 409)


def test_an_invalid_draft_names_the_place_and_only_the_standing_body_edits(reviewer, reporter, admin):
    draft = reviewer.post(f"{API}/schemes/drafts", json={"code": "2027.8"}).json()
    indicators = draft["document"]["indicators"]
    indicators[0]["rule"]["threshold"] = "120"
    problem = assert_problem(reviewer.patch(f"{API}/schemes/drafts/{draft['id']}", json={"indicators": indicators}),
                             422)
    assert "indicators[0].rule.threshold" in problem["errors"][0]["message"]
    assert_problem(reviewer.post(f"{API}/schemes/drafts", json={"code": "2026.1"}), 422, "code")
    assert_problem(reporter.post(f"{API}/schemes/drafts", json={"code": "2027.7"}), 403)
    assert_problem(admin.get(f"{API}/schemes/drafts/{draft['id']}"), 403)
    assert_problem(reviewer.get(f"{API}/schemes/drafts/{draft['id']}/preview", params={"period": "2028-S"}), 422,
                   "period")


def test_the_demo_province_shows_both_catalog_versions(reviewer):
    versions = {v["code"]: v for v in reviewer.get(f"{API}/schemes").json()}
    assert versions["2026.1"]["periods"] == ["2026-H1", "2026-Y", "2028-S", "2030-T"]
    assert versions["2027.1"]["active"] and versions["2027.1"]["periods"][0] == "2027-H1"
    assert versions["2027.1"]["catalog_version"] == "ba-nhat-2026@2027.1"
    assert reviewer.get(f"{API}/scores/{PERIOD}").json()["scheme_version"] == "2026.1"
    assert reviewer.get(f"{API}/scores/2027-H1").json()["scheme_version"] == "2027.1"


def _total(pillars: list[Fraction]) -> str:
    """A total as the API shows it (half up, 2 decimals), from exact pillar scores of equal weight."""
    return str(display(sum(pillars, Fraction(0)) / len(pillars)))


def test_a_draft_retires_and_adds_indicators_and_changes_deductions_then_preview_shows_it(admin, reviewer, reporter):
    editable(reviewer, reporter)
    saved = reporter.put(f"{URL}/values", json={"values": values_at_the_edge()},
                         headers={"If-Match": reporter.get(URL).headers["ETag"]})
    assert saved.status_code == 200, saved.text
    draft = reviewer.post(f"{API}/schemes/drafts", json={"code": "2027.6", "based_on": "2026.1"}).json()
    document, url = draft["document"], f"{API}/schemes/drafts/{draft['id']}"

    def preview_of_mine() -> dict:
        body = reviewer.get(f"{url}/preview", params={"period": PERIOD}).json()
        return next(item for item in body["items"] if item["unit"]["code"] == REPORTER_UNIT)

    # 92.59 under 2026.1: KL 7 of 9 (KL-04 and KL-07 with 4 cases each), TT and GD 100.
    assert preview_of_mine()["current"]["total"] == _total([Fraction(700, 9), Fraction(100), Fraction(100)])

    # Retired: KL-04 leaves the document; its weight must leave the scheme too, or the draft is refused.
    kept = [i for i in document["indicators"] if i["code"] != "KL-04"]
    weighted = {**document["scheme"], "indicator_weights": {"KL-04": 2}}
    problem = assert_problem(reviewer.patch(url, json={"indicators": kept, "scheme": weighted}), 422)
    assert "scheme.indicator_weights" in problem["errors"][0]["message"]
    assert "KL-04" in problem["errors"][0]["message"] and "không có trong danh mục" in problem["errors"][0]["message"]
    assert reviewer.patch(url, json={"indicators": kept}).status_code == 200
    mine = preview_of_mine()
    assert mine["draft"]["total"] == _total([Fraction(700, 8), Fraction(100), Fraction(100)])

    # Added: GD-10, a new Gần dân count for commune police; nobody has a value yet, so it counts as not met.
    new = {"code": "GD-10", "pillar": "GD", "applies_to": ["commune_police"], "name": "Phản hồi kiến nghị của Nhân dân",
           "plan_text": "Không để kiến nghị của Nhân dân quá hạn giải quyết.", "measure": "count",
           "rule": {"kind": "zero"}, "veto": False}
    for wrong, place in (({**new, "code": "GD-02"}, "code"), ({**new, "rule": {"kind": "at_least", "threshold": 90}},
                                                               "rule.kind"), ({**new, "pillar": "XX"}, "pillar")):
        problem = assert_problem(reviewer.patch(url, json={"indicators": [*kept, wrong]}), 422)
        assert f"indicators[{len(kept)}].{place}" in problem["errors"][0]["message"], problem
    assert reviewer.patch(url, json={"indicators": [*kept, new]}).status_code == 200
    gd_with_new = Fraction(100 * 8, 9)
    assert preview_of_mine()["draft"]["total"] == _total([Fraction(700, 8), Fraction(100), gd_with_new])

    # Deductions: an occurrence costs an eighth (KL-07's 4 cases keep half), a late report 3 points.
    scheme = {**document["scheme"], "occurrence_penalty": "1/8", "late_report_deduction": 3, "bonus_cap": 8}
    assert_problem(reviewer.patch(url, json={"scheme": {**scheme, "late_report_deduction": -1}}), 422)
    edited = reviewer.patch(url, json={"scheme": scheme})
    assert edited.status_code == 200, edited.text
    assert edited.json()["document"]["scheme"]["late_report_deduction"] == 3
    assert [i["code"] for i in edited.json()["document"]["indicators"]][-1] == "GD-10"
    mine = preview_of_mine()
    assert mine["draft"]["total"] == _total([Fraction(750, 8), Fraction(100), gd_with_new])
    assert mine["current"]["total"] == _total([Fraction(700, 9), Fraction(100), Fraction(100)])

    actions = [e["action"] for e in admin.get(f"{API}/audit", params={"entity_key": "2027.6"}).json()]
    assert actions.count("scheme_draft.update") == 3 and "scheme_draft.create" in actions
    assert_problem(reporter.patch(url, json={"indicators": kept}), 403)

    # Tier bounds out of reach: every unit "không hoàn thành" under the draft, a tier of its own (it is 0).
    out_of_reach = {**scheme, "tier_thresholds": {"XUAT_SAC": 200, "TOT": 200, "HOAN_THANH": 200}}
    assert reviewer.patch(url, json={"scheme": out_of_reach}).status_code == 200
    mine = preview_of_mine()
    assert (mine["draft"]["tier"], mine["draft"]["tier_label"]) == ("KHONG_HOAN_THANH", "Không hoàn thành nhiệm vụ")
    assert mine["tier_changed"] and mine["current"]["tier"] == "XUAT_SAC"

    # Activated from 2027-H1: the catalog of 2027-H1 is the draft's, 2026-H1's keeps KL-04.
    assert reviewer.post(f"{url}/activate", json={"from_period": "2027-H1"}).status_code == 200
    later = {i["code"] for i in reviewer.get(f"{API}/indicators", params={"period": "2027-H1"}).json()}
    earlier = {i["code"] for i in reviewer.get(f"{API}/indicators", params={"period": PERIOD}).json()}
    assert "GD-10" in later and "KL-04" not in later and "KL-04" in earlier and "GD-10" not in earlier
