"""Fixtures for the security tests: the OpenAPI document of a fresh app, and its database directly."""

import pytest
from sqlalchemy import create_engine


@pytest.fixture
def openapi(app) -> dict:
    return app.openapi()


@pytest.fixture
def database(sqlite_url):
    """An engine on the test's database file, for checking or ageing rows behind the API's back."""
    engine = create_engine(sqlite_url)
    yield engine
    engine.dispose()
