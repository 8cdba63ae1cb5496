"""Every operation x every caller, driven by ``authz_matrix.yaml``; an operation without a row fails."""

import json
import shutil

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from tests.conftest import DEMO_PASSWORD
from tests.security.matrix import ACCOUNTS, CALLERS, MATRIX, OWN_UNIT, SHORTHANDS, allowed_callers, send
from tests.security.routes import operations


@pytest.fixture(scope="module")
def matrix_app(seeded_sqlite, tmp_path_factory):
    """One database for the whole matrix: refusals change nothing, and allowed calls only touch demo data."""
    directory = tmp_path_factory.mktemp("matrix")
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


def _signed_in(app, username: str) -> TestClient:
    client = TestClient(app)
    response = client.post("/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
    return client


def _clients(app) -> dict[str, TestClient]:
    clients = {"anonymous": TestClient(app)}
    clients |= {role: _signed_in(app, username) for role, username in ACCOUNTS.items()}
    clients["reporter_other_unit"] = clients["reporter"]
    created = clients["admin"].post("/api/v1/tokens", json={"name": "ma trận", "scopes": ["scores:read"]})
    clients["token_scores_read"] = TestClient(
        app, headers={"Authorization": f"Bearer {created.json()['token']}"}
    )
    return clients


@pytest.fixture(scope="module")
def module_clients(matrix_app):
    clients = _clients(matrix_app)
    yield clients
    for client in clients.values():
        client.close()


@pytest.fixture(scope="module")
def params(module_clients) -> dict:
    """Path parameters; a real model, since that route looks the model up before checking the caller."""
    created = module_clients["reviewer"].post(
        "/api/v1/models", json={"unit": OWN_UNIT, "kind": "dan-van-kheo", "name": "Mô hình của ma trận quyền"}
    )
    assert created.status_code == 201, created.text
    return MATRIX["params"] | {"model_id": created.json()["id"]}


def _names_a_unit(operation: str, row: dict) -> bool:
    return "{unit}" in operation or OWN_UNIT in json.dumps(row.get("json", {}))


def _expected_refusal(caller: str, row: dict) -> int:
    if caller == "anonymous":
        return 401
    return 404 if caller == "reporter_other_unit" and row.get("hidden") else 403


def test_every_operation_has_a_row(matrix_app):
    served = operations(matrix_app.openapi())
    assert sorted(served - set(MATRIX["operations"])) == [], "operations missing from authz_matrix.yaml"
    assert sorted(set(MATRIX["operations"]) - served) == [], "rows for operations the app no longer serves"


def test_matrix_names_only_known_callers():
    for operation, row in MATRIX["operations"].items():
        assert set(row["allow"]) <= set(CALLERS) | set(SHORTHANDS), operation


@pytest.mark.parametrize("operation", sorted(MATRIX["operations"]))
def test_operation_obeys_the_matrix(operation, matrix_app, module_clients, params):
    row = MATRIX["operations"][operation]
    clients = _clients(matrix_app) if row.get("fresh_session") else module_clients
    allowed = allowed_callers(row)
    callers = [c for c in CALLERS if c != "reporter_other_unit" or _names_a_unit(operation, row)]
    # Refusals first: an allowed call may change the state (approve, lock) the others would see.
    callers.sort(key=lambda caller: caller in allowed)
    wrong = []
    for caller in callers:
        response = send(clients[caller], operation, row, caller == "reporter_other_unit", params)
        if caller in allowed:
            ok = response.status_code not in (401, 403) and response.status_code < 500
            expected = "not 401/403/5xx"
        else:
            expected = _expected_refusal(caller, row)
            ok = response.status_code == expected
        if not ok:
            wrong.append(f"{caller}: got {response.status_code}, expected {expected}: {response.text[:160]}")
    assert wrong == [], f"{operation}\n" + "\n".join(wrong)
