"""An unchanged ranking is answered from one event-loop read (api.db.loop_reads): the same ETag as the
full path, and every credential check of the full path still applies the moment it changes."""

import asyncio

from fastapi.testclient import TestClient

from api.services import scores
from api.services.access import Credential
from tests.security.support import SUBMISSION, reset_to_draft

SCORES = "/api/v1/scores/2026-H1"
GROUP = {"group": "CAX"}


def _token(client, scopes=("scores:read",)) -> dict:
    response = client.post("/api/v1/tokens", json={"name": "tổng hợp", "scopes": list(scopes)})
    assert response.status_code == 201, response.text
    return response.json()


def _polled(*arguments) -> str | None:
    """The event-loop path's ETag, run on an event loop of the test's own."""
    found = asyncio.run(scores.polled_ranking_etag(*arguments))
    return found.etag if found else None


def _warm(client: TestClient, headers: dict | None = None) -> str:
    """Pull the ranking twice (rendered, then from the cache) and return its ETag."""
    first = client.get(SCORES, params=GROUP, headers=headers)
    second = client.get(SCORES, params=GROUP, headers=headers)
    assert first.status_code == second.status_code == 200, first.text
    assert second.content == first.content and second.headers["ETag"] == first.headers["ETag"]
    return first.headers["ETag"]


def test_the_event_loop_read_gives_the_full_paths_etag(app, login, anonymous):
    created = _token(login("hethong"))
    etag = _warm(anonymous, {"Authorization": f"Bearer {created['token']}"})
    polled = _polled(app.state.loop_reads, Credential("token", created["token"]), "2026-H1",
                                        "CAX", None, None)
    assert polled == etag
    leader = login("leader")
    assert _warm(leader) == etag
    session_cookie = Credential("session", leader.cookies["banhat_session"])
    assert _polled(app.state.loop_reads, session_cookie, "2026-H1", "CAX", None, None) == etag
    assert _polled(app.state.loop_reads, session_cookie, "2099-H1", "CAX", None, None) is None
    not_modified = anonymous.get(SCORES, params=GROUP, headers={"Authorization": f"Bearer {created['token']}",
                                                                "If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.headers["ETag"] == etag


def test_a_revoked_token_is_refused_at_once_even_with_the_ranking_cached(app, login, anonymous):
    owner = login("hethong")
    created = _token(owner)
    bearer = {"Authorization": f"Bearer {created['token']}"}
    _warm(anonymous, bearer)
    assert owner.delete(f"/api/v1/tokens/{created['id']}").status_code == 204
    refused = anonymous.get(SCORES, params=GROUP, headers=bearer)
    assert refused.status_code == 401 and refused.headers["content-type"].startswith("application/problem+json")
    assert _polled(app.state.loop_reads, Credential("token", created["token"]), "2026-H1",
                                      "CAX", None, None) is None


def test_a_token_without_the_scores_scope_is_refused_with_the_ranking_cached(login, anonymous):
    owner = login("hethong")
    _warm(anonymous, {"Authorization": f"Bearer {_token(owner)['token']}"})
    narrow = _token(owner, scopes=("units:read",))
    refused = anonymous.get(SCORES, params=GROUP, headers={"Authorization": f"Bearer {narrow['token']}"})
    assert refused.status_code == 403, refused.text


def test_a_disabled_users_token_and_a_signed_out_session_are_refused_at_once(app, login, admin):
    created = _token(login("hethong"))
    leader = login("leader")
    cookie = leader.cookies["banhat_session"]
    with TestClient(app) as bearer_client, TestClient(app, cookies={"banhat_session": cookie}) as cookie_client:
        _warm(bearer_client, {"Authorization": f"Bearer {created['token']}"})
        _warm(cookie_client)
        assert admin.patch("/api/v1/users/hethong", json={"active": False}).status_code == 200
        assert leader.post("/api/v1/auth/logout").status_code == 204
        assert bearer_client.get(SCORES, params=GROUP,
                                 headers={"Authorization": f"Bearer {created['token']}"}).status_code == 401
        assert cookie_client.get(SCORES, params=GROUP).status_code == 401


def test_a_saved_value_changes_the_polled_ranking_at_once(login, reviewer, reporter):
    etag = reset_to_draft(reviewer, reporter)
    puller = login("leader")
    before = _warm(puller)
    saved = reporter.put(f"{SUBMISSION}/values", json={"values": [{"indicator": "KL-04", "count": 7}]},
                         headers={"If-Match": etag})
    assert saved.status_code == 200, saved.text
    after = puller.get(SCORES, params=GROUP, headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before
