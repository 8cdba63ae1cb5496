"""Importing values over HTTP: outcomes, authorization, refusals located by row and column."""

from __future__ import annotations

import json

import pytest

from tests.imports.conftest import API, PERIOD, VALUE_HEADER, upload
from tests.imports.files import csv_bytes, xlsx_bytes

UNIT = "CAX-001"  # the unit of the demo reporter baocao.cax


def rows_for(unit: str = UNIT, period: str = PERIOD) -> list[list[object]]:
    return [
        VALUE_HEADER,
        [unit, period, "KL-01", 38, 40, "", "", "Đã ký cam kết"],
        [unit, period, "KL-04", "", "", 0, "", ""],
        [unit, period, "KL-03", "", "", "", "Có", ""],
    ]


def stored(query, unit: str = UNIT, period: str = PERIOD) -> dict[str, tuple]:
    rows = query(
        "SELECT v.indicator_code, v.numerator, v.denominator, v.count, v.flag, v.note FROM submission_values v "
        "JOIN submissions s ON s.id = v.submission_id JOIN units u ON u.id = s.unit_id "
        "JOIN periods p ON p.id = s.period_id WHERE u.code = :unit AND p.code = :period",
        unit=unit,
        period=period,
    )
    return {row[0]: row[1:] for row in rows}


def test_reporter_imports_own_values_then_reimport_is_unchanged(reporter, query):
    response = upload(reporter, csv_bytes(rows_for()))
    assert response.status_code == 200, response.text
    report = response.json()
    assert (
        report["rows"],
        report["created"],
        report["updated"],
        report["unchanged"],
        report["rejected"],
    ) == (3, 3, 0, 0, 0)
    assert report["applied"] is True
    assert stored(query) == {
        "KL-01": (38, 40, None, None, "Đã ký cam kết"),
        "KL-04": (None, None, 0, None, None),
        "KL-03": (None, None, None, 1, None),
    }
    again = upload(reporter, csv_bytes(rows_for())).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)

    changed = rows_for()
    changed[1][3] = 40
    third = upload(reporter, csv_bytes(changed)).json()
    assert (third["created"], third["updated"], third["unchanged"]) == (0, 1, 2)
    assert stored(query)["KL-01"][:2] == (40, 40)


def test_import_updates_the_score_and_writes_audit_and_bumps_the_form_version(reporter, query):
    before = query(
        "SELECT computed_at FROM scores s JOIN units u ON u.id = s.unit_id JOIN periods p "
        "ON p.id = s.period_id WHERE u.code = :u AND p.code = :p",
        u=UNIT,
        p=PERIOD,
    )
    etag_before = reporter.get(f"{API}/submissions/{PERIOD}/{UNIT}").headers.get("ETag")
    assert upload(reporter, csv_bytes(rows_for())).status_code == 200
    explained = reporter.get(f"{API}/scores/{PERIOD}/{UNIT}").json()
    entered = {item["code"]: item for item in explained["explanation"]["indicators"]}
    assert entered["KL-04"]["met"] is True
    after = query(
        "SELECT computed_at FROM scores s JOIN units u ON u.id = s.unit_id JOIN periods p "
        "ON p.id = s.period_id WHERE u.code = :u AND p.code = :p",
        u=UNIT,
        p=PERIOD,
    )
    assert after != before
    audit = query("SELECT actor, action, after FROM audit_log WHERE entity_key = :k", k=f"{PERIOD}/{UNIT}")
    assert [(actor, action) for actor, action, _ in audit] == [("baocao.cax", "values.import")]
    assert json.loads(audit[0][2]) == {"import_run": 1, "created": 3, "updated": 0}
    assert reporter.get(f"{API}/submissions/{PERIOD}/{UNIT}").headers.get("ETag") != etag_before


def test_dry_run_reports_and_writes_nothing(reporter, db_state):
    before = db_state()
    response = upload(reporter, csv_bytes(rows_for()), dry_run=True)
    assert response.status_code == 200
    report = response.json()
    assert report["dry_run"] is True and report["applied"] is False and report["created"] == 3
    assert db_state() == before


