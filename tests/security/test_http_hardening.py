"""Security headers, CORS, body size cap, and the interactive docs in production."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from api.main import create_app
from api.services import accounts


def test_every_response_carries_the_security_headers(anonymous):
    for response in (
        anonymous.get("/api/v1/public/summary"),
        anonymous.get("/api/v1/auth/me"),
        anonymous.get("/api/v1/no-such-route"),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "script-src 'self';" in policy  # no inline or third-party scripts for the SPA


def test_cors_is_closed_by_default(anonymous):
    preflight = anonymous.options(
        "/api/v1/auth/login",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    simple = anonymous.get("/api/v1/public/summary", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers


def test_cors_opens_only_to_configured_origins(settings):
    app = create_app(settings.model_copy(update={"cors_origins": ["https://cong-thong-tin.example"]}))
    try:
        with TestClient(app) as client:
            allowed = client.get(
                "/api/v1/public/summary", headers={"Origin": "https://cong-thong-tin.example"}
            )
            other = client.get("/api/v1/public/summary", headers={"Origin": "https://evil.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://cong-thong-tin.example"
        exposed = {name.strip() for name in allowed.headers["access-control-expose-headers"].split(",")}
        assert exposed == {"ETag", "Link", "X-Total-Count", "Retry-After", "Idempotent-Replayed", "Content-Disposition"}
        assert "access-control-allow-origin" not in other.headers
    finally:
        app.state.engine.dispose()


def test_oversized_bodies_are_refused_before_any_route_reads_them(settings):
    app = create_app(settings.model_copy(update={"max_body_bytes": 1024}))
    try:
        with TestClient(app) as client:
            response = client.post(
                "/api/v1/auth/login",
                content=b"{" + b" " * 2048 + b"}",
                headers={"Content-Type": "application/json"},
            )
            small = client.post("/api/v1/auth/login", json={"username": "x", "password": "y"})
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert small.status_code == 401
    finally:
        app.state.engine.dispose()


def test_interactive_docs_are_off_in_production(settings, anonymous):
    assert anonymous.get("/api/v1/docs").status_code == 200
    production = create_app(settings.model_copy(update={"environment": "production"}))
    try:
        with TestClient(production) as client:
            assert client.get("/api/v1/docs").status_code == 404
    finally:
        production.state.engine.dispose()


def test_api_docs_load_nothing_from_another_host(settings, tmp_path):
    """Swagger UI's files come from the SPA's build (dist/api-docs): the page works without internet."""
    assets = tmp_path / "dist" / "api-docs"
    assets.mkdir(parents=True)
    for name, content in {"swagger-ui-bundle.js": b"window.SwaggerUIBundle = () => {};",
                          "swagger-ui.css": b"body {}", "favicon-32x32.png": b"\x89PNG"}.items():
        (assets / name).write_bytes(content)
    app = create_app(settings.model_copy(update={"frontend_dist": tmp_path / "dist"}))
    try:
        with TestClient(app) as client:
            page = client.get("/api/v1/docs")
            assert page.status_code == 200
            urls = re.findall(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""", page.text)
            assert urls and all(url.startswith("/api/v1/") for url in urls), urls
            assert not re.search(r"https?://", page.text)
            assert "cdn" not in page.headers["content-security-policy"]
            for url in urls:
                assert client.get(url).status_code == 200, url
    finally:
        app.state.engine.dispose()


def test_page_size_is_capped(login):
    leader = login("leader")
    assert leader.get("/api/v1/units", params={"page_size": 100_000}).status_code == 422
    assert leader.get("/api/v1/units", params={"page_size": 500}).status_code == 200


def test_file_uploads_have_their_own_larger_limit(settings):
    app = create_app(settings.model_copy(update={"max_body_bytes": 1024}))
    try:
        with TestClient(app) as client:
            signed_in = client.post(
                "/api/v1/auth/login", json={"username": "admin", "password": "BaNhat@2026"}
            )
            assert signed_in.status_code == 200
            client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
            rows = "Mã đơn vị,Mã kỳ báo cáo,Mã chỉ tiêu,Số lần\r\n" + "CAX-001,2026-H1,GD-03,1\r\n" * 300
            upload = client.post(
                "/api/v1/imports/values",
                params={"dry_run": "true"},
                files={"file": ("so-lieu.csv", rows.encode(), "text/csv")},
            )
        assert len(rows.encode()) > 1024
        assert upload.status_code != 413
    finally:
        app.state.engine.dispose()


@pytest.mark.parametrize(
    "error",
    [
        PoolTimeout("QueuePool limit reached"),
        OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked")),
    ],
)
def test_an_overloaded_database_answers_503_with_retry_after(login, monkeypatch, error):
    leader = login("leader")

    def busy(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(accounts, "me", busy)
    response = leader.get("/api/v1/auth/me")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["title"] == "Hệ thống đang bận"
