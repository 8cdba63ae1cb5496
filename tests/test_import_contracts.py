"""The import-linter layers cover the whole package: every module of `api` sits in a layer, so no new
module can import around the contracts unnoticed (they are run by tests/domain/test_purity.py)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def layered_modules() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c["layers"] for c in config["contracts"] if c["type"] == "layers")
    return {module.strip() for layer in layers for module in layer.split("|")}


def top_level_modules() -> set[str]:
    package = ROOT / "api"
    return {
        f"api.{path.stem if path.is_file() else path.name}"
        for path in package.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").is_file()
    }


def test_every_module_of_the_package_is_in_a_layer():
    modules = top_level_modules()
    assert {"api.main", "api.middleware", "api.schemas", "api.settings", "api.domain"} <= modules
    assert modules - layered_modules() == set()


def test_services_and_db_are_forbidden_the_web_framework():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    forbidden = [c for c in config["contracts"] if c["type"] == "forbidden"
                 and {"fastapi", "starlette"} <= set(c["forbidden_modules"])]
    assert any({"api.services", "api.db"} <= set(c["source_modules"]) for c in forbidden)
