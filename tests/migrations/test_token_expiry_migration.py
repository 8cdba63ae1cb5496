"""Migration s003: tokens created before expiry existed get the default lifetime from their creation."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, insert, select

from api.db.engine import make_engine, session_factories
from api.db.migrate import downgrade, upgrade
from api.db.models import ApiToken, User
from api.services.accounts import principal_from_token
from api.services.errors import Unauthenticated
from api.services.security import digest


def _token_without_expiry(connection, user_id: int, secret: str, created_at: datetime) -> None:
    connection.execute(insert(ApiToken.__table__).values(
        user_id=user_id, name=secret, prefix=secret[:8], token_hash=digest(secret), scopes=["scores:read"],
        created_at=created_at, expires_at=None,
    ))


def _run(url: str) -> None:
    """`url`: a copy of the migrated, seeded demo province (tests/conftest.py)."""
    downgrade(url, "s002")
    engine = create_engine(url)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        user_id = connection.scalar(select(User.id).where(User.username == "hethong"))
        _token_without_expiry(connection, user_id, "recent-token-secret", now - timedelta(days=10))
        _token_without_expiry(connection, user_id, "ancient-token-secret", now - timedelta(days=400))
    upgrade(url)
    with engine.connect() as connection:
        expiry = dict(connection.execute(select(ApiToken.name, ApiToken.expires_at)).all())
    engine.dispose()
    assert abs(expiry["recent-token-secret"].replace(tzinfo=UTC) - (now + timedelta(days=355))) < timedelta(seconds=1)
    assert abs(expiry["ancient-token-secret"].replace(tzinfo=UTC) - (now - timedelta(days=35))) < timedelta(seconds=1)

    app_engine = make_engine(url)
    with session_factories(app_engine)[0]() as session:
        assert principal_from_token(session, "recent-token-secret").username == "hethong"
        with pytest.raises(Unauthenticated):
            principal_from_token(session, "ancient-token-secret")
    app_engine.dispose()


def test_old_tokens_get_the_default_lifetime_on_sqlite(sqlite_url):
    _run(sqlite_url)


@pytest.mark.postgres
def test_old_tokens_get_the_default_lifetime_on_postgresql(postgres_database):
    _run(postgres_database)
