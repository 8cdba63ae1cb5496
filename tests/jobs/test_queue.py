"""The job queue: outbox semantics, back-off for 24 hours, leases that outlive a dead worker, and two
workers on PostgreSQL sharing 1,000 jobs with each run exactly once."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from api.db.job_models import Job
from api.db.repositories import jobs as repo
from api.services import jobs, transaction
from tests.jobs.conftest import enqueue, ran, statuses


def test_a_job_exists_only_if_its_transaction_commits(sqlite_url, workers, recorder):
    worker = workers(sqlite_url, recorder)
    with pytest.raises(RuntimeError), transaction.owned(worker.write_sessions) as session:
        jobs.enqueue(session, "test.record", {"n": 1})
        raise RuntimeError("the change fails")
    assert worker.run_until_idle() == 0
    enqueue(worker, 1)
    assert worker.run_until_idle() == 1
    assert ran(worker) == {"0": 1} and statuses(worker) == {"done": 1}


def test_a_dedupe_key_queues_one_job_until_a_worker_claims_it(sqlite_url, workers, recorder, clock):
    worker = workers(sqlite_url, recorder)
    enqueue(worker, 1, dedupe_key="group-7", delay=timedelta(seconds=5))
    enqueue(worker, 1, dedupe_key="group-7", delay=timedelta(seconds=5))
    assert worker.run_until_idle() == 0  # not due yet
    clock.set_now(clock.now() + timedelta(seconds=6))
    assert worker.run_until_idle() == 1
    enqueue(worker, 1, dedupe_key="group-7")  # the key is free again once the job was claimed
    assert worker.run_until_idle() == 1
    assert ran(worker) == {"0": 2}


def test_a_failing_job_is_retried_with_back_off_for_24_hours_then_failed(sqlite_url, workers, recorder, clock):
    worker = workers(sqlite_url, recorder)
    recorder.failing.add(0)
    start = clock.now()
    enqueue(worker, 1)
    waits = []
    while statuses(worker).get("failed") != 1:
        assert worker.run_once() == 1
        with worker.read_sessions() as session:
            (run_at,) = session.execute(select(Job.run_at)).one()
        waits.append(round((run_at - clock.now()).total_seconds()))
        assert worker.run_once() == 0  # not due before its back-off has passed
        clock.set_now(run_at + timedelta(seconds=1))
    assert waits[:8] == [30, 60, 120, 240, 480, 960, 1920, 3600]
    assert clock.now() - start >= timedelta(hours=24)
    assert recorder.failures[-1] == (0, True) and all(not gave_up for _n, gave_up in recorder.failures[:-1])
    assert recorder.calls[0] == len(recorder.failures) and ran(worker) == {}


def test_a_job_leased_by_a_dead_worker_is_run_after_its_lease_expires(sqlite_url, workers, recorder, clock):
    dead, alive = workers(sqlite_url, recorder, "dead"), workers(sqlite_url, recorder, "alive")
    enqueue(dead, 1)
    with transaction.owned(dead.write_sessions) as session:  # claimed, then the process was killed
        (claimed,) = repo.claim(session, "dead", clock.now(), clock.now() + timedelta(minutes=5), 10)
    assert alive.run_until_idle() == 0  # still leased
    clock.set_now(clock.now() + timedelta(minutes=5, seconds=1))
    assert alive.run_until_idle() == 1
    assert ran(alive) == {"0": 1}
    # The dead worker's writes, had it come back, are refused: the lease is no longer its own.
    with transaction.owned(dead.write_sessions) as session:
        assert not repo.finish(session, claimed, "dead", clock.now())


def test_two_workers_on_postgresql_run_1000_jobs_exactly_once(postgres_database, workers, recorder):
    first, second = workers(postgres_database, recorder, "first"), workers(postgres_database, recorder, "second")
    enqueue(first, 1000)
    counts = {}

    def drain(worker):
        counts[worker.name] = worker.run_until_idle()

    threads = [threading.Thread(target=drain, args=(worker,)) for worker in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts.values()) == 1000 and all(counts.values()), counts  # both took part
    assert recorder.calls == {number: 1 for number in range(1000)}
    assert ran(first) == {str(number): 1 for number in range(1000)}
    assert statuses(first) == {"done": 1000}


def test_the_server_runs_the_worker_in_its_lifespan(settings, database):
    from fastapi.testclient import TestClient
    from sqlalchemy import text

    from api.main import create_app

    app = create_app(settings.model_copy(update={"run_worker": True, "worker_poll_seconds": 0.1}))
    with TestClient(app):
        for _ in range(100):  # the worker's first job: the reminder schedule's
            with database.connect() as connection:
                done = connection.scalar(text("SELECT COUNT(*) FROM jobs WHERE kind = 'reminders.scan' "
                                              "AND status = 'done'"))
            if done:
                break
            threading.Event().wait(0.1)
        assert done == 1
    assert not [thread for thread in threading.enumerate() if thread.name == "banhat-worker"]
    app.state.engine.dispose()


def test_done_jobs_are_purged_after_a_week_failed_ones_kept(sqlite_url, workers, recorder, clock):
    from api.services.jobs import JOB_KINDS

    worker = workers(sqlite_url, recorder)
    worker.kinds = {**worker.kinds, **JOB_KINDS}
    recorder.failing.add(1)
    enqueue(worker, 2)
    worker.run_until_idle()
    with transaction.owned(worker.write_sessions) as session:
        jobs.schedule_purge(session, timedelta(0))
    clock.set_now(clock.now() + timedelta(days=8))
    worker.run_until_idle()  # job 1 gives up (8 days > 24 h), the purge removes job 0 (done 8 days ago)
    assert statuses(worker) == {"failed": 1, "done": 1, "pending": 1}  # the purge itself, and its next run