def _problem_rows(body) -> set[tuple[int, str | None]]:
    return {(problem["row"], problem["column"]) for problem in body["problems"]}


@pytest.mark.parametrize(
    ("bad_row", "column", "message"),
    [
        (["CAX-XXX", PERIOD, "KL-04", "", "", 0, "", ""], "Mã đơn vị", "Không có đơn vị"),
        ([UNIT, "2099-Z", "KL-04", "", "", 0, "", ""], "Mã kỳ báo cáo", "Không có kỳ"),
        ([UNIT, PERIOD, "KL-99", "", "", 0, "", ""], "Mã chỉ tiêu", "Không có chỉ tiêu"),
        ([UNIT, PERIOD, "KL-06", "", "", -2, "", ""], "Số lần", "không được âm"),
        ([UNIT, PERIOD, "KL-05", 12, 10, "", "", ""], "Tử số", "lớn hơn mẫu số"),
        ([UNIT, PERIOD, "KL-05", 1.5, 10, "", "", ""], "Tử số", "số nguyên"),
        ([UNIT, PERIOD, "SN-04", 3, 4, "", "", ""], "Mã chỉ tiêu", "không áp dụng"),
        ([UNIT, PERIOD, "KL-07", "", "", "", "Có", ""], "Có/Không", "không nhập"),
        ([UNIT, PERIOD, "TT-07", "", "", "", "chắc chắn", ""], "Có/Không", "Có hoặc Không"),
        (["CAX-002", PERIOD, "KL-04", "", "", 0, "", ""], "Mã đơn vị", "đơn vị mình"),
    ],
)
def test_a_bad_row_is_located_and_nothing_is_written(reporter, db_state, bad_row, column, message):
    before = db_state()
    data = rows_for() + [bad_row]
    response = upload(reporter, csv_bytes(data))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["rejected"] == 1 and body["applied"] is False
    assert [(p["row"], p["column"]) for p in body["problems"]] == [(5, column)]
    assert message in body["problems"][0]["message"]
    assert body["problems"][0]["cell"].endswith("5")
    assert body["errors"][0]["loc"] == ["file", 5, column]
    assert db_state() == before


def test_duplicated_rows_name_the_first_occurrence(reporter, db_state):
    before = db_state()
    data = rows_for() + [[UNIT, PERIOD, "KL-04", "", "", 1, "", ""]]
    body = upload(reporter, csv_bytes(data)).json()
    assert [(p["row"], p["message"]) for p in body["problems"]] == [
        (5, "Trùng với dòng 3 (cùng đơn vị, kỳ báo cáo, chỉ tiêu).")
    ]
    assert db_state() == before


def test_partial_mode_writes_the_valid_rows_and_reports_the_rest(reporter, query):
    data = rows_for() + [[UNIT, PERIOD, "KL-06", "", "", -1, "", ""]]
    response = upload(reporter, csv_bytes(data), all_or_nothing=False)
    assert response.status_code == 200
    report = response.json()
    assert (report["created"], report["rejected"], report["applied"]) == (3, 1, True)
    assert set(stored(query)) == {"KL-01", "KL-03", "KL-04"}


def test_locked_period_is_refused(reporter, admin, db_state):
    assert admin.post(f"{API}/periods/{PERIOD}/lock").status_code == 200
    before = db_state()
    body = upload(reporter, csv_bytes(rows_for())).json()
    assert body["rejected"] == 3
    assert {p["column"] for p in body["problems"]} == {"Mã kỳ báo cáo"}
    assert all("đã khóa" in p["message"] for p in body["problems"])
    assert db_state() == before


def test_approved_report_is_not_overwritten(admin, query, db_state):
    (unit,) = next(
        iter(
            query(
                "SELECT u.code FROM submissions s JOIN units u ON u.id = s.unit_id JOIN periods p ON p.id = s.period_id "
                "WHERE p.code = '2026-H1' AND s.status = 'approved' AND u.kind = 'commune_police' ORDER BY u.code LIMIT 1"
            )
        )
    )
    before = db_state()
    body = upload(admin, csv_bytes(rows_for(unit, "2026-H1"))).json()
    assert body["rejected"] == 3
    assert all("Đã duyệt" in p["message"] for p in body["problems"])
    assert db_state() == before


