"""A Python client generated from openapi.yaml by openapi-python-client, with no warning, drives a live
server the way another provincial system would: a ranking page by page following `Link`, 304 on an
unchanged ETag, a typed problem body, a CSV import with an Idempotency-Key, an export download."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.servers import PROJECT_ROOT, start_server

CONFIG = PROJECT_ROOT / "docs" / "openapi-python-client.yaml"
UNITS_CSV = "code,name,kind,parent,group\nCAX-900,Công an xã Thử Nghiệm,commune_police,CAT,CAX\n"


@pytest.fixture(scope="module")
def banhat_client(tmp_path_factory):
    """The generated package, imported from a temporary directory."""
    target = tmp_path_factory.mktemp("client")
    venv = Path(sys.executable).parent
    finished = subprocess.run(
        [venv / "openapi-python-client", "generate", "--path", PROJECT_ROOT / "openapi.yaml", "--meta", "none",
         "--output-path", target / "banhat_client", "--config", CONFIG],
        env=os.environ | {"PATH": f"{venv}{os.pathsep}{os.environ['PATH']}"},  # its ruff formats the code
        capture_output=True, text=True, timeout=120, check=False,
    )
    output = (finished.stdout + finished.stderr).strip()
    assert finished.returncode == 0, output
    assert output == f"Generating {target / 'banhat_client'}", f"warnings while generating:\n{output}"
    sys.path.insert(0, str(target))
    try:
        yield importlib.import_module("banhat_client")
    finally:
        sys.path.remove(str(target))


@pytest.fixture
def live_server(sqlite_url, tmp_path):
    """A server on SQLite only: the client's behaviour does not depend on the engine."""
    server = start_server(sqlite_url, tmp_path)
    yield server
    server.process.terminate()
    server.process.wait(timeout=30)


def next_page(link: str | None) -> int | None:
    found = re.search(r'[?&]page=(\d+)[^>]*>;\s*rel="next"', link or "")
    return int(found.group(1)) if found else None


def test_the_generated_client_drives_a_live_server(banhat_client, live_server):
    from banhat_client import AuthenticatedClient
    from banhat_client.api.exports import exports_ranking
    from banhat_client.api.imports import imports_units
    from banhat_client.api.scores import scores_ranking
    from banhat_client.models import BodyImportsUnits, ImportReport, Problem, Ranking
    from banhat_client.types import File

    server = live_server
    browser = server.client("admin")
    created = browser.post("/api/v1/tokens", json={"name": "tích hợp", "scopes": ["scores:read", "units:write"]})
    browser.close()
    assert created.status_code == 201, created.text
    client = AuthenticatedClient(base_url=server.url, token=created.json()["token"], timeout=60)

    codes, page, first_etag = [], 1, None
    while page is not None:
        answer = scores_ranking.sync_detailed("2026-H1", client=client, page=page, page_size=100)
        assert answer.status_code == 200 and isinstance(answer.parsed, Ranking)
        codes += [item.unit.code for item in answer.parsed.items]
        first_etag = first_etag or answer.headers["ETag"]
        total = int(answer.headers["X-Total-Count"])
        page = next_page(answer.headers.get("Link"))
    assert len(codes) == len(set(codes)) == total > 100

    unchanged = scores_ranking.sync_detailed(
        "2026-H1", client=client.with_headers({"If-None-Match": first_etag}), page=1, page_size=100
    )
    assert unchanged.status_code == 304

    missing = scores_ranking.sync_detailed("2099-H1", client=client)
    assert missing.status_code == 404 and isinstance(missing.parsed, Problem)
    assert missing.parsed.status == 404 and missing.parsed.title == "Không tìm thấy"

    upload = BodyImportsUnits(file=File(payload=UNITS_CSV.encode(), file_name="units.csv", mime_type="text/csv"))
    first = imports_units.sync_detailed(client=client, body=upload, idempotency_key="units-2026-06-01")
    assert first.status_code == 200 and isinstance(first.parsed, ImportReport), first.content
    assert first.parsed.created == 1 and first.parsed.applied
    upload = BodyImportsUnits(file=File(payload=UNITS_CSV.encode(), file_name="units.csv", mime_type="text/csv"))
    again = imports_units.sync_detailed(client=client, body=upload, idempotency_key="units-2026-06-01")
    assert again.headers["Idempotent-Replayed"] == "true" and again.parsed.created == 1

    exported = exports_ranking.sync_detailed("2026-H1", client=client)
    assert exported.status_code == 200 and isinstance(exported.parsed, File)
    assert exported.parsed.payload.read(2) == b"PK"  # an XLSX file is a zip archive
    assert "xep-hang-2026-H1.xlsx" in exported.headers["Content-Disposition"]
