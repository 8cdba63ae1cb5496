"""The audit log: every write leaves who, when, from where, what, before and after; admins read it."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from tests.security.support import SUBMISSION, count_indicator, reset_to_draft

AUDIT = "/api/v1/audit"


def test_a_write_is_audited_with_actor_time_address_and_change(login):
    reporter = login("baocao.cax")
    admin = login("admin")
    etag = reset_to_draft(login("reviewer"), reporter)
    response = reporter.put(
        f"{SUBMISSION}/values",
        json={"values": [{"indicator": count_indicator(reporter), "count": 7}]},
        headers={"If-Match": etag},
    )
    assert response.status_code == 200, response.text
    page = admin.get(AUDIT, params={"actor": "baocao.cax", "entity": "submission"})
    assert page.status_code == 200, page.text
    assert int(page.headers["X-Total-Count"]) >= 1
    entry = page.json()[0]
    assert entry["entity_key"] == "2026-H1/CAX-001"
    assert entry["client_address"] == "testclient"
    assert entry["at"]
    assert entry["after"] is not None


def test_filters_and_paging(login):
    admin = login("admin")
    admin.post("/api/v1/tokens", json={"name": "a", "scopes": ["scores:read"]})
    admin.post("/api/v1/tokens", json={"name": "b", "scopes": ["scores:read"]})
    tokens = admin.get(AUDIT, params={"entity": "token", "page_size": 1})
    assert tokens.headers["X-Total-Count"] == "2" and 'rel="next"' in tokens.headers["Link"]
    assert len(tokens.json()) == 1 and tokens.json()[0]["action"] == "token.create"
    newest = tokens.json()[0]["at"]
    later = admin.get(AUDIT, params={"entity": "token", "since": "2999-01-01T00:00:00Z"})
    assert later.headers["X-Total-Count"] == "0" and later.json() == []
    until_newest = admin.get(AUDIT, params={"entity": "token", "until": newest})
    assert until_newest.headers["X-Total-Count"] == "1"
    assert admin.get(AUDIT, params={"actor": "nobody"}).json() == []


@pytest.mark.parametrize("username", ["reviewer", "leader", "noivu", "baocao.cax"])
def test_only_admins_read_the_audit_log(login, username):
    assert login(username).get(AUDIT).status_code == 403


def test_no_route_changes_or_deletes_audit_entries(app):
    for route in app.openapi()["paths"]:
        if "audit" in route:
            assert set(app.openapi()["paths"][route]) == {"get"}


def test_the_database_refuses_to_edit_the_audit_log(login, database):
    login("admin").post("/api/v1/tokens", json={"name": "a", "scopes": ["scores:read"]})
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), database.begin() as connection:
            connection.execute(text(statement))


def test_a_refused_sign_in_is_audited_although_the_request_fails(app, login):
    with TestClient(app) as anonymous:
        refused = anonymous.post("/api/v1/auth/login", json={"username": "leader", "password": "sai mật khẩu"})
    assert refused.status_code == 401
    entries = login("admin").get(AUDIT, params={"actor": "leader", "entity": "user"}).json()
    assert [entry["action"] for entry in entries] == ["session.refused"]
