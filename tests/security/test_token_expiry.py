"""API tokens expire: a default lifetime from the settings, a chosen one within 1..3650 days, and a
401 problem+json in Vietnamese once the instant has passed."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from api.db.models import ApiToken

TOKENS = "/api/v1/tokens"
SCORES = "/api/v1/scores/2026-H1"


def _create(client, **extra):
    response = client.post(TOKENS, json={"name": "hệ thống tổng hợp", "scopes": ["scores:read"], **extra})
    assert response.status_code == 201, response.text
    return response.json()


def _expires_at(body: dict) -> datetime:
    return datetime.fromisoformat(body["expires_at"])


def test_a_token_without_a_lifetime_gets_the_configured_default(login, settings):
    client = login("hethong")
    before = datetime.now(UTC)
    created = _create(client)
    expected = before + timedelta(days=settings.token_days)
    assert settings.token_days == 365
    assert abs(_expires_at(created) - expected) < timedelta(minutes=1)
    listed = {token["id"]: token for token in client.get(TOKENS).json()}
    assert _expires_at(listed[created["id"]]) == _expires_at(created)


def test_a_chosen_lifetime_is_kept_and_bounded(login, database):
    client = login("hethong")
    before = datetime.now(UTC)
    created = _create(client, expires_in_days=30)
    assert abs(_expires_at(created) - (before + timedelta(days=30))) < timedelta(minutes=1)
    with database.connect() as connection:
        count = connection.execute(select(ApiToken.id)).all()
    for days in (0, 3651, -1, "mãi mãi"):
        response = client.post(TOKENS, json={"name": "x", "scopes": ["scores:read"], "expires_in_days": days})
        assert response.status_code == 422, (days, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert any(error["loc"][-1] == "expires_in_days" for error in response.json()["errors"])
    with database.connect() as connection:
        assert connection.execute(select(ApiToken.id)).all() == count  # a refused request wrote nothing


def test_an_expired_token_is_refused_with_401(login, anonymous, database):
    created = _create(login("hethong"), expires_in_days=1)
    bearer = {"Authorization": f"Bearer {created['token']}"}
    assert anonymous.get(SCORES, headers=bearer).status_code == 200
    with database.begin() as connection:
        connection.execute(
            update(ApiToken)
            .where(ApiToken.id == created["id"])
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    refused = anonymous.get(SCORES, headers=bearer)
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "hết hạn" in refused.json()["detail"]
    # Also for writes: an expired token cannot create a fresh one for itself.
    renewed = anonymous.post(TOKENS, headers=bearer, json={"name": "gia hạn", "scopes": ["scores:read"]})
    assert renewed.status_code == 401


def test_the_default_lifetime_comes_from_the_settings(login, settings):
    settings.token_days = 7
    before = datetime.now(UTC)
    created = _create(login("hethong"))
    assert abs(_expires_at(created) - (before + timedelta(days=7))) < timedelta(minutes=1)