def test_admin_imports_for_several_units_and_leader_may_not(admin, leader):
    data = rows_for("CAX-003") + rows_for("CAX-004")[1:]
    report = upload(admin, csv_bytes(data)).json()
    assert (report["created"], report["rejected"]) == (6, 0)
    response = upload(leader, csv_bytes(rows_for()))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("data", "filename", "status", "message"),
    [
        (b"", "so-lieu.csv", 422, "rỗng"),
        (b"%PDF-1.7\n" + b"0" * 500, "so-lieu.csv", 422, "không được hỗ trợ"),
        (csv_bytes([["Tên", "Tuổi"], ["An", 3]]), "so-lieu.csv", 422, "Mã đơn vị"),
    ],
)
def test_unreadable_files_are_refused_whole(reporter, db_state, data, filename, status, message):
    before = db_state()
    response = upload(reporter, data, filename=filename)
    assert response.status_code == status
    assert message in response.json()["detail"]
    assert db_state() == before


def test_file_over_the_size_limit_is_refused_with_413(app, reporter, db_state):
    app.state.settings = app.state.settings.model_copy(update={"import_max_bytes": 200})
    before = db_state()
    response = upload(reporter, csv_bytes(rows_for() * 3))
    assert response.status_code == 413
    assert "quá lớn" in response.json()["detail"]
    assert db_state() == before


@pytest.mark.parametrize(("encoding", "delimiter"), [("cp1258", ";"), ("utf-16", "\t"), ("utf-8-sig", ",")])
def test_vietnamese_excel_csv_encodings_store_the_same_text(reporter, query, encoding, delimiter):
    note = "Công an xã đã tổ chức ký cam kết đầy đủ"
    data = rows_for()
    data[1][7] = note
    response = upload(reporter, csv_bytes(data, encoding=encoding, delimiter=delimiter))
    assert response.status_code == 200, response.text
    assert stored(query)["KL-01"][-1] == note


def test_xlsx_with_merged_header_formula_results_and_serial_dates(admin, query):
    from datetime import date, datetime

    from openpyxl.utils.datetime import to_excel

    top = ["Mã đơn vị", "Mã kỳ báo cáo", "Mã chỉ tiêu", "Tỷ lệ", None, "Ngày thực hiện"]
    bottom = [None, None, None, "Tử số", "Mẫu số", None]
    serial = int(to_excel(datetime(2026, 5, 4)))
    data = xlsx_bytes(
        [
            top,
            bottom,
            ["UBX-001", PERIOD, "SN-01", None, None, serial],
            ["UBX-001", PERIOD, "SN-02", 7, "=3+4", None],
        ],
        title_rows=1,
        merges=["A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3"],
    )
    body = upload(admin, data, filename="so-lieu.xlsx").json()
    # openpyxl saves formulas without results: the cell is reported, not read as empty.
    assert [(p["row"], p["column"], p["cell"]) for p in body["problems"]] == [(5, "Mẫu số", "E5")]
    assert "=3+4" in body["problems"][0]["message"]

    data = xlsx_bytes(
        [top, bottom, ["UBX-001", PERIOD, "SN-01", None, None, serial]], title_rows=1, merges=["D2:E2"]
    )
    assert upload(admin, data, filename="so-lieu.xlsx").json()["created"] == 1
    assert query(
        "SELECT v.date FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
        "JOIN units u ON u.id = s.unit_id WHERE u.code = 'UBX-001' AND v.indicator_code = 'SN-01' "
        "AND s.period_id = (SELECT id FROM periods WHERE code = :p)",
        p=PERIOD,
    ) == [(date(2026, 5, 4).isoformat(),)]


def test_json_import(reporter, query):
    items = [
        {"unit": UNIT, "period": PERIOD, "indicator": "KL-04", "count": 1},
        {"unit": UNIT, "period": PERIOD, "indicator": "KL-06", "count": -1},
    ]
    body = upload(reporter, json.dumps({"values": items}).encode(), filename="so-lieu.json").json()
    assert [(p["row"], p["column"], p["cell"]) for p in body["problems"]] == [(2, "count", None)]


