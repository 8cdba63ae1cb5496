"""Workers on the test's database, and a job kind that records each run."""

import threading

import pytest
from sqlalchemy import text

from api.db.engine import make_engine, session_factories
from api.db.repositories import audit
from api.services import jobs, transaction
from api.services.jobs import JobKind
from api.services.worker import Worker
from api.settings import Settings
from tests.imports.conftest import db_state, query  # noqa: F401 - fixtures of the import tests, used here too


class Recorder:
    """A job kind ``test.record``: ``run`` counts the calls per payload number (in memory), the writes add
    an audit entry with that number (committed with the job's done mark). ``failing`` numbers raise."""

    def __init__(self) -> None:
        self.calls: dict[int, int] = {}
        self.failing: set[int] = set()
        self.failures: list[tuple[int, bool]] = []
        self._lock = threading.Lock()

    def run(self, _context, payload: dict):
        number = payload["n"]
        with self._lock:
            self.calls[number] = self.calls.get(number, 0) + 1
        if number in self.failing:
            raise RuntimeError(f"job {number} failed")
        return lambda session: audit.record(session, actor="worker", action="test.ran", entity="job",
                                            entity_key=str(number))

    def failed(self, _session, payload: dict, _error: Exception, gave_up: bool) -> None:
        self.failures.append((payload["n"], gave_up))

    @property
    def kinds(self) -> dict[str, JobKind]:
        return {"test.record": JobKind(self.run, self.failed)}


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def workers(request):
    """``workers(url, recorder, name)``: a worker on ``url`` running the recorder's kind (or every kind of
    the application when ``recorder`` is None); closed after the test."""
    made = []

    def make(url: str, recorder: Recorder | None = None, name: str | None = None, **settings) -> Worker:
        engine = make_engine(url)
        worker = Worker(*session_factories(engine), Settings(database_url=url, run_worker=False, **settings),
                        kinds=recorder.kinds if recorder else None, name=name)
        made.append((worker, engine))
        return worker

    yield make
    for worker, engine in made:
        worker.close()
        engine.dispose()


def enqueue(worker: Worker, count: int, **options) -> None:
    with transaction.owned(worker.write_sessions) as session:
        for number in range(count):
            jobs.enqueue(session, "test.record", {"n": number}, **options)


def ran(worker: Worker) -> dict[str, int]:
    """Committed runs per payload number (from the audit entries the recorder's writes add)."""
    with worker.read_sessions() as session:
        rows = session.execute(text("SELECT entity_key, COUNT(*) FROM audit_log WHERE action = 'test.ran' "
                                    "GROUP BY entity_key"))
        return {key: count for key, count in rows}


def statuses(worker: Worker) -> dict[str, int]:
    with worker.read_sessions() as session:
        return dict(session.execute(text("SELECT status, COUNT(*) FROM jobs GROUP BY status")).all())
