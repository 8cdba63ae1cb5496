"""The transaction owner: the one place where a unit of work ends, by commit or by rollback.

Services never commit. What a service queues for the end of the transaction is done here, in plain
code a reader can follow from the route (:func:`api.routers.deps.db_session`), the CLI command or the
background job that owns the session:

- before COMMIT, the unit scores and group ranks that the transaction's changes call for
  (:func:`api.services.scoring.write_pending`), so a group's lock is held only for those statements;
- after COMMIT, the worker is woken if the transaction queued a job due now (:func:`api.services.jobs.committed`);
- after ROLLBACK, the evidence files written by the transaction are removed
  (:func:`api.services.evidence.remove_written`).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from api.services import evidence, jobs, scoring


def commit(session: Session) -> None:
    """Write the pending scores and ranks, then commit (a period locked meanwhile refuses: Conflict)."""
    scoring.write_pending(session)
    session.commit()
    evidence.keep_written(session)
    jobs.committed(session)


def rollback(session: Session) -> None:
    """Forget the pending scores, roll back, and remove the files the transaction wrote."""
    scoring.discard_pending(session)
    session.rollback()
    evidence.remove_written(session)
    jobs.forget_queued(session)


class Savepoint:
    """A SAVEPOINT inside the transaction whose rollback also forgets the score work queued since it
    began (the rows it undoes must not be scored at commit)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._queued = scoring.queued_copy(session)
        self._nested = session.begin_nested()

    def commit(self) -> None:
        self._nested.commit()

    def rollback(self) -> None:
        self._nested.rollback()
        scoring.restore_queued(self._session, self._queued)


@contextmanager
def owned(new_session: Callable[[], Session]) -> Iterator[Session]:
    """A session whose transaction commits when the block succeeds and rolls back when it raises."""
    session = new_session()
    try:
        yield session
        commit(session)
    except BaseException:
        rollback(session)
        raise
    finally:
        session.close()
