"""Schemathesis against the app's own OpenAPI, in process: no server errors, no response outside the schema.

Bounded: a handful of generated requests per operation, as the administrator (the broadest reader) on
its own copy of the demo database.
"""

import shutil

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.main import create_app
from api.settings import Settings
from tests.conftest import DEMO_PASSWORD

EXAMPLES_PER_OPERATION = 5


@pytest.fixture(scope="module")
def fuzz_app(seeded_sqlite, tmp_path_factory):
    directory = tmp_path_factory.mktemp("fuzz")
    shutil.copyfile(seeded_sqlite, directory / "banhat.sqlite3")
    app = create_app(
        Settings(
            database_url=f"sqlite:///{directory / 'banhat.sqlite3'}",
            evidence_dir=directory / "evidence",
            frontend_dist=directory / "no-spa",
        )
    )
    yield app
    app.state.engine.dispose()


@pytest.fixture(scope="module")
def api_schema(fuzz_app):
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzz_app)


@pytest.fixture(scope="module")
def admin_headers(fuzz_app) -> dict[str, str]:
    with TestClient(fuzz_app) as client:
        response = client.post("/api/v1/auth/login", json={"username": "admin", "password": DEMO_PASSWORD})
        assert response.status_code == 200
        return {
            "Cookie": f"banhat_session={client.cookies['banhat_session']}",
            "X-CSRF-Token": client.cookies["banhat_csrf"],
        }


def test_no_server_error_and_responses_match_the_schema(api_schema, admin_headers):
    """One Hypothesis run per operation (schemathesis' lazy pytest loader does not support this pytest)."""
    tried: dict[str, int] = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    # Signing out would end the session every other generated request uses.
    operations = [op for op in operations if op.path != "/api/v1/auth/logout"]
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):
            tried[case.operation.label] = tried.get(case.operation.label, 0) + 1
            case.call_and_validate(
                headers=admin_headers, checks=[not_a_server_error, response_schema_conformance]
            )

        fuzz()
    assert len(tried) == len(operations), "every operation was called at least once"
