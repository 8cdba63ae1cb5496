"""Import indicator values from a long-format file: one row per unit, period and indicator.

The file is read once, row by row. Each row is checked (codes exist, the caller may write that
unit, the indicator applies to the unit's kind, no duplicate, and the domain's `validate_value`)
and valid rows go to a staging table in chunks (rows of reports that did not exist go straight to the
stored values instead: `_NewReports`). Nothing is lost by omission: empty measure cells
keep the stored value, an absent note column or an empty note cell keeps the stored note, and only
the clear marker (`cells.CLEAR_MARKER`) clears. Then, in SQL, chunk by chunk (`_Chunks`): the kept
parts are copied from the stored values, note-only rows without a stored value are refused, rows for a
locked period or a submitted/approved report are refused unless they repeat the stored value; the rest
are counted as created, updated or unchanged and, unless this is a dry run or a problem was found in
all-or-nothing mode (which rolls back what was merged), merged. After the last chunk the changed
reports' versions are bumped and their audit entries written; the touched periods' scores are then
recomputed once (after the response for national-scale files).
"""

from __future__ import annotations

from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import compress, groupby, repeat
from operator import add, contains, getitem, itemgetter, mul, not_, setitem
from typing import BinaryIO, NamedTuple

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api import clock
from api.db.models import Period
from api.db.repositories import audit as audit_repo
from api.db.repositories import catalog as catalog_repo
from api.db.repositories import units as units_repo
from api.db.repositories import value_imports as repo
from api.domain import FieldError, Indicator, UnitKind, validate_note, validate_value
from api.domain.scoring import gc_paused
from api.domain.submissions import EDITABLE_STATUSES, SubmissionStatus
from api.services import scoring, transaction
from api.services.access import Principal
from api.services.catalog import scoring_context
from api.services.imports import cells
from api.services.imports.columns import MEASURE_FIELDS, VALUE_COLUMNS, Located
from api.services.imports.report import ImportReport, Problem
from api.services.imports.tables import Encoding, TableFormat, open_table
from api.services.templates import KIND_LABELS

# Each chunk's statements join the stored values: on PostgreSQL, with 20,000-row chunks, a million-row
# import spent 6.7 s counting (the stored values scanned 50 times) against 2.7 s with 100,000.
CHUNK_ROWS = 100_000
# Above this many touched units in a period, recomputing the whole period is cheaper than one
# unit (and one group re-rank) at a time.
UNIT_RECOMPUTE_LIMIT = 20
# Above this many touched units in all, scores are recomputed after the response (`scores_pending`):
# a province's few hundred units are recomputed in the request, a national file is not held up.
SYNC_RECOMPUTE_UNITS = 1000
VALUE_INPUTS = (*MEASURE_FIELDS, "note")
NUMBER_FIELDS = ("numerator", "denominator", "count")
VALIDATION_MEMO_LIMIT = 200_000


