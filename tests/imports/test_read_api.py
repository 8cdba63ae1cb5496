"""The read API other systems poll: the ranking with ETag/304, and its pages."""

from __future__ import annotations

from tests.api.api_support import assert_problem
from tests.imports.conftest import API

PERIOD = "2026-H1"


def test_ranking_pages_with_total_links_and_their_own_etags(admin):
    whole = admin.get(f"{API}/scores/{PERIOD}", params={"group": "CAX"})
    items = whole.json()["items"]
    assert "X-Total-Count" not in whole.headers  # without page: the whole ranking, as before
    first = admin.get(f"{API}/scores/{PERIOD}", params={"group": "CAX", "page": 1, "page_size": 10})
    second = admin.get(f"{API}/scores/{PERIOD}", params={"group": "CAX", "page": 2, "page_size": 10})
    assert first.json()["items"] == items[:10] and second.json()["items"] == items[10:20]
    assert first.headers["X-Total-Count"] == str(len(items))
    assert 'rel="next"' in first.headers["Link"] and "page=2" in first.headers["Link"]
    assert 'rel="prev"' in second.headers["Link"] and "page=1" in second.headers["Link"]
    assert len({whole.headers["ETag"], first.headers["ETag"], second.headers["ETag"]}) == 3
    last_page = (len(items) + 9) // 10
    last = admin.get(f"{API}/scores/{PERIOD}", params={"group": "CAX", "page": last_page, "page_size": 10})
    assert "next" not in last.headers.get("Link", "") and last.json()["items"] == items[(last_page - 1) * 10 :]


def test_an_unchanged_page_answers_304_and_a_change_gives_a_new_etag(admin):
    params = {"group": "CAX", "page": 1, "page_size": 5}
    first = admin.get(f"{API}/scores/{PERIOD}", params=params)
    again = admin.get(f"{API}/scores/{PERIOD}", params=params, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    # Locking the period freezes its scores: a new version, so a new ETag.
    assert admin.post(f"{API}/periods/{PERIOD}/lock").status_code == 200
    after = admin.get(f"{API}/scores/{PERIOD}", params=params, headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != first.headers["ETag"]


def test_bad_ranking_parameters_are_a_422_naming_each(admin):
    for params, field in (({"page": 0}, "page"), ({"page": 1, "page_size": 1001}, "page_size"), ({"page": "x"}, "page")):
        body = assert_problem(admin.get(f"{API}/scores/{PERIOD}", params=params), 422, field)
        assert body["errors"][0]["loc"] == ["query", field]
    unknown_ignored = admin.get(f"{API}/scores/{PERIOD}", params={"group": "CAX", "sort": "tên"})
    assert unknown_ignored.status_code == 200