def test_a_large_import_recomputes_scores_after_the_response(admin, query, monkeypatch, run_jobs):
    from api.services.imports import values

    monkeypatch.setattr(values, "SYNC_RECOMPUTE_UNITS", 1)
    score_sql = (
        "SELECT s.computed_at FROM scores s JOIN units u ON u.id = s.unit_id JOIN periods p "
        "ON p.id = s.period_id WHERE u.code = 'CAX-005' AND p.code = :p"
    )
    before = query(score_sql, p=PERIOD)
    report = upload(admin, csv_bytes(rows_for("CAX-005") + rows_for("CAX-006")[1:])).json()
    assert report["scores_pending"] == [PERIOD]
    assert query(score_sql, p=PERIOD) == before
    assert run_jobs() == 1  # the recompute is a job of the queue, run by the worker after the response
    assert query(score_sql, p=PERIOD) != before
    met = {
        i["code"]: i["met"]
        for i in admin.get(f"{API}/scores/{PERIOD}/CAX-005").json()["explanation"]["indicators"]
    }
    assert met["KL-04"] is True


def total_of(client, unit: str) -> str:
    """The unit's stored total (its explained score: a ranking shows no total for an unranked draft)."""
    return client.get(f"{API}/scores/{PERIOD}/{unit}").json()["total"]


def test_a_ranking_says_its_scores_are_pending_until_the_deferred_recompute_ends(admin, monkeypatch, run_jobs):
    from api.services.imports import values

    monkeypatch.setattr(values, "SYNC_RECOMPUTE_UNITS", 1)
    ranking_url = f"{API}/scores/{PERIOD}?group=CAX"
    fresh = admin.get(ranking_url)
    assert fresh.json()["scores_pending"] is False
    fresh_total = total_of(admin, "CAX-005")
    upload(admin, csv_bytes(rows_for("CAX-005") + rows_for("CAX-006")[1:]))
    pending = admin.get(ranking_url, headers={"If-None-Match": fresh.headers["ETag"]})
    assert pending.status_code == 200 and pending.json()["scores_pending"] is True
    assert total_of(admin, "CAX-005") == fresh_total  # not rescored yet
    run_jobs()
    done = admin.get(ranking_url, headers={"If-None-Match": pending.headers["ETag"]})
    assert done.status_code == 200 and done.json()["scores_pending"] is False
    assert total_of(admin, "CAX-005") != fresh_total


def test_repeated_cells_for_different_indicators_are_validated_for_each(reporter):
    # "Có" is a valid flag for KL-03 but not a count for KL-04: remembering the first answer must
    # not leak into the second.
    data = [
        VALUE_HEADER,
        [UNIT, PERIOD, "KL-03", "", "", "", "Có", ""],
        [UNIT, PERIOD, "TT-07", "", "", "", "Có", ""],
        [UNIT, PERIOD, "KL-04", "", "", "", "Có", ""],
    ]
    body = upload(reporter, csv_bytes(data)).json()
    assert [(p["row"], p["column"]) for p in body["problems"]] == [(4, "Có/Không")]


def test_scores_left_pending_without_a_job_are_recomputed_when_a_worker_starts(app, database, run_jobs):
    from sqlalchemy import select, update

    from api.db.models import Period, Score, Unit
    from api.services.worker import Worker

    period_id = select(Period.id).where(Period.code == PERIOD).scalar_subquery()
    score = (Score.period_id == period_id) & (Score.unit_id == select(Unit.id).where(Unit.code == UNIT).scalar_subquery())
    with database.begin() as connection:
        computed = connection.scalar(select(Score.total).where(score))
        # As after a kill during the deferred recompute: values newer than the stored score.
        connection.execute(update(Score).where(score).values(total="0", fingerprint=""))
        connection.execute(update(Period).where(Period.code == PERIOD).values(scores_pending=True))
    with Worker(app.state.read_sessions, app.state.write_sessions, app.state.settings) as worker:
        worker.start()  # as after a migration that marks periods pending, or a server older than the queue
    run_jobs()
    with database.connect() as connection:
        assert connection.scalar(select(Score.total).where(score)) == computed
        assert connection.scalar(select(Period.scores_pending).where(Period.code == PERIOD)) is False


