"""Models registry per commune and exemplars: who may write, and what the lists show."""

from awards_support import API


def test_standing_body_registers_and_updates_models(reviewer, leader):
    kinds = {kind["code"] for kind in leader.get(f"{API}/model-kinds").json()}
    assert {"to-lien-gia-pccc", "camera-an-ninh", "to-hoa-giai", "thanh-nien-xung-kich"} <= kinds
    created = reviewer.post(f"{API}/models", json={"unit": "UBX-005", "kind": "to-lien-gia-pccc",
                                                   "name": "Tổ liên gia an toàn PCCC thôn Đông", "status": "building"})
    assert created.status_code == 201 and created.json()["status_label"] == "Đang xây dựng"
    model_id = created.json()["id"]
    updated = reviewer.put(f"{API}/models/{model_id}", json={"unit": "UBX-005", "kind": "to-lien-gia-pccc",
                                                             "name": "Tổ liên gia an toàn PCCC thôn Đông",
                                                             "status": "active", "established_on": "2026-03-15"})
    assert updated.json()["status"] == "active" and updated.json()["established_on"] == "2026-03-15"
    listed = leader.get(f"{API}/models", params={"unit": "UBX-005"}).json()
    assert [(m["id"], m["kind_label"]) for m in listed] == [(model_id, "Tổ liên gia an toàn PCCC")]
    bad = reviewer.post(f"{API}/models", json={"unit": "UBX-005", "kind": "khong-co", "name": "x"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["body", "kind"]


def test_the_kind_filter_is_a_closed_set_in_any_case(reviewer, leader):
    """The kinds are the enum ModelKind: the filter reads them in any case, and one outside them is 422."""
    assert reviewer.post(f"{API}/models", json={"unit": "UBX-005", "kind": "camera-an-ninh", "name": "Camera"}).status_code == 201
    found = leader.get(f"{API}/models", params={"kind": "CAMERA-AN-NINH"}).json()
    assert found and {model["kind"] for model in found} == {"camera-an-ninh"}
    assert leader.get(f"{API}/models", params={"kind": "khong-co"}).status_code == 422
    assert leader.get(f"{API}/exports/models", params={"kind": "khong-co"}).status_code == 422


def test_reporter_registers_only_for_their_own_unit(reporter):
    own = reporter.post(f"{API}/models", json={"unit": "CAX-001", "kind": "camera-an-ninh", "name": "Camera tổ 1"})
    other = reporter.post(f"{API}/models", json={"unit": "CAX-002", "kind": "camera-an-ninh", "name": "Camera"})
    assert (own.status_code, other.status_code) == (201, 403)


def test_reporter_cannot_take_over_another_units_model(reviewer, reporter):
    foreign = reviewer.post(f"{API}/models", json={"unit": "CAX-002", "kind": "to-hoa-giai", "name": "Tổ hòa giải"})
    moved = reporter.put(f"{API}/models/{foreign.json()['id']}", json={"unit": "CAX-001", "kind": "to-hoa-giai",
                                                                        "name": "Tổ hòa giải"})
    assert moved.status_code == 403


def test_exemplars_are_kept_for_the_standing_body(reviewer, leader, reporter):
    added = reviewer.post(f"{API}/exemplars", json={"unit": "CAX-001", "recipient": "collective", "year": 2026,
                                                    "name": "Công an phường Phố Hiến", "achievement": "Dân vận khéo"})
    assert added.status_code == 201 and added.json()["published"] is False
    assert [e["id"] for e in leader.get(f"{API}/exemplars").json()] == [added.json()["id"]]
    assert reporter.post(f"{API}/exemplars", json={"unit": "CAX-001", "recipient": "collective", "year": 2026,
                                                   "name": "x", "achievement": "y"}).status_code == 403
