"""The committed openapi.yaml is what the application serves, and it is a contract generators can use:
errors as problem+json with their schema, unique schema names, binary uploads, `resource_action`
operation ids, security on every operation."""

import re
from pathlib import Path

import pytest
import yaml

from api.cli import openapi_yaml

COMMITTED = Path(__file__).resolve().parents[2] / "openapi.yaml"
METHODS = {"get", "put", "post", "patch", "delete", "head"}


@pytest.fixture(scope="module")
def document() -> dict:
    return yaml.safe_load(openapi_yaml())


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path, operation


def test_committed_openapi_matches_the_app():
    assert COMMITTED.read_text(encoding="utf-8") == openapi_yaml(), "openapi.yaml is stale: run scripts/gen-openapi"


def test_every_error_is_problem_json_with_its_schema(document):
    for method, path, operation in operations(document):
        errors = {code: response for code, response in operation["responses"].items() if int(code) >= 400}
        assert "422" in errors, (method, path)
        for code, response in errors.items():
            assert list(response["content"]) == ["application/problem+json"], (method, path, code)
            schema = response["content"]["application/problem+json"]["schema"]
            assert schema.get("$ref") or schema.get("anyOf"), (method, path, code)


def test_signed_in_operations_declare_401_403_and_their_security(document):
    for method, path, operation in operations(document):
        if operation["security"]:
            assert {"401", "403", "503"} <= set(operation["responses"]), (method, path)
            session = next(requirement for requirement in operation["security"] if "session" in requirement)
            assert ("csrf" in session) == (method != "get"), (method, path)
    ranking = document["paths"]["/api/v1/scores/{period}"]["get"]
    assert ranking["security"] == [{"session": []}, {"bearer": []}]
    assert document["paths"]["/api/v1/tokens"]["post"]["security"] == [{"session": [], "csrf": []}]
    assert document["paths"]["/api/v1/auth/login"]["post"]["security"] == []


def test_operation_ids_are_resource_action_and_unique(document):
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids))
    for (_, _, operation), operation_id in zip(operations(document), ids, strict=True):
        assert re.fullmatch(rf"{operation['tags'][0]}_[a-z_]+", operation_id), operation_id


def test_schema_titles_are_unique(document):
    titles = [schema.get("title", name) for name, schema in document["components"]["schemas"].items()]
    assert len(titles) == len(set(titles))


def test_uploads_and_downloads_are_binary(document):
    assert "contentMediaType" not in openapi_yaml()
    upload = document["components"]["schemas"]["Body_imports_values"]["properties"]["file"]
    assert upload["format"] == "binary"
    export = document["paths"]["/api/v1/exports/{period}/scores"]["get"]["responses"]["200"]
    assert all(content["schema"] == {"type": "string", "format": "binary"} for content in export["content"].values())
    assert "Content-Disposition" in export["headers"]


def test_headers_and_examples_are_declared(document):
    ranking = document["paths"]["/api/v1/scores/{period}"]["get"]["responses"]
    assert {"ETag", "Link", "X-Total-Count"} <= set(ranking["200"]["headers"])
    assert ranking["200"]["content"]["application/json"]["example"]["previous_period"] is None
    assert "Retry-After" in ranking["503"]["headers"]
    imported = document["paths"]["/api/v1/imports/values"]["post"]["responses"]
    assert "Idempotent-Replayed" in imported["200"]["headers"]
    refused = imported["422"]["content"]["application/problem+json"]["schema"]["anyOf"]
    assert refused == [{"$ref": "#/components/schemas/ImportRefused"}, {"$ref": "#/components/schemas/Problem"}]
    for path, method in [("/api/v1/scores/{period}/{unit}", "get"), ("/api/v1/imports/values", "post"),
                         ("/api/v1/webhooks", "post"), ("/api/v1/webhooks/{subscription_id}/deliveries", "get")]:
        ok = next(r for code, r in document["paths"][path][method]["responses"].items() if code.startswith("2"))
        assert "example" in ok["content"]["application/json"], path


def test_the_changelog_has_the_contracts_version(document):
    """Every version of the contract is described in CHANGELOG.md (docs/api.md, "Versions and deprecation")."""
    changelog = (COMMITTED.parent / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{document['info']['version']}] - " in changelog