def test_rows_of_new_and_stored_reports_in_one_file_each_get_their_outcome(admin, query, db_state):
    """A report that did not exist (SQLite writes its rows without the staging table) and a stored one (staged,
    compared with its values) in one file: what each row does, the drafts, versions and audit entries."""
    stored_unit = "CAX-002"
    assert upload(admin, csv_bytes(rows_for(stored_unit)), key="stored-first").json()["created"] == 3
    new_unit = "CAX-071"
    data = [
        *rows_for(new_unit),
        [new_unit, PERIOD, "KL-05", "", "", "", "", "Chưa có số liệu"],  # a note only: nothing to annotate
        [new_unit, PERIOD, "KL-06", "[xóa]", "", "", "", ""],  # nothing stored to clear: unchanged
        [stored_unit, PERIOD, "KL-01", 39, 40, "", "", ""],  # changed; the empty note keeps the stored one
        [stored_unit, PERIOD, "KL-04", "", "", 0, "", ""],  # as stored
    ]
    before = db_state()
    dry = upload(admin, csv_bytes(data), dry_run=True, all_or_nothing=False).json()
    assert db_state() == before
    report = upload(admin, csv_bytes(data), all_or_nothing=False).json()
    outcome = [report[name] for name in ("created", "updated", "unchanged", "rejected", "applied")]
    assert outcome == [3, 1, 2, 1, True]
    assert [dry[name] for name in ("created", "updated", "unchanged", "rejected")] == outcome[:4]
    assert [(p["row"], p["message"][:25]) for p in report["problems"]] == [(5, "Chưa có số liệu chỉ tiêu ")]
    assert stored(query, new_unit) == {
        "KL-01": (38, 40, None, None, "Đã ký cam kết"), "KL-04": (None, None, 0, None, None),
        "KL-03": (None, None, None, 1, None),
    }  # fmt: skip
    assert stored(query, stored_unit)["KL-01"] == (39, 40, None, None, "Đã ký cam kết")
    reports = query(
        "SELECT u.code, s.status, s.version FROM submissions s JOIN units u ON u.id = s.unit_id "
        "JOIN periods p ON p.id = s.period_id WHERE p.code = :p AND u.code IN (:a, :b) ORDER BY u.code",
        p=PERIOD, a=stored_unit, b=new_unit,
    )  # fmt: skip
    assert reports == [(stored_unit, "draft", 3), (new_unit, "draft", 2)]
    audit = query(
        "SELECT entity_key, json_extract(after, '$.created'), json_extract(after, '$.updated') FROM audit_log "
        "WHERE action = 'values.import' AND entity_key IN (:a, :b) ORDER BY id DESC LIMIT 2",
        a=f"{PERIOD}/{stored_unit}", b=f"{PERIOD}/{new_unit}",
    )  # fmt: skip
    assert sorted(audit) == [(f"{PERIOD}/{stored_unit}", 0, 1), (f"{PERIOD}/{new_unit}", 3, 0)]


def test_text_of_new_reports_is_stored_exactly_as_read(admin, query):
    """SQLite sends a chunk's rows as one JSON text: notes with characters JSON escapes (quotes, backslashes,
    line breaks, characters beyond the BMP) are stored exactly as the file holds them."""
    note = 'Đạt "100%" \\ theo Nghị quyết 12/NQ-HĐND\ndòng 2 ✅ 😀 𝕏'
    response = upload(admin, csv_bytes([VALUE_HEADER, ["CAX-072", PERIOD, "KL-01", 38, 40, "", "", note]]))
    assert response.status_code == 200, response.text
    assert stored(query, "CAX-072") == {"KL-01": (38, 40, None, None, note)}


