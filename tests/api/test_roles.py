"""The role matrix on representative routes: each role's allowed and refused calls."""

import pytest
from api_support import API, PERIOD

SUBMISSION = f"{API}/submissions/{PERIOD}/CAX-002"
READS = {
    "ranking": f"{API}/scores/{PERIOD}?group=CAX",
    "submission": SUBMISSION,
    "status": f"{API}/periods/{PERIOD}/reporting-status",
    "users": f"{API}/users",
}
# role -> reads it may make (others must be refused with 403 or 404)
ALLOWED_READS = {
    "admin": {"ranking", "submission", "status", "users"},
    "reviewer": {"ranking", "submission", "status"},
    "leader": {"ranking", "submission", "status"},
    "noivu": {"ranking", "submission", "status"},
    "vpubnd": {"ranking", "submission", "status"},
    "taichinh": {"ranking"},
    "baocao.xa": {"ranking"},
}


@pytest.mark.parametrize("username", sorted(ALLOWED_READS))
def test_reads_per_role(login, username):
    client = login(username)
    for name, url in READS.items():
        status = client.get(url).status_code
        if name in ALLOWED_READS[username]:
            assert status == 200, (username, name, status)
        else:
            assert status in (403, 404), (username, name, status)


@pytest.mark.parametrize("username", ["admin", "leader", "noivu", "vpubnd", "taichinh", "baocao.xa"])
def test_only_reviewers_approve_or_return(login, username):
    client = login(username)
    assert client.post(f"{SUBMISSION}/approve").status_code in (403, 404)
    assert client.post(f"{SUBMISSION}/return", json={"reason": "Không đạt"}).status_code in (403, 404)


def test_api_client_token_reads_rankings_not_submissions(login, anonymous):
    token = login("hethong").post(f"{API}/tokens", json={"name": "tổng hợp", "scopes": ["scores:read"]}).json()
    bearer = {"Authorization": f"Bearer {token['token']}"}
    assert anonymous.get(READS["ranking"], headers=bearer).status_code == 200
    assert anonymous.get(SUBMISSION, headers=bearer).status_code == 403
    assert anonymous.get(f"{API}/scores/{PERIOD}/CAX-002", headers=bearer).status_code == 200


def test_reporter_token_with_values_scope_writes_own_unit_only(login, anonymous):
    reporter = login("baocao.cax")
    token = reporter.post(f"{API}/tokens", json={"name": "nhập liệu", "scopes": ["values:write"]}).json()
    bearer = {"Authorization": f"Bearer {token['token']}"}
    refused = anonymous.put(f"{SUBMISSION}/values", json={"values": []}, headers={**bearer, "If-Match": '"1"'})
    assert refused.status_code == 404
    # The token cannot read (no submissions:read scope) even its own unit's submission.
    assert anonymous.get(f"{API}/submissions/{PERIOD}/CAX-001", headers=bearer).status_code == 403
