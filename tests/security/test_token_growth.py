"""Tokens cannot grow: managing API tokens (create, list, revoke) takes a signed-in browser session.

A leaked 1-day ``scores:read`` token could otherwise mint itself a 10-year token, list its owner's other
tokens and revoke them. Whatever the token's scopes, every token route refuses it with 403 and writes
nothing.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.domain.permissions import ROLE_PERMISSIONS, Role
from api.services.access import SCOPES

TOKENS = "/api/v1/tokens"


def token_rows(database) -> list[tuple]:
    with database.connect() as connection:
        return [tuple(row) for row in connection.execute(text("SELECT * FROM api_tokens ORDER BY id"))]


@pytest.fixture
def bearer(app):
    clients = []

    def client_for(secret: str) -> TestClient:
        client = TestClient(app, headers={"Authorization": f"Bearer {secret}"})
        clients.append(client)
        return client

    yield client_for
    for client in clients:
        client.close()


@pytest.mark.parametrize("username", ["baocao.cax", "admin", "hethong"])
def test_a_token_cannot_create_list_or_revoke_tokens(login, bearer, database, username):
    owner = login(username)
    short = owner.post(TOKENS, json={"name": "một ngày", "scopes": ["scores:read"], "expires_in_days": 1})
    other = owner.post(TOKENS, json={"name": "khác", "scopes": ["scores:read"]})
    assert short.status_code == other.status_code == 201
    before = token_rows(database)
    client = bearer(short.json()["token"])

    for body in (
        {"name": "mười năm", "scopes": ["scores:read"], "expires_in_days": 3650},
        {"name": "mặc định", "scopes": ["scores:read"]},
        {"name": "ngắn", "scopes": ["scores:read"], "expires_in_days": 1},
    ):
        response = client.post(TOKENS, json=body)
        assert response.status_code == 403, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "đăng nhập" in response.json()["detail"]
    assert client.get(TOKENS).status_code == 403
    assert client.delete(f"{TOKENS}/{other.json()['id']}").status_code == 403
    assert client.delete(f"{TOKENS}/{short.json()['id']}").status_code == 403
    assert token_rows(database) == before  # nothing created, nothing revoked

    # The owner's session still manages them.
    assert {t["id"] for t in owner.get(TOKENS).json()} >= {short.json()["id"], other.json()["id"]}
    assert owner.delete(f"{TOKENS}/{other.json()['id']}").status_code == 204


def test_even_a_token_with_every_scope_cannot_manage_tokens(login, bearer):
    admin = login("admin")
    admins = [scope for scope in SCOPES if scope in ROLE_PERMISSIONS[Role.ADMIN]]
    everything = admin.post(TOKENS, json={"name": "tất cả", "scopes": admins, "expires_in_days": 1})
    assert everything.status_code == 201, everything.text
    client = bearer(everything.json()["token"])
    ten_years = {"name": "x", "scopes": ["scores:read"], "expires_in_days": 3650}
    assert client.post(TOKENS, json=ten_years).status_code == 403
    assert client.get(TOKENS).status_code == 403


def test_no_scope_grants_token_management():
    """There is no scope a token could carry to manage tokens: it is a session's right alone."""
    assert not [scope for scope in SCOPES if scope.startswith("tokens")]