def test_rows_checked_a_block_at_a_time_keep_file_order(reporter, query, monkeypatch):
    """The file is checked a block of rows at a time (`Table.raw_blocks`; here 3 rows a block). A block with a
    row the fast check does not take is split, in the file's order, down to that row, so a duplicate names the
    first occurrence in the file's order, in an earlier block or in its own, and a blank row keeps the numbering."""
    from api.services.imports import tables

    monkeypatch.setattr(tables, "BLOCK_ROWS", 3)
    spaced = f" {UNIT} "  # found once stripped: the full check (`_check_row`)
    data = [
        *rows_for(),  # rows 2-4: KL-01, KL-04, KL-03
        [UNIT, PERIOD, "KL-06", "", "", 2, "", ""],  # 5
        [UNIT, PERIOD, "KL-04", "", "", 1, "", ""],  # 6: repeats row 3, of the block before
        [spaced, PERIOD, "KL-07", "", "", 3, "", ""],  # 7
        [spaced, PERIOD, "KL-09", "", "", 4, "", ""],  # 8
        [UNIT, PERIOD, "KL-09", "", "", 5, "", ""],  # 9: repeats row 8, of its own block
        ["", "", "", "", "", "", "", ""],  # 10: blank
        [UNIT, PERIOD, "TT-01", "", "", 6, "", ""],  # 11
        [UNIT, PERIOD, "TT-01", "", "", 7, "", ""],  # 12: repeats row 11, of its own block
        [UNIT, PERIOD, "TT-02", "", "", 8, "", ""],  # 13
    ]
    report = upload(reporter, csv_bytes(data), all_or_nothing=False).json()
    repeats = [(6, 3), (9, 8), (12, 11)]
    assert [(p["row"], p["message"]) for p in report["problems"]] == [
        (row, f"Trùng với dòng {first} (cùng đơn vị, kỳ báo cáo, chỉ tiêu).") for row, first in repeats
    ]
    assert [report[name] for name in ("rows", "created", "rejected", "skipped_empty")] == [12, 8, 3, 1]
    counts = {code: value[2] for code, value in stored(query).items() if value[2] is not None}
    assert counts == {"KL-04": 0, "KL-06": 2, "KL-07": 3, "KL-09": 4, "TT-01": 6, "TT-02": 8}



DEMO_PERIOD = "2026-H1"  # the demo period with received reports, their failed indicators in its report
UNEXPLAINED = ("SELECT count(*) FROM scores s JOIN periods p ON p.id = s.period_id "
               "WHERE p.code = :p AND s.explanation IS NULL")


def defer_recompute(app, query, period: str) -> None:
    """Mark the period's scores pending and let a starting worker queue their recompute (as a large import's
    commit queues it), then run it: its scores are stored without explanations, their job due later."""
    from api.services.worker import Worker

    query("UPDATE periods SET scores_pending = TRUE WHERE code = :p", p=period)
    with Worker(app.state.read_sessions, app.state.write_sessions, app.state.settings) as worker:
        worker.start()


def test_the_deferred_recompute_ranks_first_and_its_explanations_follow_the_same(app, admin, query, run_jobs,
                                                                                   monkeypatch):
    """The deferred recompute writes scores without explanations (rankings fresh sooner); until its EXPLAIN
    jobs store them (here 7 units a job), every reader builds them from the same inputs: the unit's
    explained score, the explained export and the period report read the same before and after, and the
    rows then hold what a full recompute writes (it rewrites none)."""
    from sqlalchemy import select

    from api.db.models import Period
    from api.services import scoring, transaction

    monkeypatch.setattr(scoring, "_EXPLAIN_CHUNK", 7)

    def readings() -> tuple:
        return (
            admin.get(f"{API}/scores/{DEMO_PERIOD}/CAX-005").json(),
            admin.get(f"{API}/exports/{DEMO_PERIOD}/explained", params={"format": "csv"}).content,
            admin.get(f"{API}/reports/{DEMO_PERIOD}").json(),
        )

    expected = readings()
    defer_recompute(app, query, DEMO_PERIOD)
    run_jobs()
    assert admin.get(f"{API}/scores/{DEMO_PERIOD}?group=CAX").json()["scores_pending"] is False
    assert query(UNEXPLAINED, p=DEMO_PERIOD)[0][0] > 20
    before = readings()
    units = query(UNEXPLAINED, p=DEMO_PERIOD)[0][0]
    assert run_jobs(seconds=scoring.EXPLAIN_DELAY.total_seconds()) >= units // 7
    assert query(UNEXPLAINED, p=DEMO_PERIOD) == [(0,)]
    after = readings()
    for reading in (before, after):
        assert reading[0]["explanation"] == expected[0]["explanation"]
        assert reading[1] == expected[1]
        assert reading[2]["failed_indicators"] == expected[2]["failed_indicators"] != []
    rows = ("SELECT s.unit_id, s.fingerprint, s.computed_at FROM scores s JOIN periods p ON p.id = s.period_id "
            "WHERE p.code = :p ORDER BY s.unit_id")
    filled = query(rows, p=DEMO_PERIOD)
    with transaction.owned(app.state.write_sessions) as session:
        scoring.recompute_period(session, session.scalars(select(Period).where(Period.code == DEMO_PERIOD)).one())
    assert query(rows, p=DEMO_PERIOD) == filled


