"""Sign-in sessions, CSRF, API tokens and accounts."""

from api_support import API, assert_problem

from api.db.models import ApiToken, User


def test_login_sets_httponly_session_and_readable_csrf_cookie(anonymous):
    response = anonymous.post(f"{API}/auth/login", json={"username": "baocao.cax", "password": "BaNhat@2026"})
    assert response.status_code == 200
    assert response.json()["unit"]["code"] == "CAX-001"
    cookies = response.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("banhat_session="))
    csrf_cookie = next(c for c in cookies if c.startswith("banhat_csrf="))
    assert "HttpOnly" in session_cookie and "SameSite=strict" in session_cookie
    assert "HttpOnly" not in csrf_cookie


def test_wrong_password_is_refused_in_vietnamese(anonymous):
    body = assert_problem(anonymous.post(f"{API}/auth/login", json={"username": "admin", "password": "sai"}), 401)
    assert "mật khẩu" in body["detail"]


def test_login_validation_names_the_field(anonymous):
    assert_problem(anonymous.post(f"{API}/auth/login", json={"username": "admin"}), 422, "password")


def test_me_requires_sign_in(anonymous):
    assert_problem(anonymous.get(f"{API}/auth/me"), 401)


def test_me_and_logout(login):
    client = login("leader")
    assert client.get(f"{API}/auth/me").json()["role"] == "leader"
    assert client.post(f"{API}/auth/logout").status_code == 204
    assert client.get(f"{API}/auth/me").status_code == 401


def test_unsafe_request_without_csrf_header_is_refused(login):
    client = login("baocao.cax")
    del client.headers["X-CSRF-Token"]
    assert_problem(client.post(f"{API}/tokens", json={"name": "x", "scopes": ["scores:read"]}), 403)


def test_token_is_shown_once_stored_hashed_and_scoped(login, anonymous, count_rows):
    client = login("hethong")
    created = client.post(f"{API}/tokens", json={"name": "Cổng dữ liệu tỉnh", "scopes": ["scores:read"]})
    assert created.status_code == 201
    secret = created.json()["token"]
    assert "token" not in client.get(f"{API}/tokens").json()[0]
    assert count_rows(ApiToken) == 1
    bearer = {"Authorization": f"Bearer {secret}"}
    assert anonymous.get(f"{API}/scores/2026-H1?group=CAX", headers=bearer).status_code == 200
    # scores:read includes the units the scores are about, not the submissions the role could read.
    assert anonymous.get(f"{API}/units", headers=bearer).status_code == 200
    assert_problem(anonymous.get(f"{API}/submissions?period=2026-H1", headers=bearer), 403)
    assert client.delete(f"{API}/tokens/{created.json()['id']}").status_code == 204
    assert_problem(anonymous.get(f"{API}/scores/2026-H1", headers=bearer), 401)


def test_token_with_unknown_scope_is_invalid(login):
    """The scopes are an enum of the schema: the 422 names the refused item."""
    response = login("admin").post(f"{API}/tokens", json={"name": "x", "scopes": ["scores:read", "everything"]})
    assert_problem(response, 422)
    assert [error["loc"] for error in response.json()["errors"]] == [["body", "scopes", 1]]


def test_cannot_revoke_someone_elses_token(login):
    token = login("admin").post(f"{API}/tokens", json={"name": "x", "scopes": ["scores:read"]}).json()
    assert_problem(login("leader").delete(f"{API}/tokens/{token['id']}"), 404)


def test_admin_manages_users_others_cannot(login, count_rows):
    admin = login("admin")
    before = count_rows(User)
    created = admin.post(f"{API}/users", json={"username": "baocao.cax2", "full_name": "Nguyễn Văn A",
                                               "password": "matkhau-dai", "role": "reporter", "unit": "CAX-002"})
    assert created.status_code == 201 and created.json()["unit"]["code"] == "CAX-002"
    assert login("baocao.cax2", "matkhau-dai").get(f"{API}/auth/me").json()["unit"]["code"] == "CAX-002"
    patched = admin.patch(f"{API}/users/baocao.cax2", json={"active": False})
    assert patched.json()["active"] is False
    assert count_rows(User) == before + 1
    assert_problem(login("reviewer").get(f"{API}/users"), 403)


def test_reporter_account_needs_a_unit(login, count_rows):
    before = count_rows(User)
    response = login("admin").post(f"{API}/users", json={"username": "x.y", "full_name": "X", "password": "12345678",
                                                         "role": "reporter"})
    assert_problem(response, 422, "unit")
    assert count_rows(User) == before
