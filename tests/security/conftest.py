"""Fixtures for the security tests: the OpenAPI document of a fresh app."""

import pytest


@pytest.fixture
def openapi(app) -> dict:
    return app.openapi()