def test_explanations_left_unbuilt_are_built_when_a_worker_starts(app, query, run_jobs):
    from api.services.worker import Worker

    defer_recompute(app, query, DEMO_PERIOD)
    run_jobs()
    query("DELETE FROM jobs WHERE kind = 'scores.explain_period'")  # as if it had failed for good
    assert query(UNEXPLAINED, p=DEMO_PERIOD)[0][0] > 20
    with Worker(app.state.read_sessions, app.state.write_sessions, app.state.settings) as worker:
        worker.start()
    run_jobs()
    assert query(UNEXPLAINED, p=DEMO_PERIOD) == [(0,)]


def two_periods_of(units: list[str]) -> list[list[object]]:
    return rows_for(units[0]) + [row for unit in units for period in (PERIOD, "2027-H1")
                                 for row in rows_for(unit, period)[1:] if (unit, period) != (units[0], PERIOD)]  # fmt: skip


def recomputes_two_periods_in_pool(app, client, query, monkeypatch) -> None:
    """A deferred recompute of two periods runs both at once in a worker's pool of 2 processes, and leaves
    them fresh and explained (``client`` an administrator, ``query`` the app's database)."""
    from api.services import worker as worker_module
    from api.services.imports import values

    monkeypatch.setattr(values, "SYNC_RECOMPUTE_UNITS", 1)
    report = upload(client, csv_bytes(two_periods_of(["CAX-040", "CAX-041"]))).json()
    assert sorted(report["scores_pending"]) == ["2026-Y", "2027-H1"]
    in_processes = []
    original = worker_module.Worker._run_in_processes
    monkeypatch.setattr(worker_module.Worker, "_run_in_processes",
                        lambda self, claimed: in_processes.append(len(claimed)) or original(self, claimed))  # fmt: skip
    state = app.state
    settings = state.settings.model_copy(update={"recompute_processes": 2})
    with worker_module.Worker(state.read_sessions, state.write_sessions, settings) as worker:
        assert worker.run_until_idle() == 2
    assert in_processes == [2]
    assert query("SELECT code FROM periods WHERE scores_pending") == []
    for period in ("2026-Y", "2027-H1"):
        explained = client.get(f"{API}/scores/{period}/CAX-040").json()
        assert {item["code"]: item["met"] for item in explained["explanation"]["indicators"]}["KL-04"] is True
        assert client.get(f"{API}/scores/{period}?group=CAX").json()["scores_pending"] is False


def test_sqlite_recomputes_periods_in_parallel_processes(app, admin, query, monkeypatch):
    """On a SQLite file the deferred recomputes of several periods run at once in the worker's pool, as on
    PostgreSQL: each computes from a read snapshot and only its writes take the one writer's place."""
    recomputes_two_periods_in_pool(app, admin, query, monkeypatch)