@dataclass
class _PeriodState:
    """What rows of one period are checked against, loaded once per import."""

    period: Period
    indicators: dict[str, tuple[int, Indicator]]
    statuses: dict[int, str]
    first_row: array  # row number of the first row per (unit, indicator) slot, 0 when none yet
    refusal: str | None
    period_locked: bool = False
    # Indicator code -> what the fast path reads of it, as plain fields (instrumented attributes and enum
    # hashes are slow); empty for a refused period, so that its rows take the full check.
    fast_entries: dict[str, _Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.period_locked = self.period.status == "locked"
        if self.refusal:
            return
        locked_units = frozenset(  # units whose report is submitted or approved
            unit_id for unit_id, status in self.statuses.items() if status not in EDITABLE_STATUSES
        )
        self.fast_entries = {
            code: _Entry(code, indicator, indicator.measure.value, frozenset(indicator.applies_to), index,
                         len(self.indicators), self.first_row, self.period.id, self.statuses,
                         self.period_locked or bool(locked_units), self.period_locked, locked_units)
            for code, (index, indicator) in self.indicators.items()
        }


@dataclass
class _Lookup:
    units: dict[str, tuple[int, int, UnitKind]]  # code -> (id, dense index, kind)
    unit_codes: dict[int, str]
    periods: dict[str, Period]
    states: dict[str, _PeriodState] = field(default_factory=dict)
    by_id: dict[int, _PeriodState] = field(default_factory=dict)  # the states by period id
    before_query: Callable[[], None] = lambda: None  # called before the lookup queries the session


def any_unit(_unit_id: int) -> bool:
    """`may_import_values` for a caller who may import any unit's values (the fast path skips the call)."""
    return True


def may_import_values(principal: Principal) -> Callable[[int], bool]:
    """Which units the caller may import values for: an administrator any, a reporter its own
    (the same rule as the data-entry form), anyone else none."""
    if principal.can("units:write"):
        return any_unit
    principal.require("values:write")
    return lambda unit_id: unit_id == principal.unit_id


def import_values(
    session: Session,
    principal: Principal,
    file: BinaryIO,
    *,
    dry_run: bool,
    all_or_nothing: bool,
    run_id: int | None = None,
    max_bytes: int | None = None,
    max_rows: int | None = None,
    problem_limit: int = 1000,
    encoding: Encoding | None = None,
) -> ImportReport:
    """Check and (unless refused or a dry run) apply a values file; see the module docstring."""
    allowed = may_import_values(principal)
    limits = {"max_bytes": max_bytes} if max_bytes else {}
    table = open_table(file, VALUE_COLUMNS, max_rows=max_rows, encoding=encoding, **limits)
    report = ImportReport("values", dry_run, all_or_nothing, problem_limit=problem_limit)
    lookup = _load_lookup(session)
    located = table.columns
    cell_refs = table.format is not TableFormat.JSON
    fast = _FastPath(session, lookup, located, allowed, decimal_comma=table.decimal_comma)
    repo.create_staging(session)
    # What the chunks merge is undone if a later row is refused in all-or-nothing mode.
    outer = None if dry_run else transaction.Savepoint(session)
    chunks = _Chunks(session, lookup, located, report, writes=outer is not None)
    lookup.before_query = chunks.wait  # loading a period's state queries the session

    def check(numbers: Sequence[int], rows: list[list[object]]) -> _Checked:
        """The rows checked in file order. A block the common check refuses is split: the runs of rows it would
        take alone (`_FastPath.passing`) are checked as blocks again, the others take the full check, which
        words every problem; a block refused for its slots alone is halved, the first half checked first."""
        checked = fast.check_block(numbers, rows)
        if checked is not None:
            return checked
        if len(rows) == 1:
            return fully_checked(numbers[0], rows[0])
        passing = fast.passing(rows)
        if all(passing):
            half = len(rows) // 2
            return _Checked.joined((check(numbers[:half], rows[:half]), check(numbers[half:], rows[half:])))
        parts = []
        for taken, run in groupby(range(len(rows)), key=passing.__getitem__):
            indexes = list(run)
            if taken:
                parts.append(check(numbers[indexes[0]:indexes[-1] + 1], rows[indexes[0]:indexes[-1] + 1]))
            else:
                parts += [fully_checked(numbers[index], rows[index]) for index in indexes]
        return _Checked.joined(parts)

    def fully_checked(number: int, row: list[object]) -> _Checked:
        staged = _check_row(session, lookup, located, cell_refs, allowed, fast, number, fast.record(row), report)
        return _checked_row(lookup, staged)

    try:
        # The rows kept for the chunks are some million tuples, without a reference cycle among them.
        with gc_paused():
            for numbers, rows in table.raw_blocks:
                checked = check(numbers, rows)
                chunks.add(checked)
                report.rows += len(rows)
                report.skipped_empty += checked.nothing
            chunks.finish()
        report.rows += table.blank_rows
        report.skipped_empty += table.blank_rows
        if dry_run or (all_or_nothing and report.rejected):
            if outer is not None:
                outer.rollback()
            return report
        if report.created or report.updated:
            report.scores_pending = _apply(session, principal, lookup, run_id)
        report.applied = True
        return report
    finally:
        chunks.close()
        repo.drop_staging(session)


def _load_lookup(session: Session) -> _Lookup:
    units: dict[str, tuple[int, int, UnitKind]] = {}
    unit_codes: dict[int, str] = {}
    for index, (unit_id, code, kind, _group) in enumerate(repo.unit_index(session)):
        units[code] = (unit_id, index, UnitKind(kind))
        unit_codes[unit_id] = code
    periods = {period.code: period for period in catalog_repo.periods(session)}
    return _Lookup(units, unit_codes, periods)


def _period_state(session: Session, lookup: _Lookup, code: str) -> _PeriodState | None:
    state = lookup.states.get(code)
    if state is None and code in lookup.periods:
        lookup.before_query()
        period = lookup.periods[code]
        catalog, _context = scoring_context(session, period)
        indicators = {
            indicator.code: (index, indicator) for index, indicator in enumerate(catalog.indicators)
        }
        refusal = f"Kỳ «{code}» là kỳ sơ kết, tổng kết: không nhận số liệu mới." if period.spans else None
        slots = array("I", bytes(4 * len(lookup.units) * len(indicators)))
        state = _PeriodState(period, indicators, repo.statuses(session, period.id), slots, refusal)
        lookup.states[code] = state
        lookup.by_id[period.id] = state
    return state


def _check_row(
    session: Session,
    lookup: _Lookup,
    located: Located,
    cell_refs: bool,
    allowed: Callable[[int], bool],
    fast: _FastPath,
    number: int,
    record: dict[str, object],
    report: ImportReport,
) -> tuple | None:
    """The staging tuple of a valid row, `_NOTHING` for a row that enters nothing, or None after
    recording why the row is refused."""
    problems: list[tuple[str | None, str]] = []

    def refuse() -> None:
        report.rejected += 1
        for column_field, message in problems:
            report.add_problem(
                Problem(
                    row=number,
                    column=located.title_of(column_field) if column_field else None,
                    cell=located.cell_of(column_field, number) if column_field and cell_refs else None,
                    message=message,
                )
            )

    try:
        unit_code = cells.code(record.get("unit"))
        period_code = cells.code(record.get("period"))
        indicator_code = cells.code(record.get("indicator"))
    except cells.CellError as error:
        problems.append((None, str(error)))
        refuse()
        return None
    unit = lookup.units.get(unit_code) if unit_code else None
    if unit is None:
        problems.append(("unit", f"Không có đơn vị mã «{unit_code}»." if unit_code else "Thiếu mã đơn vị."))
    elif not allowed(unit[0]):
        problems.append(("unit", "Tài khoản chỉ được nhập số liệu của đơn vị mình."))
    state = _period_state(session, lookup, period_code) if period_code else None
    if state is None:
        problems.append(
            ("period", f"Không có kỳ báo cáo mã «{period_code}»." if period_code else "Thiếu mã kỳ.")
        )
    elif state.refusal:
        problems.append(("period", state.refusal))
    entry = state.indicators.get(indicator_code) if state and indicator_code else None
    if state is not None and entry is None:
        problems.append(
            (
                "indicator",
                f"Không có chỉ tiêu mã «{indicator_code}»." if indicator_code else "Thiếu mã chỉ tiêu.",
            )
        )
    if problems or unit is None or state is None or entry is None:
        refuse()
        return None
    unit_id, unit_slot, kind = unit
    slot_index, indicator = entry
    if not indicator.applies(kind):
        problems.append(
            (
                "indicator",
                f"Chỉ tiêu {indicator.code} không áp dụng cho đơn vị loại «{KIND_LABELS.get(kind, kind)}».",
            )
        )
    slot = unit_slot * len(state.indicators) + slot_index
    first = state.first_row[slot]
    if first:
        problems.append((None, f"Trùng với dòng {first} (cùng đơn vị, kỳ báo cáo, chỉ tiêu)."))
    else:
        state.first_row[slot] = number
    raw: dict[str, object] = {}
    for name in VALUE_INPUTS:
        try:
            if name == "date":
                raw[name] = cells.day(record.get(name))
            elif name in NUMBER_FIELDS:
                raw[name] = cells.number(cells.plain(record.get(name)), decimal_comma=fast.decimal_comma)
            else:
                raw[name] = cells.plain(record.get(name))
        except cells.CellError as error:
            problems.append((name if name in located.fields else None, str(error)))
    fields = None
    if len(raw) == len(VALUE_INPUTS):
        fields, errors = _entry(indicator, raw)
        problems.extend(
            (error.field if error.field in located.fields else None, error.message) for error in errors
        )
        cells_in = tuple(record.get(name) for name in VALUE_INPUTS)
        # Only text and empty cells are remembered: 1, 1.0 and True are equal as dictionary keys
        # but not to the validation.
        if not errors:
            if all(cell is None or cell.__class__ is str for cell in cells_in):
                fields = fast.remember(indicator, fast.record_cells(record), fields)
            elif fields is not None:
                fields = fast.database_fields(fields)
    if problems:
        refuse()
        return None
    if fields is None:
        return _NOTHING
    locked = (
        state.period_locked or state.statuses.get(unit_id, SubmissionStatus.DRAFT) not in EDITABLE_STATUSES
    )
    return (number, state.period.id, unit_id, indicator.code, locked, *fields)


def _entry(indicator: Indicator, raw: dict[str, object]) -> tuple[tuple | None, list[FieldError]]:
    """What a row asks for, as staged after the row's codes: the value fields, then `keep_measure`,
    `keep_note` and `clear` (see `repo.fill_kept`); None when it enters nothing. Empty cells keep what
    is stored; the clear marker in the measure cells deletes the value, in the note cell the note."""
    marked = [name for name in VALUE_INPUTS if cells.is_clear(raw[name])]
    if any(name != "note" for name in marked):
        filled = [name for name in VALUE_INPUTS if name not in marked and not cells.blank(raw[name])]
        if filled:
            message = f"Dòng xóa số liệu bằng «{cells.CLEAR_MARKER}» không được ghi thêm giá trị khác."
            return None, [FieldError(filled[0], message)]
        return _CLEARED, []
    keep_note = not marked and cells.blank(raw["note"])
    if marked:
        raw = {**raw, "note": None}
    value, errors = validate_value(indicator, raw)
    if errors:
        return None, errors
    if value is None:
        if keep_note:
            return None, []
        note, _error = validate_note(raw["note"])  # checked by validate_value
        return (None, None, None, None, None, note or None, True, False, False), []
    fields = (value.numerator, value.denominator, value.count, value.flag, value.date, value.note or None)
    return (*fields, False, keep_note, False), []


_CLEARED = (None, None, None, None, None, None, False, False, True)


class _Chunks:
    """Takes the checked rows chunk by chunk and settles them in the database: staged, the parts
    rows keep copied from the stored values, note-only rows without a stored value and changes to
    locked reports refused, the rest counted as created, updated or unchanged and, when the import
    writes and no row is refused in all-or-nothing mode, merged (drafts created, values inserted,
    updated, cleared). The per-report work (versions, audit entries, scores) follows the last chunk.

    The database works in a background thread while the request's thread checks the next chunk (the
    drivers release the GIL while the database works). Rows of reports that did not exist skip the
    staging table on both engines: `_NewReports` writes them to the stored values as they come, in the
    background. For the others, one path per engine:
    - PostgreSQL settles each chunk as it comes (`per_chunk`): loaded with COPY in the request's thread
      (COPY encodes rows in Python, holding the GIL), then settled in the background. The caller keeps
      the merged chunks in a savepoint, so a row refused later undoes them.
    - SQLite loads each chunk in the background (one statement over the rows' JSON text, which SQLite
      reads without the GIL: `repo.staging_loader`) and settles
      every staged row once, after the last chunk (`finish`): there, set statements over all the rows
      cost less than one per chunk (measured: 20% slower per chunk).

    At most one chunk is in flight, so memory stays bounded by two chunks. The session is used by one
    thread at a time: the request's thread waits (`wait`) before it queries."""

    def __init__(
        self, session: Session, lookup: _Lookup, located: Located, report: ImportReport, *, writes: bool
    ) -> None:
        self.session, self.lookup, self.located, self.report = session, lookup, located, report
        self.load = repo.staging_loader(session)
        self.per_chunk = repo.is_postgresql(session)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-chunks")
        self.pending: Future | None = None
        self.first = True
        self.merging = writes
        self.unsettled = _Unsettled()
        self.rows: list[tuple] = []  # the chunk being read
        self.taken = 0  # rows taken since the last chunk, new reports' included
        self.new = _NewReports(session, lookup, located, report)

    def add(self, checked: _Checked) -> None:
        """Take a block's checked rows (staging tuples); a chunk full of them goes to the database. Rows of
        reports that did not exist (`_PeriodState.statuses`) go to `_NewReports`."""
        rows, existing = checked.staged, checked.existing
        if all(existing):
            self.rows += rows
        elif not any(existing):
            self.new.add(rows)
        else:
            self.rows += compress(rows, existing)
            self.new.add(list(compress(rows, map(not_, existing))))
        self.taken += len(rows)
        if self.taken >= CHUNK_ROWS:
            self._send()

    def _send(self) -> None:
        rows, self.rows, self.taken = self.rows, [], 0
        self.wait()
        if rows:
            self.unsettled.add(rows)
        if self.per_chunk:
            if rows:
                repo.stage(self.session, self.load, rows, analyse=self.first)
                self.first = False
            self.pending = self.pool.submit(self._settle_chunk, bool(rows), self._take_unsettled(), self.new.take(),
                                            self._merges())
            return
        self.pending = self.pool.submit(self._load, rows, self.new.take(), self._merges())

    def _load(self, rows: list[tuple], new_rows: tuple[list, list], merge: bool) -> None:
        """SQLite, in the background: stage the rows of stored reports, write those of new ones (no form can
        create one of these reports meanwhile: the request holds the write lock)."""
        if rows:
            self.load(rows)
        if merge:
            self.new.write(*new_rows)

    def _settle_chunk(self, staged: bool, unsettled: _Unsettled, new_rows: tuple[list, list], merge: bool) -> list[tuple]:
        """PostgreSQL, in the background: settle the staged rows, write the new reports' rows; the rows of
        reports a form created since the import read their period are settled as staged ones (after them,
        so the staging table is free)."""
        settled = [self._settle(merge, unsettled)] if staged else []
        if merge and (diverted := self.new.write(*new_rows)):
            unsettled = _Unsettled()
            unsettled.add(diverted)
            repo.stage(self.session, self.load, diverted, analyse=False)
            settled.append(self._settle(merge, unsettled))
        return settled

    def finish(self) -> None:
        """Send the last chunk, settle what is staged and not settled yet: the last chunk in flight, or every
        row (SQLite)."""
        self._send()
        self.wait()
        if not self.per_chunk:
            repo.analysed(self.session)
            self._add(self._settle(self._merges(), self._take_unsettled()))
        self.new.finish()

    def _merges(self) -> bool:
        if self.report.all_or_nothing and self.report.rejected:
            self.merging = False  # the import will be refused: count only
        return self.merging

    def _take_unsettled(self) -> _Unsettled:
        unsettled, self.unsettled = self.unsettled, _Unsettled()
        return unsettled

    def _settle(self, merge: bool, staged: _Unsettled) -> tuple:
        """The statements over the staged rows. The refusals that need a query run only when some row is
        locked or gives a note only."""
        session = self.session
        repo.fill_kept(session)
        limit = self.report.problem_limit
        refused = []
        checks = ((staged.note_only, repo.unresolved, repo.drop_unresolved, _nothing_to_annotate),
                  (staged.locked, repo.locked_changes, repo.drop_locked_changes, _locked))  # fmt: skip
        for needed, find, drop, why in checks:
            total, found = find(session, limit) if needed else (0, [])
            if total:
                drop(session)
                refused.append((why, total, found))
        merge = merge and not (refused and self.report.all_or_nothing)
        counts = repo.count_outcomes(session)
        if merge and counts[0]:  # created
            repo.create_missing_submissions(session, clock.now())
        if merge:
            repo.merge_values(session, counts)
        return refused, counts

    def wait(self) -> None:
        """Wait for the chunk in flight, raising its error if it failed."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            for settled in pending.result() or ():  # PostgreSQL's chunks (`_settle_chunk`)
                self._add(settled)

    def _add(self, result: tuple) -> None:
        """Add a settled chunk's refusals and counts to the report."""
        refused, (created, updated, unchanged) = result
        report = self.report
        states = self.lookup.by_id
        for why, total, rows in refused:
            for number, period_id, unit_id, indicator_code in rows:
                state = states[period_id]
                report.add_problem(why(self.lookup, self.located, state, number, unit_id, indicator_code))
            report.problems_omitted += total - len(rows)
            report.rejected += total
        if refused:
            report.problems.sort(key=lambda problem: problem.row)
        report.created += created
        report.updated += updated
        report.unchanged += unchanged

    def close(self) -> None:
        self.pool.shutdown(wait=True)


_PERIOD, _UNIT, _LOCKED, _KEEP_MEASURE = map(
    repo.STAGING_COLUMNS.index, ("period_id", "unit_id", "locked", "keep_measure")
)


@dataclass
class _Unsettled:
    """What the staged rows not settled yet need: whether some row is locked or gives a note only (each
    calls for a refusal query)."""

    locked: bool = False
    note_only: bool = False

    def add(self, rows: list[tuple]) -> None:
        self.locked = self.locked or any(row[_LOCKED] for row in rows)
        self.note_only = self.note_only or any(row[_KEEP_MEASURE] for row in rows)


_NOTHING = ()  # a valid row that enters nothing (no measure, no note): nothing to stage (falsy), skipped_empty


class _FastPath:
    """The check of a block of rows for the common case, in passes over the block that run in C (`map` of
    lookups) rather than Python per row: codes that are found as written, an applicable indicator, no
    duplicate, and cells whose validation is already known (`validate`'s memo, keyed by the measure and the
    raw cells). A block with any other row returns None; `import_values` then splits it (`passing`) down to
    the rows that fail alone, which go through `_check_row`, which finds and words every problem. A failed
    check changes nothing but the memo."""

    def __init__(
        self,
        session: Session,
        lookup: _Lookup,
        located: Located,
        allowed: Callable[[int], bool],
        *,
        decimal_comma: bool,
    ) -> None:
        self.units, self.states, self.allowed = lookup.units, lookup.states, allowed
        self.decimal_comma = decimal_comma
        positions = dict(zip(located.fields, located.indexes, strict=True))
        self.unit_code = itemgetter(positions["unit"])  # the code columns are required
        self.period_indicator = itemgetter(positions["period"], positions["indicator"])
        # The cells of the value columns the file has, as the memo's key: a tuple, or the cell itself for
        # a file with one such column (itemgetter's result), read alike from a row or a record.
        present = [name for name in VALUE_INPUTS if name in positions]
        self.value_names = present
        self.value_indexes = [positions[name] for name in present]
        self.row_cells = itemgetter(*self.value_indexes) if present else _no_cells
        self.record_cells = itemgetter(*present) if present else _no_cells
        self.fields, self.indexes = located.fields, located.indexes
        self.width = max(located.indexes) + 1
        self.sqlite = not repo.is_postgresql(session)
        # (measure, raw cells) -> database fields, or () if blank. A valid value depends on the
        # indicator's measure only (its code appears in error messages, which are never remembered),
        # so indicators of one measure share what was learnt: `12,200` is checked once per file.
        self.staged: dict[tuple, tuple] = {}
        # (period code, indicator code) -> `_Entry`, for the periods whose state is loaded and not refused.
        self.entries: dict[tuple[str, str], _Entry] = {}
        self.indexed = 0  # how many period states `entries` covers

    def record(self, row: list[object]) -> dict[str, object]:
        padded = row if len(row) >= self.width else row + [None] * (self.width - len(row))
        return {field: padded[index] for field, index in zip(self.fields, self.indexes, strict=True)}

    def check_block(self, numbers: Sequence[int], rows: list[list[object]]) -> _Checked | None:
        """The block's staging tuples, or None when a row needs more than the common check."""
        if min(map(len, rows)) < self.width:
            return None
        if len(self.states) != self.indexed:
            self._index_entries()
        units = list(map(self.units.get, map(self.unit_code, rows)))
        entries = list(map(self.entries.get, map(self.period_indicator, rows)))
        if None in units or None in entries:
            return None
        unit_ids, unit_slots, kinds = zip(*units, strict=True)
        if not all(map(contains, map(_KINDS, entries), kinds)):
            return None
        if self.allowed is not any_unit and not all(map(self.allowed, unit_ids)):
            return None
        fields = list(map(self.staged.get, zip(map(_MEASURE, entries), map(self.row_cells, rows))))
        if None in fields and not self._validate_unknown(fields, entries, rows):
            return None
        # Each (unit, indicator) slot of a period is taken once: by no earlier row nor another row here.
        first_rows = list(map(_FIRST_ROW, entries))
        slots = list(map(add, map(mul, unit_slots, map(_SLOTS_PER_UNIT, entries)), map(_SLOT, entries)))
        if any(map(getitem, first_rows, slots)) or len(set(zip(map(_PERIOD_ID, entries), slots))) < len(slots):
            return None
        deque(map(setitem, first_rows, slots, numbers), maxlen=0)
        if any(map(_LOCKING, entries)):
            locked = [entry.period_locked or unit_id in entry.locked_units for entry, unit_id in zip(entries, unit_ids)]
        else:
            locked = repeat(False)
        heads = zip(numbers, map(_PERIOD_ID, entries), unit_ids, map(_INDICATOR_CODE, entries), locked)
        existing = list(map(contains, map(_STATUSES, entries), unit_ids))
        nothing = fields.count(())
        if nothing:  # rows that enter nothing are counted, not staged
            heads, existing, fields = compress(heads, fields), list(compress(existing, fields)), [*filter(None, fields)]
        return _Checked(list(map(add, heads, fields)), existing, nothing)

    def passing(self, rows: list[list[object]]) -> list[bool]:
        """Which rows `check_block` would take, each row judged alone (its slot aside), in Python per row: where to
        split a refused block. Only a hint: what a row is told comes from `check_block` and `_check_row`, so a
        row misjudged here costs time, never a wrong answer."""
        if len(self.states) != self.indexed:
            self._index_entries()
        verdicts = []
        for row in rows:
            unit = self.units.get(self.unit_code(row)) if len(row) >= self.width else None
            entry = self.entries.get(self.period_indicator(row)) if unit is not None else None
            verdicts.append(
                entry is not None and unit[2] in entry.kinds and self.allowed(unit[0])
                and (self.staged.get((entry.measure, self.row_cells(row))) is not None
                     or self.validate(entry.indicator, row) is not _UNKNOWN)
            )
        return verdicts

    def _index_entries(self) -> None:
        for period_code, state in self.states.items():
            for indicator_code, entry in state.fast_entries.items():
                self.entries[period_code, indicator_code] = entry
        self.indexed = len(self.states)

    def _validate_unknown(self, fields: list, entries: list[_Entry], rows: list[list[object]]) -> bool:
        """Fill in the fields of cells the memo does not know; False if some row needs the slow path."""
        for index in [index for index, found in enumerate(fields) if found is None]:
            found = self.validate(entries[index].indicator, rows[index])
            if found is _UNKNOWN:
                return False
            fields[index] = found
        return True

    def database_fields(self, fields: tuple) -> tuple:
        """Staged fields (`_entry`): SQLite stores dates as ISO text and booleans as 0/1, so they are
        staged the same way to compare exactly with stored values."""
        if not self.sqlite:
            return fields
        numerator, denominator, count, flag, day, *rest = fields
        return (numerator, denominator, count, None if flag is None else int(flag),
                None if day is None else day.isoformat(), *rest)  # fmt: skip

    def validate(self, indicator: Indicator, row: list[object]) -> object:
        """Validate text cells not seen before; `_UNKNOWN` (the row takes the slow path) for other
        cells or any error, which the slow path words and locates."""
        raw: dict[str, object] = dict.fromkeys(VALUE_INPUTS)
        raw.update(zip(self.value_names, map(row.__getitem__, self.value_indexes)))
        if not all(cell is None or cell.__class__ is str for cell in raw.values()):
            return _UNKNOWN
        try:
            if raw["date"] is not None:
                raw["date"] = cells.day(raw["date"])
            for name in NUMBER_FIELDS:
                if raw[name] is not None:
                    raw[name] = cells.number(raw[name], decimal_comma=self.decimal_comma)
            for name in ("flag", "note"):  # the only cells that hold Vietnamese text: NFC
                if raw[name] is not None and not raw[name].isascii():
                    raw[name] = cells.plain(raw[name])
        except cells.CellError:
            return _UNKNOWN
        fields, errors = _entry(indicator, raw)
        if errors:
            return _UNKNOWN
        return self.remember(indicator, self.row_cells(row), fields) or ()

    def remember(self, indicator: Indicator, key: object, fields: tuple | None) -> tuple | None:
        """Remember the staged fields (`_entry`) of these cells (`row_cells`, `record_cells`), as staged;
        return them."""
        if fields is not None:
            fields = self.database_fields(fields)
        if len(self.staged) < VALIDATION_MEMO_LIMIT:
            self.staged[(indicator.measure.value, key)] = fields or ()
        return fields


def _no_cells(_row: object) -> tuple:
    return ()


class _Entry(NamedTuple):
    """What the fast path reads of one (period, indicator) pair (`_PeriodState.fast_entries`)."""

    code: str
    indicator: Indicator
    measure: str
    kinds: frozenset[UnitKind]
    slot: int  # the indicator's index among the period's
    slots_per_unit: int
    first_row: array  # the period's `_PeriodState.first_row`
    period_id: int
    statuses: dict[int, str]
    locking: bool  # whether any row of the period may be locked
    period_locked: bool
    locked_units: frozenset[int]


_INDICATOR_CODE, _KINDS, _MEASURE, _SLOT, _SLOTS_PER_UNIT, _FIRST_ROW, _PERIOD_ID, _STATUSES, _LOCKING = (
    itemgetter(_Entry._fields.index(name)) for name in (
        "code", "kinds", "measure", "slot", "slots_per_unit", "first_row", "period_id", "statuses", "locking"))


@dataclass
class _Checked:
    """A block that passed the fast check: the staging tuples of the rows that enter something, whether
    each one's report exists (`_Chunks.add`), and how many rows enter nothing."""

    staged: list[tuple]
    existing: list[bool]
    nothing: int

    @classmethod
    def joined(cls, blocks: Iterable[_Checked]) -> _Checked:
        joined = cls([], [], 0)
        for block in blocks:
            joined.staged += block.staged
            joined.existing += block.existing
            joined.nothing += block.nothing
        return joined


def _checked_row(lookup: _Lookup, staged: tuple | None) -> _Checked:
    """`_check_row`'s answer as a checked block of one row."""
    if staged is None:  # refused
        return _Checked([], [], 0)
    if staged is _NOTHING:
        return _Checked([], [], 1)
    return _Checked([staged], [staged[_UNIT] in lookup.by_id[staged[_PERIOD]].statuses], 0)


_UNKNOWN = object()
_CODE, _CLEAR = repo.STAGING_COLUMNS.index("indicator_code"), repo.STAGING_COLUMNS.index("clear")
_VALUE_FIELDS = slice(*(repo.STAGING_COLUMNS.index(name) for name in ("numerator", "keep_measure")))
_PERIOD_OF, _UNIT_OF, _IS_LOCKED, _KEEPS_MEASURE, _CLEARS, _CODE_IN, _VALUES_IN = map(
    itemgetter, (_PERIOD, _UNIT, _LOCKED, _KEEP_MEASURE, _CLEAR, _CODE, _VALUE_FIELDS))


class _NewReports:
    """The rows of reports that did not exist when the import met their period (`_PeriodState.statuses`).

    What such a row does is known from the row alone: a note-only row has no value to annotate (refused),
    a clear has nothing to clear (unchanged), a row of a locked period is refused, any other creates its
    value. So these rows skip the staging table and the set statements: the import creates each new
    report's draft and writes the values chunk by chunk, in the background while the next chunk is read
    (`_Chunks`); their outcomes per report join the others' after the last chunk, for the versions, audit
    entries and scores.

    On SQLite the request's write session holds the write lock from its start (api/db/engine.py): no other
    writer can create one of these reports meanwhile. On PostgreSQL a form may: creating its draft then
    fails, that attempt is rolled back to its savepoint, and the rows of the reports that exist now (this
    chunk's and any later one's) go back to `_Chunks` to be settled as rows of stored reports (`write`).
    Their rows were judged against the state the import read: a note-only row stays refused, a clear keeps
    what the form saved."""

    def __init__(self, session: Session, lookup: _Lookup, located: Located, report: ImportReport) -> None:
        self.session, self.lookup, self.located, self.report = session, lookup, located, report
        self.write_values = repo.value_writer(session)
        self.concurrent = repo.is_postgresql(session)
        if self.concurrent:  # ids from the sequence, when the drafts are created
            self.create_drafts, self.first = repo.draft_creator(session), 0
        else:  # the reports are numbered by their ids here, and their values written as read
            self.create_reports, self.first = repo.report_creator(session), repo.next_report_id(session)
        self.numbers: dict[tuple[int, int], int] = {}  # (period id, unit id) -> the new report's number
        self.keys: list[tuple[int, int]] = []  # (period id, unit id) by number - first
        self.ids: dict[int, int] = {}  # PostgreSQL: number -> the report's id, once created
        self.taken: set[int] = set()  # PostgreSQL: numbers of reports a form created first
        self.drafts: list[int] = []  # numbers of reports not created yet
        # Not written yet: SQLite (report id, indicator code, value fields); PostgreSQL (number, staging row).
        self.values: list[tuple] = []
        self.created: Counter[int] = Counter()  # report number -> values created
        self.cleared: Counter[tuple[int, int]] = Counter()  # (period id, unit id) -> clears (unchanged)

    def add(self, rows: list[tuple]) -> None:
        """Take a block's rows: the refused and the clears one by one, the others in passes over the block."""
        if any(map(_KEEPS_MEASURE, rows)) or any(map(_CLEARS, rows)) or any(map(_IS_LOCKED, rows)):
            plain = []
            for row in rows:
                if row[_KEEP_MEASURE]:
                    self._refuse(_nothing_to_annotate, row)
                elif row[_CLEAR]:
                    self.cleared[row[_PERIOD], row[_UNIT]] += 1
                elif row[_LOCKED]:
                    self._refuse(_locked, row)
                else:
                    plain.append(row)
            rows = plain
        keys = list(zip(map(_PERIOD_OF, rows), map(_UNIT_OF, rows)))
        numbers = list(map(self.numbers.get, keys))
        for index in [index for index, number in enumerate(numbers) if number is None]:
            number = self.numbers.get(keys[index])  # an earlier row of this block may have numbered it
            if number is None:
                number = self.numbers[keys[index]] = self.first + len(self.keys)
                self.keys.append(keys[index])
                self.drafts.append(number)
            numbers[index] = number
        if self.concurrent:
            self.values += zip(numbers, rows)
        else:
            self.values += map(add, zip(numbers, map(_CODE_IN, rows)), map(_VALUES_IN, rows))

    def _refuse(self, why: Callable[..., Problem], row: tuple) -> None:
        state = self.lookup.by_id[row[_PERIOD]]
        self.report.add_problem(why(self.lookup, self.located, state, row[0], row[_UNIT], row[_CODE]))
        self.report.rejected += 1

    def take(self) -> tuple[list, list]:
        """The drafts and values read since the last take, counted; for `write`."""
        drafts, values, self.drafts, self.values = self.drafts, self.values, [], []
        self.created.update(map(itemgetter(0), values))
        return drafts, values

    def write(self, drafts: list[int], values: list[tuple]) -> list[tuple]:
        """Create the drafts and write the values (in the background); return the staging rows of reports a
        form created first (PostgreSQL), which are no longer counted here."""
        if not self.concurrent:
            if drafts:
                self.create_reports([(number, *self.keys[number - self.first]) for number in drafts], clock.now())
            self.write_values(values)
            return []
        diverted: list[tuple[int, tuple]] = []
        while values:
            if self.taken:  # not in the usual case, which makes no pass over the rows
                diverted += [value for value in values if value[0] in self.taken]
                drafts = [number for number in drafts if number not in self.taken]
                values = [value for value in values if value[0] not in self.taken]
            try:
                with self.session.begin_nested():
                    self.ids.update(zip(drafts, self.create_drafts([self.keys[number] for number in drafts],
                                                                   clock.now()), strict=True))
                    ids = self.ids
                    self.write_values([(ids[number], row[_CODE], *row[_VALUE_FIELDS]) for number, row in values])
                break
            except IntegrityError:
                if not self._take_over(drafts):
                    raise
        self.created.subtract(number for number, _row in diverted)
        return [row for _number, row in diverted]

    def _take_over(self, drafts: list[int]) -> bool:
        """After a failed attempt to create `drafts`: mark those a form has created meanwhile as taken;
        whether there were any (none: the failure was not that race)."""
        taken = repo.existing_reports(self.session, [self.keys[number] for number in drafts])
        self.taken.update(number for number in drafts if self.keys[number] in taken)
        return bool(taken)

    def finish(self) -> None:
        """Count the new reports' rows into the outcomes and the report."""
        keys = [self.keys[number - self.first] for number in self.created]
        outcomes = [(*key, created, 0, self.cleared.pop(key, 0))
                    for key, created in zip(keys, self.created.values(), strict=True) if created]  # fmt: skip
        outcomes += [(*key, 0, 0, cleared) for key, cleared in self.cleared.items()]
        repo.add_outcomes(self.session, outcomes)
        self.report.created += sum(row[2] for row in outcomes)
        self.report.unchanged += sum(row[4] for row in outcomes)
        self.report.problems.sort(key=lambda problem: problem.row)


def _nothing_to_annotate(
    _lookup: _Lookup, _located: Located, _state: _PeriodState, number: int, _unit_id: int, indicator_code: str
) -> Problem:
    """A note-only row (measure cells empty) for a slot without a stored value."""
    message = (
        f"Chưa có số liệu chỉ tiêu {indicator_code} để ghi chú: hãy nhập cả số liệu "
        "(ô số liệu để trống thì giữ nguyên số liệu đã lưu)."
    )
    return Problem(number, None, None, message)


def _locked(
    lookup: _Lookup, located: Located, state: _PeriodState, number: int, unit_id: int, _indicator_code: str
) -> Problem:
    """Rows for a locked period or a submitted/approved report are accepted only when they repeat
    the stored value (a re-imported template)."""
    if state.period.status == "locked":
        message = f"Kỳ báo cáo «{state.period.code}» đã khóa, không nhận số liệu."
        return Problem(number, located.title_of("period"), None, message)
    label = SubmissionStatus(state.statuses[unit_id]).label
    unit_code = lookup.unit_codes[unit_id]
    message = f"Báo cáo kỳ {state.period.code} của đơn vị {unit_code} đã «{label}»: không ghi đè."
    return Problem(number, None, None, message)


def _apply(session: Session, principal: Principal, lookup: _Lookup, run_id: int | None) -> list[str]:
    """Write the staged changes, bump the changed reports' versions and write their audit entries, all
    in set statements; recompute scores now, or return the period codes whose recompute must follow the
    response (a national-scale import)."""
    now = clock.now()
    repo.bump_versions(session, now)
    repo.record_audit(session, now, principal.username, run_id, audit_repo.client_address.get())
    session.expire_all()
    touched: dict[int, set[int]] = {}
    for period_id, unit_id in repo.changed_reports(session):
        touched.setdefault(period_id, set()).add(unit_id)
    periods = [period for period in lookup.periods.values() if period.id in touched]
    if sum(len(unit_ids) for unit_ids in touched.values()) > SYNC_RECOMPUTE_UNITS:
        scoring.defer_recompute(session, periods)
        return [period.code for period in periods]
    for period in periods:
        unit_ids = touched[period.id]
        if len(unit_ids) <= UNIT_RECOMPUTE_LIMIT:
            for unit_id in sorted(unit_ids):
                scoring.recompute_unit(session, period, units_repo.by_id(session, unit_id))
        else:
            scoring.recompute_period(session, period)
    return []
