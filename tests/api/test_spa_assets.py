"""The built SPA on a first visit: hashed assets precompressed and cached for a year, index.html revalidated."""

import gzip

import pytest
from fastapi.testclient import TestClient

SCRIPT = b"console.log('Ba Nh\\u1ea5t');\n" * 200
BROTLI_TWIN = b"pretend brotli bytes"  # served as they are: the test checks which file was sent


@pytest.fixture
def client(settings, tmp_path):
    from api.main import create_app

    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id=root></div>", encoding="utf-8")
    (dist / "assets" / "index-abc123.js").write_bytes(SCRIPT)
    (dist / "assets" / "index-abc123.js.gz").write_bytes(gzip.compress(SCRIPT))
    (dist / "assets" / "index-abc123.js.br").write_bytes(BROTLI_TWIN)
    (dist / "assets" / "small-def456.css").write_bytes(b"body{}")
    app = create_app(settings.model_copy(update={"frontend_dist": dist}))
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


def _raw(client, path, accept_encoding):
    with client.stream("GET", path, headers={"Accept-Encoding": accept_encoding}) as response:
        return response, b"".join(response.iter_raw())


def test_hashed_assets_are_sent_precompressed_and_cached_for_a_year(client):
    response, body = _raw(client, "/assets/index-abc123.js", "gzip, deflate, br")
    assert response.status_code == 200 and body == BROTLI_TWIN
    assert response.headers["content-encoding"] == "br"
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["vary"] == "Accept-Encoding"

    response, body = _raw(client, "/assets/index-abc123.js", "gzip")
    assert response.headers["content-encoding"] == "gzip" and gzip.decompress(body) == SCRIPT
    assert int(response.headers["content-length"]) == len(body) < len(SCRIPT)

    response, body = _raw(client, "/assets/index-abc123.js", "identity")
    assert body == SCRIPT and "content-encoding" not in response.headers

    # An asset without twins (too small to compress) is sent as it is, with the same caching.
    response, body = _raw(client, "/assets/small-def456.css", "br, gzip")
    assert body == b"body{}" and "content-encoding" not in response.headers
    assert response.headers["cache-control"].endswith("immutable")
    assert client.get("/assets/missing-000.js", headers={"Accept-Encoding": "br"}).status_code == 404


def test_index_html_is_revalidated_on_every_visit(client):
    for path in ("/", "/ranking", "/reports/2026-H1/CAX-001"):
        response = client.get(path)
        assert response.status_code == 200 and "id=root" in response.text
        assert response.headers["cache-control"] == "no-cache"
