"""The values import on PostgreSQL: COPY into the staging table, the merge, refusals, idempotency."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from tests.imports.conftest import API, PERIOD, upload
from tests.imports.files import csv_bytes
from tests.imports.test_values_import import (
    UNIT,
    recomputes_two_periods_in_pool,
    rows_for,
    stored,
    two_periods_of,
)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def postgres_url(seeded_postgres) -> str:
    return seeded_postgres()


@pytest.fixture(scope="module")
def postgres_app(postgres_url, tmp_path_factory):
    from api.main import create_app
    from api.settings import Settings

    folder = tmp_path_factory.mktemp("pg-import")
    application = create_app(Settings(database_url=postgres_url, evidence_dir=folder / "evidence",
                                      frontend_dist=folder / "no-spa"))  # fmt: skip
    yield application
    application.state.engine.dispose()


@pytest.fixture(scope="module")
def pg_reporter(postgres_app):
    from backend_support import DEMO_PASSWORD

    with TestClient(postgres_app) as client:
        response = client.post(
            f"{API}/auth/login", json={"username": "baocao.cax", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, response.text
        client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
        yield client


@pytest.fixture(scope="module")
def pg_query(postgres_url):
    engine = create_engine(postgres_url)

    def run(sql: str, **params) -> list[tuple]:
        with engine.begin() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]

    yield run
    engine.dispose()


def stored_count(pg_query) -> int:
    return pg_query(
        "SELECT count(*) FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
        "JOIN periods p ON p.id = s.period_id WHERE p.code = :p", p=PERIOD,
    )[0][0]  # fmt: skip


def test_postgres_import_creates_then_finds_unchanged_and_refuses_bad_files_whole(pg_reporter, pg_query):
    before = stored_count(pg_query)
    bad = csv_bytes(rows_for() + [[UNIT, PERIOD, "KL-05", 12, 10, "", "", ""]])
    refused = upload(pg_reporter, bad)
    assert refused.status_code == 422
    assert [(p["row"], p["column"]) for p in refused.json()["problems"]] == [(5, "Tử số")]
    assert stored_count(pg_query) == before

    dry = upload(pg_reporter, csv_bytes(rows_for()), dry_run=True).json()
    assert (dry["created"], dry["applied"]) == (3, False)
    assert stored_count(pg_query) == before

    first = upload(pg_reporter, csv_bytes(rows_for()), key="pg-1")
    assert first.status_code == 200, first.text
    assert first.json()["created"] == 3
    assert stored_count(pg_query) == before + 3
    assert pg_query(
        "SELECT v.flag, v.note FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
        "JOIN units u ON u.id = s.unit_id JOIN periods p ON p.id = s.period_id "
        "WHERE u.code = :u AND p.code = :p AND v.indicator_code IN ('KL-03', 'KL-01') ORDER BY v.indicator_code",
        u=UNIT, p=PERIOD,
    ) == [(None, "Đã ký cam kết"), (True, None)]  # fmt: skip

    replay = upload(pg_reporter, csv_bytes(rows_for()), key="pg-1")
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json() == first.json()
    again = upload(pg_reporter, csv_bytes(rows_for())).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert stored_count(pg_query) == before + 3


def test_postgres_import_keeps_omitted_notes_clears_on_the_marker_and_counts_empty_rows(pg_reporter, pg_query):
    assert upload(pg_reporter, csv_bytes(rows_for())).status_code == 200
    rows = [row[:-1] for row in rows_for()]  # no note column
    rows[1][3] = 37
    rows[2][5] = "[xóa]"
    report = upload(pg_reporter, csv_bytes([*rows, [], ["", ""]])).json()
    assert [report[name] for name in ("rows", "updated", "unchanged", "skipped_empty")] == [5, 2, 1, 2]
    assert pg_query(
        "SELECT v.indicator_code, v.numerator, v.note FROM submission_values v "
        "JOIN submissions s ON s.id = v.submission_id JOIN units u ON u.id = s.unit_id "
        "JOIN periods p ON p.id = s.period_id WHERE u.code = :u AND p.code = :p ORDER BY 1",
        u=UNIT, p=PERIOD,
    ) == [("KL-01", 37, "Đã ký cam kết"), ("KL-03", None, None)]  # fmt: skip


def test_postgres_import_of_a_windows_1258_file_stores_nfc_text(pg_reporter, pg_query):
    note = "Đạt, Tốt"
    header = ["unit", "period", "indicator", "numerator", "denominator", "count", "flag", "note"]
    data = csv_bytes([header, [UNIT, PERIOD, "KL-06", "", "", 1, "", note]], encoding="cp1258")
    assert upload(pg_reporter, data).status_code == 200
    assert pg_query(
        "SELECT v.note FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
        "JOIN units u ON u.id = s.unit_id JOIN periods p ON p.id = s.period_id "
        "WHERE u.code = :u AND p.code = :p AND v.indicator_code = 'KL-06'",
        u=UNIT, p=PERIOD,
    ) == [(note,)]  # fmt: skip


def test_postgres_text_of_new_reports_is_stored_exactly_as_read(pg_admin, pg_query):
    """New reports' values go by COPY, whose text format escapes backslashes, tabs and line breaks: notes
    with those, quotes and characters beyond the BMP are stored exactly as the file holds them, and a date
    arrives as a date."""
    note = 'Đạt "100%" \\ theo Nghị quyết 12/NQ-HĐND\ndòng 2\t\\N ✅ 😀 𝕏'
    rows = [["unit", "period", "indicator", "numerator", "denominator", "count", "flag", "note"],
            ["CAX-073", PERIOD, "KL-01", 38, 40, "", "", note]]  # fmt: skip
    response = upload(pg_admin, csv_bytes(rows), key="pg-new-report-text")
    assert response.status_code == 200, response.text
    assert stored(pg_query, "CAX-073") == {"KL-01": (38, 40, None, None, note)}


@pytest.fixture(scope="module")
def pg_admin(postgres_app):
    from backend_support import DEMO_PASSWORD

    with TestClient(postgres_app) as client:
        response = client.post(f"{API}/auth/login", json={"username": "admin", "password": DEMO_PASSWORD})
        assert response.status_code == 200, response.text
        client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
        yield client


WRITTEN = {
    "values": "SELECT count(*) FROM submission_values",
    "reports": "SELECT count(*), coalesce(sum(version), 0) FROM submissions",
    "audit": "SELECT count(*) FROM audit_log",
    "jobs": "SELECT count(*) FROM jobs",
    "pending": "SELECT count(*) FROM periods WHERE scores_pending",
}


def written(pg_query) -> dict[str, list[tuple]]:
    """What an import may write, to prove that a refused or dry-run one wrote nothing."""
    return {name: pg_query(sql) for name, sql in WRITTEN.items()}


def test_postgres_import_over_many_copy_chunks_is_all_or_nothing_and_audited_in_bulk(pg_admin, pg_query, monkeypatch):
    from api.services.imports import values

    monkeypatch.setattr(values, "CHUNK_ROWS", 2)  # every two rows a COPY of their own
    data = two_periods_of(["CAX-020", "CAX-021"])
    before = written(pg_query)
    refused = upload(pg_admin, csv_bytes(data + [["CAX-022", PERIOD, "KL-01", 41, 40, "", "", ""]]), key="pg-chunks")
    assert refused.status_code == 422
    assert [(p["row"], p["column"]) for p in refused.json()["problems"]] == [(len(data) + 1, "Tử số")]
    assert refused.json()["created"] == 12 and refused.json()["applied"] is False
    assert written(pg_query) == before  # nothing of the 12 valid rows, no draft, no audit entry

    first = upload(pg_admin, csv_bytes(data), key="pg-chunks-ok")
    assert first.status_code == 200, first.text
    assert [first.json()[name] for name in ("created", "updated", "unchanged")] == [12, 0, 0]
    audit = pg_query(
        "SELECT entity_key, after FROM audit_log WHERE action = 'values.import' AND entity_key LIKE '%/CAX-02_' "
        "ORDER BY entity_key"
    )
    run_id = audit[0][1]["import_run"]
    assert audit == [
        (f"{period}/{unit}", {"import_run": run_id, "created": 3, "updated": 0})
        for period in ("2026-Y", "2027-H1") for unit in ("CAX-020", "CAX-021")
    ]  # fmt: skip
    assert pg_query(
        "SELECT DISTINCT s.version FROM submissions s JOIN units u ON u.id = s.unit_id JOIN periods p ON p.id = s.period_id "
        "WHERE u.code IN ('CAX-020', 'CAX-021') AND p.code IN ('2026-Y', '2027-H1')"
    ) == [(2,)]  # created as a draft, then bumped like any changed report

    after = written(pg_query)
    replay = upload(pg_admin, csv_bytes(data), key="pg-chunks-ok")
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json() == first.json()
    assert written(pg_query) == after


def test_postgres_dry_run_of_a_national_file_writes_nothing_and_queues_nothing(pg_admin, pg_query, monkeypatch):
    from api.services.imports import values

    monkeypatch.setattr(values, "SYNC_RECOMPUTE_UNITS", 1)
    before = written(pg_query)
    report = upload(pg_admin, csv_bytes(two_periods_of(["CAX-030", "CAX-031"])), dry_run=True).json()
    assert (report["created"], report["applied"], report["scores_pending"]) == (12, False, [])
    assert written(pg_query) == before


def test_postgres_deferred_recompute_runs_the_periods_in_parallel_processes(postgres_app, pg_admin, pg_query, monkeypatch):
    recomputes_two_periods_in_pool(postgres_app, pg_admin, pg_query, monkeypatch)


def test_postgres_score_locks_of_one_period_never_hold_up_another(postgres_app, pg_query):
    from sqlalchemy.exc import OperationalError

    from api.db.repositories import units

    period_a, period_b = (pg_query("SELECT id FROM periods WHERE code = :c", c=code)[0][0] for code in ("2026-Y", "2027-H1"))
    group_id = pg_query("SELECT min(id) FROM emulation_groups")[0][0]
    sessions = postgres_app.state.write_sessions
    with sessions() as holder, sessions() as other:
        units.lock_groups(holder, period_a)  # as a period's recompute does, every group
        other.execute(text("SET lock_timeout = '500ms'"))
        units.lock_groups(other, period_b)  # a save (or recompute) of another period goes through
        other.rollback()
        other.execute(text("SET lock_timeout = '500ms'"))
        with pytest.raises(OperationalError):
            units.lock_groups(other, period_a, [group_id])
        other.rollback()
        holder.rollback()


def test_postgres_partial_import_over_many_chunks_writes_new_and_changed_values_and_refuses_the_rest(pg_admin, pg_query, monkeypatch):
    """Chunks settled one by one: a file mixing changed, unchanged and new values with rows refused in
    Python (a fraction) and in SQL (a note for a value never stored), written without the refused rows."""
    from api.services.imports import values
    from tests.imports.conftest import VALUE_HEADER
    from tests.imports.test_values_import import stored

    monkeypatch.setattr(values, "CHUNK_ROWS", 2)
    first = upload(pg_admin, csv_bytes(rows_for("CAX-050")), key="pg-partial-1").json()
    assert (first["created"], first["applied"]) == (3, True)
    data = [
        VALUE_HEADER,
        ["CAX-050", PERIOD, "KL-01", 39, 40, "", "", ""],  # changed, its note kept
        ["CAX-050", PERIOD, "KL-04", "", "", 0, "", ""],  # unchanged
        ["CAX-051", PERIOD, "KL-01", 10, 40, "", "", ""],  # new
        ["CAX-051", PERIOD, "KL-04", "", "", "", "", "Chỉ ghi chú"],  # no value to annotate: refused in SQL
        ["CAX-051", PERIOD, "KL-03", "", "", "", "Có", ""],  # new
        ["CAX-051", "2027-H1", "KL-01", "1,5", 40, "", "", ""],  # a fraction: refused in Python
        ["CAX-050", PERIOD, "KL-03", "", "", "", "Không", ""],  # changed
    ]
    report = upload(pg_admin, csv_bytes(data), key="pg-partial-2", all_or_nothing=False).json()
    counts = ("created", "updated", "unchanged", "rejected")
    assert ([report[name] for name in counts], report["applied"]) == ([2, 2, 1, 2], True)
    assert [problem["row"] for problem in report["problems"]] == [5, 7]
    assert stored(pg_query, "CAX-050") == {
        "KL-01": (39, 40, None, None, "Đã ký cam kết"), "KL-04": (None, None, 0, None, None),
        "KL-03": (None, None, None, False, None),
    }  # fmt: skip
    assert stored(pg_query, "CAX-051") == {
        "KL-01": (10, 40, None, None, None), "KL-03": (None, None, None, True, None),
    }  # fmt: skip
    audit = pg_query(
        "SELECT entity_key, after->>'created', after->>'updated' FROM audit_log WHERE action = 'values.import' "
        "AND (after->>'import_run')::int = (SELECT max((after->>'import_run')::int) FROM audit_log "
        "WHERE action = 'values.import') "
        "ORDER BY entity_key"
    )
    assert audit == [(f"{PERIOD}/CAX-050", "0", "2"), (f"{PERIOD}/CAX-051", "2", "0")]


def test_postgres_merge_of_a_value_saved_since_the_counts_falls_back_to_the_upsert(postgres_url):
    """A form's save of a new slot between the counts and the merge makes the plain insert conflict: its
    savepoint is rolled back and the rows are merged by INSERT ... ON CONFLICT instead."""
    from datetime import UTC, datetime

    from api.db.engine import make_engine, session_factories
    from api.db.repositories import value_imports as repo

    engine = make_engine(postgres_url)
    with session_factories(engine)[1]() as session:
        period_id, unit_id = session.execute(text(
            "SELECT p.id, u.id FROM periods p, units u WHERE p.code = :p AND u.code = 'CAX-052'"), {"p": PERIOD}
        ).one()  # fmt: skip
        repo.create_staging(session)
        repo.stage(session, repo.staging_loader(session), [
            (2, period_id, unit_id, "KL-01", False, 30, 40, None, None, None, None, False, True, False),
            (3, period_id, unit_id, "KL-04", False, None, None, 2, None, None, None, False, True, False),
        ], analyse=True)  # fmt: skip
        repo.fill_kept(session)
        counts = repo.count_outcomes(session)
        assert counts == (2, 0, 0)
        repo.create_missing_submissions(session, datetime.now(UTC))
        session.execute(text(  # the form's save, since the counts
            "INSERT INTO submission_values (submission_id, indicator_code, count) SELECT id, 'KL-04', 1 "
            "FROM submissions WHERE period_id = :p AND unit_id = :u"), {"p": period_id, "u": unit_id})  # fmt: skip
        repo.merge_values(session, counts)
        rows = session.execute(text(
            "SELECT v.indicator_code, v.numerator, v.count FROM submission_values v JOIN submissions s "
            "ON s.id = v.submission_id WHERE s.period_id = :p AND s.unit_id = :u ORDER BY 1"),
            {"p": period_id, "u": unit_id}).all()  # fmt: skip
        assert [tuple(row) for row in rows] == [("KL-01", 30, None), ("KL-04", None, 2)]
        session.rollback()
    engine.dispose()


def test_postgres_insert_of_new_values_skips_the_per_row_foreign_key_check_only_when_it_may(postgres_url):
    """A superuser's merge inserts new values with `session_replication_role = replica` (the foreign key
    then is not checked once per row), after locking every report written to `FOR KEY SHARE` (as the
    per-row check does), and resets it after the insert; a role without the privilege, or a trigger of
    our own on `submission_values` (which the setting would skip too), keeps the ordinary insert."""
    from datetime import UTC, datetime

    from sqlalchemy.exc import OperationalError

    from api.db.engine import make_engine, session_factories
    from api.db.repositories import value_imports as repo

    engine = make_engine(postgres_url)
    role = lambda session: session.scalar(text("SELECT current_setting('session_replication_role')"))
    with session_factories(engine)[1]() as session:
        period_id, unit_id, stored_id = session.execute(text(
            "SELECT p.id, u.id, s.id FROM periods p, units u, submissions s WHERE p.code = :p AND "
            "u.code = 'CAX-053' AND s.period_id <> p.id ORDER BY s.id LIMIT 1"), {"p": PERIOD}
        ).one()  # fmt: skip
        stored_period, stored_unit = session.execute(
            text("SELECT period_id, unit_id FROM submissions WHERE id = :s"), {"s": stored_id}).one()
        repo.create_staging(session)
        staged = [(2, period_id, unit_id, "KL-01", False, 30, 40, None, None, None, None, False, True, False)]
        repo.stage(session, repo.staging_loader(session), [
            *staged, (3, stored_period, stored_unit, "ZZ-99", False, 1, 2, None, None, None, None, False, True, False),
        ], analyse=True)  # fmt: skip
        repo.create_missing_submissions(session, datetime.now(UTC))
        nested = session.begin_nested()
        assert repo._skip_value_triggers(session) is True
        assert role(session) == "replica"
        with engine.connect() as other, pytest.raises(OperationalError, match="could not obtain lock"):
            other.execute(text("SELECT id FROM submissions WHERE id = :s FOR UPDATE NOWAIT"), {"s": stored_id})
        nested.rollback()  # the setting goes with the savepoint
        assert role(session) == "origin"

        repo.stage(session, repo.staging_loader(session), staged, analyse=True)
        repo.merge_values(session, (1, 0, 0))
        assert role(session) == "origin"
        assert session.scalar(text(
            "SELECT count(*) FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
            "WHERE s.period_id = :p AND s.unit_id = :u AND v.indicator_code = 'KL-01'"),
            {"p": period_id, "u": unit_id}) == 1  # fmt: skip

        nested = session.begin_nested()
        session.execute(text(
            "CREATE FUNCTION pg_temp.keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"))
        session.execute(text("CREATE TRIGGER keep BEFORE INSERT ON submission_values "
                             "FOR EACH ROW EXECUTE FUNCTION pg_temp.keep()"))
        assert repo._skip_value_triggers(session) is False
        nested.rollback()
        nested = session.begin_nested()
        session.execute(text("CREATE ROLE banhat_plain_importer NOLOGIN"))
        session.execute(text("SET LOCAL ROLE banhat_plain_importer"))
        assert repo._skip_value_triggers(session) is False
        nested.rollback()
        assert role(session) == "origin"
        session.rollback()
    engine.dispose()


def test_postgres_rows_of_a_report_a_form_created_since_are_settled_as_stored_ones(pg_admin, pg_query, monkeypatch):
    """Rows for reports that did not exist go straight to the stored values, their drafts created by the
    import; a form that creates one of those reports (and saves a value in one of its slots) meanwhile makes
    that attempt fail and be undone: the other new report is created all the same, and the raced report's
    rows are settled as rows of a stored report: the omitted note keeps what the form saved, the value counts
    as updated, and the form's report is bumped."""
    from api.db.repositories import value_imports as repo

    raced, other, creators, counted = "CAX-060", "CAX-061", [], []
    draft_creator = repo.draft_creator

    def creator_racing_a_form(session):
        create = draft_creator(session)

        def create_after_a_form_saves(reports, now):
            if not creators:
                pg_query(
                    "INSERT INTO submissions (period_id, unit_id, status, version, updated_at) SELECT p.id, u.id, "
                    "'draft', 1, now() FROM periods p, units u WHERE p.code = :p AND u.code = :u RETURNING id",
                    p=PERIOD, u=raced)
                pg_query(
                    "INSERT INTO submission_values (submission_id, indicator_code, count, note) SELECT s.id, 'KL-04', "
                    "5, 'Ghi chú của xã' FROM submissions s JOIN periods p ON p.id = s.period_id JOIN units u "
                    "ON u.id = s.unit_id WHERE p.code = :p AND u.code = :u RETURNING id", p=PERIOD, u=raced)  # fmt: skip
            creators.append(len(reports))
            return create(reports, now)

        return create_after_a_form_saves

    monkeypatch.setattr(repo, "draft_creator", creator_racing_a_form)
    count_outcomes = repo.count_outcomes
    monkeypatch.setattr(repo, "count_outcomes", lambda session: counted.append(1) or count_outcomes(session))
    response = upload(pg_admin, csv_bytes(rows_for(raced) + rows_for(other)[1:]), key="pg-new-report-raced")
    assert response.status_code == 200, response.text
    assert creators == [2, 1]  # both drafts, undone; then the other alone
    assert counted == [1]  # the raced report's rows, settled as staged rows
    assert [response.json()[name] for name in ("created", "updated", "unchanged")] == [5, 1, 0]
    assert stored(pg_query, raced)["KL-04"] == (None, None, 0, None, "Ghi chú của xã")
    assert stored(pg_query, raced)["KL-01"] == (38, 40, None, None, "Đã ký cam kết")
    assert stored(pg_query, other)["KL-01"] == (38, 40, None, None, "Đã ký cam kết")
    versions = pg_query(
        "SELECT u.code, s.version FROM submissions s JOIN periods p ON p.id = s.period_id JOIN units u "
        "ON u.id = s.unit_id WHERE p.code = :p AND u.code IN (:a, :b) ORDER BY u.code", p=PERIOD, a=raced, b=other)
    assert versions == [(raced, 2), (other, 2)]  # the form's report bumped (its copy is stale), the import's made at 2
    audited = pg_query("SELECT entity_key FROM audit_log WHERE action = 'values.import' AND entity_key IN (:a, :b) "
                       "ORDER BY entity_key", a=f"{PERIOD}/{raced}", b=f"{PERIOD}/{other}")  # fmt: skip
    assert audited == [(f"{PERIOD}/{raced}",), (f"{PERIOD}/{other}",)]  # one entry each (the module's database)


