"""Constants and assertions shared by the API tests."""

API = "/api/v1"
PERIOD = "2026-H1"
REPORTER_UNIT = "CAX-001"  # baocao.cax reports for this unit
OTHER_UNIT = "CAX-002"


def assert_problem(response, status: int, *fields: str) -> dict:
    """The response is problem+json with ``status``; each field appears last in some error's loc."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"]
    named = {str(error["loc"][-1]) for error in body["errors"]}
    for field in fields:
        assert field in named, (field, body["errors"])
    return body