def test_a_change_committed_after_the_recompute_read_its_snapshot_is_not_undone(app, admin, reporter, query, monkeypatch):
    """SQLite's deferred recompute computes outside the write transaction; a save committed meanwhile bumps
    the period's scores version, so the recompute does not write the rows it computed before the save but
    recomputes inside its write transaction."""
    from api.services import scoring, transaction
    from api.services.imports import values
    from api.services.worker import Worker

    monkeypatch.setattr(values, "SYNC_RECOMPUTE_UNITS", 1)
    report = upload(admin, csv_bytes(rows_for("CAX-005") + rows_for("CAX-006")[1:])).json()
    assert report["scores_pending"] == [PERIOD]  # deferred: its recompute is queued
    period_id = query("SELECT id FROM periods WHERE code = :p", p=PERIOD)[0][0]
    with Worker(app.state.read_sessions, app.state.write_sessions, app.state.settings) as worker:
        writes = scoring.JOB_KINDS[scoring.RECOMPUTE].run(worker.context, {"period_id": period_id})
    total = "SELECT s.total FROM scores s JOIN units u ON u.id = s.unit_id WHERE s.period_id = :p AND u.code = :u"
    before = query(total, p=period_id, u=UNIT)
    monkeypatch.setattr(values, "SYNC_RECOMPUTE_UNITS", 1000)
    changed = rows_for(UNIT)
    changed[1][3:5] = [1, 40]  # KL-01: 1 of 40 instead of 38
    assert upload(reporter, csv_bytes(changed)).status_code == 200  # rescored in its own transaction
    saved = query(total, p=period_id, u=UNIT)
    assert saved != before
    with transaction.owned(app.state.write_sessions) as session:
        writes(session)
    assert query(total, p=period_id, u=UNIT) == saved
    assert query("SELECT scores_pending FROM periods WHERE id = :p", p=period_id) == [(0,)]


def test_a_unit_rescored_while_its_explanation_is_built_keeps_its_own(app, admin, reporter, query, monkeypatch):
    """An EXPLAIN job builds from a read snapshot; a unit whose report is saved before the job writes has its
    new score's explanation, which the job does not overwrite with the one it built."""
    from api.services import scoring, transaction
    from api.services.worker import Worker

    defer_recompute(app, query, PERIOD)
    with Worker(app.state.read_sessions, app.state.write_sessions, app.state.settings) as worker:
        worker.run_until_idle()  # the recompute, without explanations
        period_id = query("SELECT id FROM periods WHERE code = :p", p=PERIOD)[0][0]
        writes = scoring.JOB_KINDS[scoring.EXPLAIN].run(worker.context, {"period_id": period_id})
    changed = rows_for(UNIT)
    changed[1][3:5] = [1, 40]  # KL-01: 1 of 40
    assert upload(reporter, csv_bytes(changed)).status_code == 200  # rescored with its explanation
    with transaction.owned(app.state.write_sessions) as session:
        writes(session)
    explanation = query("SELECT s.explanation FROM scores s JOIN units u ON u.id = s.unit_id "
                        "WHERE s.period_id = :p AND u.code = :u", p=period_id, u=UNIT)[0][0]
    kl01 = next(item for item in json.loads(explanation)["indicators"] if item["code"] == "KL-01")
    assert (kl01["value"]["numerator"], kl01["value"]["denominator"]) == (1, 40)
    assert query(UNEXPLAINED, p=PERIOD) == [(0,)]



def test_a_row_whose_stored_score_aged_is_rescored_with_its_explanation(app, query, run_jobs):
    """The EXPLAIN job writes an explanation only beside the score it was built for; a row stored without
    one whose score is no longer what its inputs give is rescored (and explained) instead of left without."""
    from api.services import scoring

    defer_recompute(app, query, DEMO_PERIOD)
    run_jobs()
    score = ("SELECT s.total, s.explanation IS NULL FROM scores s JOIN units u ON u.id = s.unit_id "
             "JOIN periods p ON p.id = s.period_id WHERE p.code = :p AND u.code = 'CAX-005'")
    total = query(score, p=DEMO_PERIOD)[0][0]
    query("UPDATE scores SET total = '1/3', fingerprint = 'aged' WHERE unit_id = (SELECT id FROM units "
          "WHERE code = 'CAX-005') AND period_id = (SELECT id FROM periods WHERE code = :p)", p=DEMO_PERIOD)
    run_jobs(seconds=scoring.EXPLAIN_DELAY.total_seconds())
    assert query(score, p=DEMO_PERIOD) == [(total, 0)]
    assert query(UNEXPLAINED, p=DEMO_PERIOD) == [(0,)]