def test_postgres_values_of_new_reports_skip_the_per_row_foreign_key_check_only_when_it_may(postgres_url):
    """The values of the reports an import creates go by COPY with `session_replication_role = replica`
    when the role may set it (the foreign key is then not checked per row: the import only passes reports it
    created), reset right after; a role without the privilege copies with the check, and never tries the
    switch (which would be refused)."""
    from datetime import UTC, datetime

    import psycopg

    from api.db.engine import make_engine, session_factories
    from api.db.repositories import value_imports as repo

    engine = make_engine(postgres_url)
    role = lambda session: session.scalar(text("SELECT current_setting('session_replication_role')"))
    value = lambda report_id, code: (report_id, code, None, None, 2, None, None, None)
    with session_factories(engine)[1]() as session:
        period_id, unit_id = session.execute(text(
            "SELECT p.id, u.id FROM periods p, units u WHERE p.code = :p AND u.code = 'CAX-054' AND NOT EXISTS "
            "(SELECT 1 FROM submissions s WHERE s.period_id = p.id AND s.unit_id = u.id)"), {"p": PERIOD}).one()
        repo.create_staging(session)
        [report_id] = repo.draft_creator(session)([(period_id, unit_id)], datetime.now(UTC))
        assert session.execute(text("SELECT status, version FROM submissions WHERE id = :s"), {"s": report_id}
                               ).one() == ("draft", 2)  # fmt: skip
        nested = session.begin_nested()
        repo.value_writer(session)([value(report_id, "KL-04"), value(2_000_000_000, "KL-04")])
        assert role(session) == "origin"  # and the dangling row shows no key was checked
        nested.rollback()

        nested = session.begin_nested()
        session.execute(text("CREATE ROLE banhat_plain_copier NOLOGIN"))
        session.execute(text("GRANT SELECT, INSERT ON submission_values TO banhat_plain_copier"))
        session.execute(text("GRANT USAGE ON SEQUENCE submission_values_id_seq TO banhat_plain_copier"))
        session.execute(text("SET LOCAL ROLE banhat_plain_copier"))
        copy = repo.value_writer(session)
        copy([value(report_id, "KL-04")])
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            copy([value(2_000_000_000, "KL-01")])
        nested.rollback()
        session.rollback()
    engine.dispose()
