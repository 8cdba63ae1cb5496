"""Codes have one spelling: a unit code is stripped, NFKC-normalised and upper-cased, and unique after
that, so "cax-001" cannot be created next to CAX-001."""

import pytest


@pytest.mark.parametrize("code", ["cax-001", " CAX-001 ", "Cax-001", "ＣＡＸ－００１"])
def test_a_unit_code_differing_only_in_spelling_is_the_same_code(admin, code):
    response = admin.post("/api/v1/units", json={"code": code, "name": "Phường trùng mã", "kind": "commune"})
    assert response.status_code == 422, response.text
    assert any(error["loc"] == ["body", "code"] for error in response.json()["errors"])
    assert admin.get("/api/v1/units", params={"q": "Phường trùng mã"}).json()["total"] == 0


def test_a_new_unit_code_is_stored_normalised(admin):
    response = admin.post(
        "/api/v1/units", json={"code": " ubx-９９７ ", "name": "Phường mới", "kind": "commune"}
    )
    assert response.status_code == 201, response.text
    assert response.json()["code"] == "UBX-997"
    assert admin.get("/api/v1/units/UBX-997").status_code == 200
