"""The outcome of an import: counts and every problem located by file row and column."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, empty, too large, missing columns).

    `status` is the HTTP status the API answers with; the message is Vietnamese, shown to the user;
    `row` is the file row it concerns, when there is one (e.g. the first row over the row cap).
    """

    def __init__(self, message: str, *, status: int = 422, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.row = row


@dataclass(frozen=True, slots=True)
class Problem:
    """One rejected cell or row. `row` is the 1-based row in the file (header rows counted, as a
    spreadsheet shows it); `column` is the header text as written in the file; `cell` is the
    spreadsheet reference (e.g. "D7") so the user can jump straight to it."""

    row: int
    column: str | None
    cell: str | None
    message: str


@dataclass(slots=True)
class ImportReport:
    """Counts per outcome; every data row of the file is counted once: `rows` = created + updated +
    unchanged + rejected + skipped_empty. Problems beyond `problem_limit` are counted but not listed, so that a
    million bad rows cannot exhaust the server's memory."""

    kind: str
    dry_run: bool
    all_or_nothing: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    # Rows that enter nothing: no cell filled, or codes without a measure or note.
    skipped_empty: int = 0
    applied: bool = False
    problems: list[Problem] = field(default_factory=list)
    problems_omitted: int = 0
    problem_limit: int = 1000
    # Periods whose scores are recomputed after the response (large imports).
    scores_pending: list[str] = field(default_factory=list)
    # The activation codes of the accounts created without a password (services.accounts.ActivationCode),
    # shown in this answer only.
    activation_codes: list = field(default_factory=list)

    def add_problem(self, problem: Problem) -> None:
        if len(self.problems) < self.problem_limit:
            self.problems.append(problem)
        else:
            self.problems_omitted += 1
