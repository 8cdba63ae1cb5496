"""Mass assignment: every JSON request body refuses fields it does not declare (status, unit, scores...)."""

import pytest

from tests.security.routes import json_body_schemas, object_schemas_reachable


def test_every_json_request_model_forbids_extra_fields(openapi):
    lenient = sorted(
        name
        for schema_name in json_body_schemas(openapi)
        for name, schema in object_schemas_reachable(openapi, schema_name)
        if schema.get("additionalProperties") is not False
    )
    assert lenient == [], f"request models accepting unknown fields: {lenient}"


@pytest.mark.parametrize("field", ["status", "unit", "total", "tier", "approved_at"])
def test_read_only_fields_in_a_values_body_are_refused(login, field):
    reporter = login("baocao.cax")
    current = reporter.get("/api/v1/submissions/2026-H1/CAX-001")
    assert current.status_code == 200
    response = reporter.put(
        "/api/v1/submissions/2026-H1/CAX-001/values",
        json={"values": [], field: "approved"},
        headers={"If-Match": current.headers["etag"]},
    )
    assert response.status_code == 422
    assert [field] == response.json()["errors"][0]["loc"][-1:]
    after = reporter.get("/api/v1/submissions/2026-H1/CAX-001")
    assert after.headers["etag"] == current.headers["etag"]
