"""Sign-in, sessions, CSRF, login throttling and API tokens."""

import hashlib
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from api.db.models import ApiToken, AuditEntry, LoginFailure, UserSession
from api.main import create_app
from tests.conftest import DEMO_PASSWORD

LOGIN = "/api/v1/auth/login"
ME = "/api/v1/auth/me"


def _wrong(client: TestClient, username: str):
    return client.post(LOGIN, json={"username": username, "password": "sai-mat-khau"})


def test_cookie_post_without_the_csrf_header_is_refused(login):
    reporter = login("baocao.cax")
    del reporter.headers["X-CSRF-Token"]
    current = reporter.get("/api/v1/submissions/2026-H1/CAX-001")
    response = reporter.put(
        "/api/v1/submissions/2026-H1/CAX-001/values",
        json={"values": []},
        headers={"If-Match": current.headers["etag"], "Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    forged = reporter.post("/api/v1/auth/logout", headers={"X-CSRF-Token": "not-the-token"})
    assert forged.status_code == 403
    assert reporter.get(ME).status_code == 200


def test_session_cookies_are_http_only_and_same_site_strict(anonymous):
    response = anonymous.post(LOGIN, json={"username": "admin", "password": DEMO_PASSWORD})
    cookies = {c.split("=", 1)[0]: c.lower() for c in response.headers.get_list("set-cookie")}
    assert "httponly" in cookies["banhat_session"] and "samesite=strict" in cookies["banhat_session"]
    assert "httponly" not in cookies["banhat_csrf"] and "samesite=strict" in cookies["banhat_csrf"]


def test_account_throttled_after_repeated_failures_even_with_the_right_password(anonymous, settings):
    for _ in range(settings.login_failures_per_account):
        assert _wrong(anonymous, "admin").status_code == 401
    blocked = anonymous.post(LOGIN, json={"username": "admin", "password": DEMO_PASSWORD})
    assert blocked.status_code == 429
    retry_after = int(blocked.headers["retry-after"])
    assert 0 < retry_after <= settings.login_window_minutes * 60 + 1
    assert blocked.json()["title"] == "Quá nhiều yêu cầu"
    # Other accounts are not locked by someone guessing this one's password.
    assert anonymous.post(LOGIN, json={"username": "leader", "password": DEMO_PASSWORD}).status_code == 200


def test_throttle_state_is_shared_by_every_server_process(settings, anonymous):
    for _ in range(settings.login_failures_per_account):
        _wrong(anonymous, "reviewer")
    other_process = create_app(settings)
    try:
        with TestClient(other_process) as client:
            response = client.post(LOGIN, json={"username": "reviewer", "password": DEMO_PASSWORD})
        assert response.status_code == 429
    finally:
        other_process.state.engine.dispose()


def test_address_throttled_across_accounts(settings):
    strict = create_app(settings.model_copy(update={"login_failures_per_address": 3}))
    try:
        with TestClient(strict) as client:
            for username in ("a1", "a2", "a3"):
                assert _wrong(client, username).status_code == 401
            assert _wrong(client, "a4").status_code == 429
    finally:
        strict.state.engine.dispose()


def _from(app, address: str, forwarded_for: str | None = None) -> TestClient:
    """A client whose TCP peer is ``address``, sending ``X-Forwarded-For`` when given."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return TestClient(app, client=(address, 40000), headers=headers)


def test_an_attacker_failing_on_purpose_cannot_lock_the_owner_out(settings):
    """5 failures from the attacker's address hold that address only; the owner signs in from its own.
    Spread over many addresses, the failures meet the slower limit for the account (here 8)."""
    app = create_app(settings.model_copy(update={"login_failures_per_account_all_addresses": 8}))
    try:
        attacker, owner = _from(app, "203.0.113.7"), _from(app, "198.51.100.20")
        for _ in range(settings.login_failures_per_account):
            assert _wrong(attacker, "admin").status_code == 401
        assert attacker.post(LOGIN, json={"username": "admin", "password": DEMO_PASSWORD}).status_code == 429
        assert owner.post(LOGIN, json={"username": "admin", "password": DEMO_PASSWORD}).status_code == 200
        # The owner's success cleared the account's counts; now from eight addresses, one failure each.
        for number in range(8):
            assert _wrong(_from(app, f"192.0.2.{number + 1}"), "admin").status_code == 401
        assert _from(app, "192.0.2.99").post(LOGIN, json={"username": "admin", "password": DEMO_PASSWORD}
                                              ).status_code == 429  # fmt: skip
    finally:
        app.state.engine.dispose()


def test_forwarded_addresses_are_believed_only_from_trusted_proxies(settings, database):
    """By default X-Forwarded-For is ignored, so rotating it neither escapes the per-address limit nor
    forges the audit's address; from a configured proxy its rightmost untrusted entry is the client."""
    app = create_app(settings)
    try:
        for number in range(settings.login_failures_per_account):
            assert _wrong(_from(app, "127.0.0.1", f"10.9.9.{number}"), "leader").status_code == 401
        spoofing = _from(app, "127.0.0.1", "10.9.9.200")
        assert spoofing.post(LOGIN, json={"username": "leader", "password": DEMO_PASSWORD}).status_code == 429
    finally:
        app.state.engine.dispose()
    proxied = create_app(settings.model_copy(update={"trusted_proxies": ["127.0.0.1", "10.0.0.0/8"]}))
    try:
        for forwarded, seen in (
            ("203.0.113.5", "203.0.113.5"),
            ("203.0.113.5, 10.1.2.3", "203.0.113.5"),  # a second, trusted proxy in between
            ("6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the client's own header, left of the real address
            ("nonsense, 203.0.113.5", "203.0.113.5"),
            ("203.0.113.5, nonsense", "127.0.0.1"),  # nothing believable beyond the proxy
        ):
            _wrong(_from(proxied, "127.0.0.1", forwarded), "ai-do")
            with database.connect() as connection:
                address = connection.scalars(select(AuditEntry.client_address).order_by(AuditEntry.id.desc())
                                             .limit(1)).one()  # fmt: skip
            assert address == seen, forwarded
        # An untrusted peer's header is ignored even with proxies configured.
        _wrong(_from(proxied, "192.0.2.50", "203.0.113.5"), "ai-do")
        with database.connect() as connection:
            last = connection.scalars(select(AuditEntry.client_address).order_by(AuditEntry.id.desc()).limit(1)).one()
        assert last == "192.0.2.50"
    finally:
        proxied.state.engine.dispose()


def test_success_clears_the_account_count_and_old_failures_age_out(anonymous, settings, database):
    for _ in range(settings.login_failures_per_account - 1):
        _wrong(anonymous, "leader")
    assert anonymous.post(LOGIN, json={"username": "leader", "password": DEMO_PASSWORD}).status_code == 200
    with database.connect() as connection:
        keys = connection.scalars(select(LoginFailure.key)).all()
    assert "account:leader" not in keys
    for _ in range(settings.login_failures_per_account):
        _wrong(anonymous, "leader")
    with database.begin() as connection:
        connection.execute(update(LoginFailure).values(at=datetime.now(UTC) - timedelta(hours=1)))
    assert anonymous.post(LOGIN, json={"username": "leader", "password": DEMO_PASSWORD}).status_code == 200


def test_logout_revokes_the_session_on_the_server(login, anonymous):
    reporter = login("baocao.cax")
    stolen = reporter.cookies["banhat_session"]
    assert reporter.post("/api/v1/auth/logout").status_code == 204
    anonymous.cookies.set("banhat_session", stolen)
    assert anonymous.get(ME).status_code == 401


def test_password_change_and_disabling_end_existing_sessions(login):
    admin = login("admin")
    reporter = login("baocao.cax")
    other = login("baocao.xa")
    changed = admin.patch("/api/v1/users/baocao.cax", json={"password": "MatKhauMoi@2026"})
    assert changed.status_code == 200, changed.text
    assert reporter.get(ME).status_code == 401
    assert admin.patch("/api/v1/users/baocao.xa", json={"active": False}).status_code == 200
    assert other.get(ME).status_code == 401
    assert admin.get(ME).status_code == 200


def test_expired_session_is_refused(login, database):
    leader = login("leader")
    with database.begin() as connection:
        connection.execute(update(UserSession).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert leader.get(ME).status_code == 401


def test_api_tokens_are_stored_as_sha256_scoped_and_revocable(login, anonymous, database):
    reporter = login("baocao.cax")
    created = reporter.post("/api/v1/tokens", json={"name": "bảng tin", "scopes": ["scores:read"]})
    assert created.status_code == 201, created.text
    secret, token_id = created.json()["token"], created.json()["id"]
    with database.connect() as connection:
        stored = connection.execute(select(ApiToken.token_hash).where(ApiToken.id == token_id)).scalar_one()
    assert stored == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in stored
    bearer = {"Authorization": f"Bearer {secret}"}
    assert anonymous.get("/api/v1/scores/2026-H1", headers=bearer).status_code == 200
    submission = anonymous.get("/api/v1/submissions/2026-H1/CAX-001", headers=bearer)
    assert submission.status_code == 403
    assert reporter.delete(f"/api/v1/tokens/{token_id}").status_code == 204
    assert anonymous.get("/api/v1/scores/2026-H1", headers=bearer).status_code == 401


def test_failed_sign_in_creates_no_session(anonymous, database):
    assert _wrong(anonymous, "admin").status_code == 401
    with database.connect() as connection:
        assert connection.scalars(select(UserSession)).all() == []
