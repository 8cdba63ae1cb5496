"""HEAD wherever GET exists, and gzip for JSON worth compressing when asked, with ETag and 304 intact."""

import pytest
from api_support import API


@pytest.mark.parametrize("path", ["/scores/2026-H1?page=1&page_size=10", "/units?page_size=5", "/periods"])
def test_head_answers_like_get_without_a_body(leader, path):
    got = leader.get(f"{API}{path}")
    head = leader.head(f"{API}{path}")
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    for name in ("etag", "x-total-count", "link", "content-type"):
        assert head.headers.get(name) == got.headers.get(name), name


def test_head_of_a_route_without_get_is_405(leader):
    assert leader.head(f"{API}/auth/login").status_code == 405


def test_large_json_is_gzipped_when_asked_and_etag_still_gives_304(leader):
    ranking = f"{API}/scores/2026-H1"
    plain = leader.get(ranking, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    zipped = leader.get(ranking, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip" and zipped.headers["vary"] == "Accept-Encoding"
    assert int(zipped.headers["content-length"]) < len(plain.content) / 4
    assert zipped.json() == plain.json() and zipped.headers["etag"] == plain.headers["etag"]
    unchanged = leader.get(ranking, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""


def test_small_answers_and_office_files_are_not_gzipped(leader):
    assert "content-encoding" not in leader.get(f"{API}/clock", headers={"Accept-Encoding": "gzip"}).headers
    xlsx = leader.get(f"{API}/exports/2026-H1/scores", headers={"Accept-Encoding": "gzip"})
    assert xlsx.status_code == 200 and "content-encoding" not in xlsx.headers
