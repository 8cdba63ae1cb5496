"""The authorization matrix (``authz_matrix.yaml``) and how to send one of its requests as one caller."""

import json
from pathlib import Path

import yaml
from fastapi.testclient import TestClient

MATRIX = yaml.safe_load((Path(__file__).with_name("authz_matrix.yaml")).read_text(encoding="utf-8"))
OWN_UNIT, OTHER_UNIT = "CAX-001", "CAX-002"
ACCOUNTS = {
    "admin": "admin",
    "reviewer": "reviewer",
    "leader": "leader",
    "home_affairs": "noivu",
    "finance": "taichinh",
    "province_office": "vpubnd",
    "reporter": "baocao.cax",
    "api_client": "hethong",
    "inspector": "kiemtra.xa",
}
CALLERS = ("anonymous", *ACCOUNTS, "reporter_other_unit", "token_scores_read")
SHORTHANDS = {"everyone": set(CALLERS), "signed_in": set(CALLERS) - {"anonymous"}}


def allowed_callers(row: dict) -> set[str]:
    allowed = set()
    for name in row["allow"]:
        allowed |= SHORTHANDS.get(name, {name})
    return allowed


def send(client: TestClient, operation: str, row: dict, other_unit: bool, params: dict):
    method, template = operation.split(" ", 1)
    path = template.format(**(params | row.get("params", {})))
    body = json.dumps(row["json"], ensure_ascii=False) if "json" in row else None
    if other_unit:
        path = path.replace(OWN_UNIT, OTHER_UNIT)
        body = body.replace(OWN_UNIT, OTHER_UNIT) if body else None
    query = row.get("query")
    if "file" in row:
        upload = row["file"]
        files = {"file": (upload["name"], upload["content"].encode(), upload["type"])}
        return client.request(method, path, params=query, files=files)
    # A save names the version it read (If-Match: * is refused); workflow actions go ahead without one.
    headers = {"Content-Type": "application/json"} if body else {}
    if method == "PUT" and path.endswith("/values"):
        etag = client.get(path.removesuffix("/values")).headers.get("etag")
        headers |= {"If-Match": etag} if etag else {}
    return client.request(method, path, params=query, content=body, headers=headers)
