"""Scopes that fit the job: `scores:read` reads the reference data of the scores and nothing else,
`reports:read` reaches the consolidated reports, a 403 names the missing scope, the valid scopes are
listed, and a token never holds a scope its owner's role lacks."""

import pytest
from fastapi.testclient import TestClient

from api.services.access import SCOPES

TOKENS = "/api/v1/tokens"


@pytest.fixture
def token_client(app, login):
    clients = []

    def create(scopes: list[str], username: str = "admin") -> TestClient:
        created = login(username).post(TOKENS, json={"name": "hệ thống tỉnh", "scopes": scopes})
        assert created.status_code == 201, created.text
        client = TestClient(app, headers={"Authorization": f"Bearer {created.json()['token']}"})
        clients.append(client)
        return client

    yield create
    for client in clients:
        client.close()


def test_a_scores_read_token_pulls_the_reference_data_and_every_ranking_and_nothing_else(token_client):
    client = token_client(["scores:read"])
    for path in ("/api/v1/periods", "/api/v1/units", "/api/v1/indicators", "/api/v1/schemes/active",
                 "/api/v1/periods/2026-H1"):
        assert client.get(path).status_code == 200, path
    groups = client.get("/api/v1/groups")
    assert groups.status_code == 200
    for group in groups.json():
        assert client.get("/api/v1/scores/2026-H1", params={"group": group["code"]}).status_code == 200

    refused = client.get("/api/v1/submissions", params={"period": "2026-H1"})
    assert refused.status_code == 403
    assert refused.json()["required_scope"] == "submissions:read"
    assert "submissions:read" in refused.json()["detail"]
    assert client.get("/api/v1/reports/2026-H1").json()["required_scope"] == "reports:read"


def test_a_reports_read_token_reaches_the_consolidated_reports(token_client):
    client = token_client(["reports:read"])
    assert client.get("/api/v1/reports/2026-H1").status_code == 200
    assert client.get("/api/v1/reports/2026-H1/report.xlsx").status_code == 200
    assert client.get("/api/v1/scores/2026-H1").json()["required_scope"] == "scores:read"


def test_a_token_holds_no_scope_its_owners_role_lacks(login):
    admin = login("admin")
    refused = admin.post(TOKENS, json={"name": "ghi số liệu", "scopes": ["scores:read", "values:write"]})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"loc": ["body", "scopes", 1], "message": "Vai trò của tài khoản không có quyền values:write."}
    ]
    reporter = login("baocao.cax")
    assert reporter.post(TOKENS, json={"name": "ghi số liệu", "scopes": ["values:write"]}).status_code == 201


def test_valid_scopes_are_listed(login):
    admin = login("admin")
    unknown = admin.post(TOKENS, json={"name": "x", "scopes": ["scores:write"]})
    assert unknown.status_code == 422
    assert "scores:read" in unknown.json()["errors"][0]["message"]
    listed = admin.get(f"{TOKENS}/scopes").json()
    assert [entry["scope"] for entry in listed] == list(SCOPES)
    by_scope = {entry["scope"]: entry for entry in listed}
    assert by_scope["scores:read"]["includes"] == ["catalog:read", "periods:read", "units:read"]
    assert by_scope["reports:read"]["available"] and not by_scope["values:write"]["available"]
