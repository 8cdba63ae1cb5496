"""Reading the OpenAPI document: the operations the app serves and the schemas of their JSON bodies."""

from collections.abc import Iterator

HTTP_METHODS = ("get", "put", "post", "patch", "delete")


def operations(openapi: dict) -> set[str]:
    """``"METHOD /path"`` for every operation the app documents."""
    return {
        f"{method.upper()} {path}"
        for path, item in openapi["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


def json_body_schemas(openapi: dict) -> set[str]:
    """Component names of the JSON request bodies."""
    names = set()
    for item in openapi["paths"].values():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {}) if method in HTTP_METHODS else {}
            ref = content.get("application/json", {}).get("schema", {}).get("$ref")
            if ref:
                names.add(ref.rsplit("/", 1)[-1])
    return names


def object_schemas_reachable(openapi: dict, name: str) -> Iterator[tuple[str, dict]]:
    """The named component and every object component it refers to, transitively (enums are not objects)."""
    components = openapi["components"]["schemas"]
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        schema = components[current]
        if "enum" not in schema:
            yield current, schema
        pending.extend(ref.rsplit("/", 1)[-1] for ref in _refs(schema))


def _refs(node) -> Iterator[str]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)
