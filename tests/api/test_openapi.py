"""The committed openapi.yaml is what the application serves, and errors are declared as problem+json."""

from pathlib import Path

import yaml

from api.cli import openapi_yaml

COMMITTED = Path(__file__).resolve().parents[2] / "openapi.yaml"


def test_committed_openapi_matches_the_app():
    assert COMMITTED.read_text(encoding="utf-8") == openapi_yaml(), "openapi.yaml is stale: run scripts/gen-openapi"


# Public, without parameters or body: no error of their own to declare.
NOTHING_TO_REFUSE = {"/api/v1/clock"}


def test_every_v1_operation_declares_problem_responses():
    document = yaml.safe_load(openapi_yaml())
    for path, operations in document["paths"].items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in operations.items():
            errors = [code for code in operation["responses"] if code.startswith("4")]
            assert errors or path in NOTHING_TO_REFUSE, (method, path)
            for code in errors:
                assert "application/problem+json" in operation["responses"][code]["content"], (method, path, code)
