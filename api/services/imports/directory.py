"""Import units and user accounts for setting up a province (and the row-by-row driver of the
activities import).

Units and accounts are imported in bulk: the file is read whole, every row checked in memory against
the units, groups and accounts read once (the same rules as the admin forms, located by row and
column), and the accepted rows are written by the forms' own writers (`services.units.insert` and
`change`, `services.accounts.add_users` and `change_users`: their audit entries and scores) in a few
statements. 2,000 units take seconds, not the minutes one row at a time took while holding the write
lock (docs/benchmarks.md). In all-or-nothing mode (the default) a file with a refused row writes
nothing; a dry run never writes. An optional column that is absent, or an empty cell, keeps what is
stored; the clear marker (`cells.CLEAR_MARKER`) clears it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import BinaryIO, Protocol

from sqlalchemy.orm import Session

from api.db.models import Unit, User
from api.db.repositories import units as units_repo
from api.db.repositories import users as users_repo
from api.domain import UnitKind, text
from api.domain.permissions import manages_accounts, needs_unit
from api.services import accounts, transaction, units
from api.services.access import ROLES, Principal
from api.services.errors import FieldProblem, Invalid, NotFound, ServiceError
from api.services.imports import cells
from api.services.imports.columns import ColumnSet, ColumnSpec, Located
from api.services.imports.report import ImportReport, Problem
from api.services.imports.tables import Encoding, TableFormat, open_table
from api.services.security import hash_password
from api.services.templates import KIND_LABELS

UNIT_COLUMNS = ColumnSet(
    [
        ColumnSpec("code", "Mã đơn vị", ("unit", "unit_code"), required=True),
        ColumnSpec("name", "Tên đơn vị", ("unit_name",), required=True),
        ColumnSpec("kind", "Loại đơn vị", ("unit_kind",), required=True),
        ColumnSpec("parent", "Mã đơn vị cấp trên", ("parent_code", "đơn vị cấp trên")),
        ColumnSpec("group", "Mã cụm, khối thi đua", ("group_code", "cụm khối thi đua", "mã cụm khối")),
    ]
)
USER_COLUMNS = ColumnSet(
    [
        ColumnSpec("username", "Tên đăng nhập", ("user", "tai khoan", "tài khoản"), required=True),
        ColumnSpec("full_name", "Họ và tên", ("họ tên", "name"), required=True),
        ColumnSpec("role", "Vai trò", (), required=True),
        ColumnSpec("unit", "Mã đơn vị", ("unit_code",)),
        ColumnSpec("password", "Mật khẩu ban đầu", ("mật khẩu",)),
    ]
)
_KIND_BY_LABEL = {cells.plain(label).casefold(): kind for kind, label in KIND_LABELS.items()}

RowHandler = Callable[[Session, Principal, dict[str, object]], str]


class CheckedRows(Protocol):
    """The rows of a units or users file: checked one by one in memory, then written together."""

    def check(self, number: int, fields: dict[str, str | None]) -> str: ...

    def write(self) -> None: ...


def import_units(session: Session, principal: Principal, file: BinaryIO, **options) -> ImportReport:
    principal.require("units:write")
    return import_checked(session, principal, file, "units", UNIT_COLUMNS, _UnitRows, **options)


def import_users(session: Session, principal: Principal, file: BinaryIO, **options) -> ImportReport:
    principal.require("users:write")
    return import_checked(session, principal, file, "users", USER_COLUMNS, _UserRows, **options)


def import_checked(
    session: Session,
    principal: Principal,
    file: BinaryIO,
    kind: str,
    columns: ColumnSet,
    rows_type: Callable[[Session, Principal], CheckedRows],
    *,
    dry_run: bool,
    all_or_nothing: bool,
    run_id: int | None = None,
    max_bytes: int | None = None,
    max_rows: int | None = None,
    problem_limit: int = 1000,
    encoding: Encoding | None = None,
) -> ImportReport:
    """Read the whole file (a directory file holds thousands of rows at most), prepare it without the
    database (``rows_type.prepare``: hash passwords), then check every row against lookups read once
    and write the accepted ones in a few statements: the write transaction lasts a second or two for
    thousands of rows, not minutes, so other writers are not starved."""
    limits = {"max_bytes": max_bytes} if max_bytes else {}
    table = open_table(file, columns, max_rows=max_rows, encoding=encoding, **limits)
    report = ImportReport(kind, dry_run, all_or_nothing, problem_limit=problem_limit)
    located = table.columns
    rows = [(number, _read_fields(record, located)) for number, record in table.rows]
    getattr(rows_type, "prepare", lambda _rows: None)(rows)
    checked = rows_type(session, principal)
    for number, fields in rows:
        report.rows += 1
        try:
            if isinstance(fields, cells.CellError):
                raise fields
            outcome = checked.check(number, fields)
        except (ServiceError, cells.CellError) as error:
            _reject(report, error, located, number, table.format)
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    _count_blank_rows(report, table)
    if not dry_run and not (all_or_nothing and report.rejected):
        checked.write()
        report.applied = True
        report.activation_codes = getattr(checked, "activation_codes", [])
    return report


def _read_fields(record: dict, located: Located,
                 readers: dict[str, Callable[[object], object]] | None = None) -> dict | cells.CellError:
    """A row's cells as codes (or by the field's own reader), or the first cell that cannot be read."""
    readers = readers or {}
    try:
        return {name: readers.get(name, cells.code)(record.get(name)) for name in located.fields}
    except cells.CellError as error:
        return error


def _count_blank_rows(report: ImportReport, table) -> None:
    report.rows += table.blank_rows
    report.skipped_empty = table.blank_rows


def _reject(report: ImportReport, error: Exception, located: Located, number: int, file_format) -> None:
    report.rejected += 1
    for problem in _problems(error, located, number, file_format is not TableFormat.JSON):
        report.add_problem(problem)


def import_rows(
    session: Session,
    principal: Principal,
    file: BinaryIO,
    kind: str,
    columns: ColumnSet,
    handle_row: RowHandler,
    *,
    dry_run: bool,
    all_or_nothing: bool,
    run_id: int | None = None,
    max_bytes: int | None = None,
    max_rows: int | None = None,
    problem_limit: int = 1000,
    encoding: Encoding | None = None,
    readers: dict[str, Callable[[object], object]] | None = None,
) -> ImportReport:
    """Run ``handle_row`` on each row in its own savepoint (activities: each row goes through the
    form's service); cells are read as codes unless ``readers`` names another reader for a field."""
    limits = {"max_bytes": max_bytes} if max_bytes else {}
    table = open_table(file, columns, max_rows=max_rows, encoding=encoding, **limits)
    report = ImportReport(kind, dry_run, all_or_nothing, problem_limit=problem_limit)
    located = table.columns
    outer = transaction.Savepoint(session)
    for number, record in table.rows:
        report.rows += 1
        # A refused row fails its checks before queuing any score work: a plain SAVEPOINT is enough.
        row = session.begin_nested()
        try:
            fields = _read_fields(record, located, readers)
            if isinstance(fields, cells.CellError):
                raise fields
            outcome = handle_row(session, principal, fields)
        except (ServiceError, cells.CellError) as error:
            row.rollback()
            _reject(report, error, located, number, table.format)
            continue
        row.commit()
        setattr(report, outcome, getattr(report, outcome) + 1)
    _count_blank_rows(report, table)
    if dry_run or (all_or_nothing and report.rejected):
        outer.rollback()
    else:
        outer.commit()
        report.applied = True
    return report


def _problems(error: Exception, located: Located, number: int, cell_refs: bool) -> list[Problem]:
    if isinstance(error, ServiceError) and error.errors:
        found = []
        for item in error.errors:
            name = str(item.loc[-1]) if item.loc else None
            if name in located.fields:
                cell = located.cell_of(name, number) if cell_refs else None
                found.append(Problem(number, located.title_of(name), cell, item.message))
            else:
                found.append(Problem(number, None, None, item.message))
        return found
    message = error.detail if isinstance(error, ServiceError) else str(error)
    return [Problem(number, None, None, message)]


def optional(fields: dict[str, str | None], name: str, current: str | None) -> str | None:
    """An optional cell: empty (or its column absent) keeps `current`, the clear marker clears it."""
    value = fields.get(name)
    if value is None:
        return current
    return None if cells.is_clear(value) else value


def required(fields: dict[str, str | None], name: str, message: str) -> str:
    value = fields.get(name)
    if not value:
        raise Invalid(message, [FieldProblem([name], message)])
    return value


def _code(given: str | None) -> str | None:
    return text.code(given) if given else None


def _refused(name: str, message: str) -> Invalid:
    return Invalid(message, [FieldProblem([name], message)])


class _UnitRows:
    """Checks each row of a units file against the units and groups of the database and the file's
    earlier rows, in memory; then writes every accepted row in a few statements."""

    def __init__(self, session: Session, principal: Principal) -> None:
        self.session, self.principal = session, principal
        self.units = {unit.code.upper(): unit for unit in units_repo.every_unit(session)}
        self.groups = {group.code: group for group in units_repo.every_group(session)}
        by_id = {unit.id: unit for unit in self.units.values()}
        # Each unit's parent code, as the file leaves it so far: a new parent must not be a descendant.
        self.parent_of = {code: by_id[unit.parent_id].code.upper() if unit.parent_id in by_id else None
                          for code, unit in self.units.items()}  # fmt: skip
        self.group_code = {group.id: group.code for group in self.groups.values()}
        self.new: dict[str, units.NewUnit] = {}
        self.changes: list[units.UnitChange] = []
        self.seen: dict[str, int] = {}

    def check(self, number: int, fields: dict[str, str | None]) -> str:
        code = text.code(required(fields, "code", "Thiếu mã đơn vị."))
        if code in self.seen:
            raise _refused("code", f"Mã đơn vị trùng với dòng {self.seen[code]}.")
        raw_kind = required(fields, "kind", "Thiếu loại đơn vị.")
        kind = _KIND_BY_LABEL.get(raw_kind.casefold(), raw_kind)
        if kind not in set(UnitKind):
            allowed = ", ".join(f"{value} ({label})" for value, label in KIND_LABELS.items())
            raise _refused("kind", f"Loại «{raw_kind}» không hợp lệ; dùng: {allowed}.")
        name = required(fields, "name", "Thiếu tên đơn vị.")
        existing = self.units.get(code)
        if existing is not None and not existing.active:
            raise NotFound(f"Không tìm thấy đơn vị «{existing.code}».")
        current = self._current(existing) if existing is not None else {"parent": None, "group": None}
        parent_code = _code(optional(fields, "parent", current["parent"]))
        group_code = _code(optional(fields, "group", current["group"]))
        parent = self.units.get(parent_code) or self.new.get(parent_code) if parent_code else None
        group = self.groups.get(group_code) if group_code else None
        problems = []
        if parent_code and parent is None:
            problems.append(FieldProblem(["parent"], "Không có đơn vị cấp trên với mã này."))
        if group_code and group is None:
            problems.append(FieldProblem(["group"], "Không có cụm, khối thi đua với mã này."))
        if problems:
            raise Invalid(f"Không thể lưu đơn vị «{code}».", problems)
        if existing is None:
            outcome = self._create(code, name, kind, parent_code, parent, group)
        else:
            outcome = self._update(existing, current, name, kind, parent_code, parent, group)
        self.seen[code] = number
        return outcome

    def _create(self, code: str, name: str, kind: str, parent_code: str | None, parent, group) -> str:
        self.new[code] = units.NewUnit(code, name, kind, parent, group)
        self.parent_of[code] = parent_code
        return "created"

    def _current(self, unit: Unit) -> dict:
        """What is stored of a unit, as earlier rows of the file left it."""
        return {"name": unit.name, "kind": unit.kind, "parent": self.parent_of[unit.code.upper()],
                "group": self.group_code.get(unit.group_id)}  # fmt: skip

    def _update(self, unit: Unit, current: dict, name: str, kind: str, parent_code: str | None, parent,
                group) -> str:
        code = unit.code.upper()
        wanted = {"name": name, "kind": kind, "parent": parent_code, "group": group.code if group else None}
        if current == wanted:
            return "unchanged"
        if parent_code is not None and self._descends(parent_code, code):
            raise _refused("parent", "Không thể đặt đơn vị con làm cấp trên.")
        self.changes.append(units.UnitChange(unit, current, name, kind, parent, group))
        self.parent_of[code] = parent_code
        return "updated"

    def _descends(self, candidate: str, code: str) -> bool:
        """Whether ``candidate`` is ``code`` or below it, in the tree as the file leaves it so far."""
        seen = set()
        while candidate is not None and candidate not in seen:
            if candidate == code:
                return True
            seen.add(candidate)
            candidate = self.parent_of.get(candidate)
        return False

    def write(self) -> None:
        made = units.insert(self.session, self.principal, list(self.new.values()))
        units.change(self.session, self.principal, self.changes, made)


USERNAME = re.compile(r"[a-z0-9_.-]{2,64}")
PASSWORD_LENGTH = range(8, 257)


class _UserRows:
    """Checks each row of an accounts file against the accounts and units of the database and the
    file's earlier rows, in memory; then writes every accepted row together. Passwords are hashed
    before (:meth:`prepare`), outside the transaction: argon2 takes a third of a second each. A new
    account without an initial password gets a one-time activation code instead (no argon2: thousands
    of accounts in seconds), listed once in the report."""

    @staticmethod
    def prepare(rows: list[tuple[int, dict | cells.CellError]]) -> None:
        for _number, fields in rows:
            if isinstance(fields, dict) and fields.get("password") and len(fields["password"]) in PASSWORD_LENGTH:
                fields["password_hash"] = hash_password(fields["password"])

    def __init__(self, session: Session, principal: Principal) -> None:
        self.session, self.principal = session, principal
        self.units = {unit.code.upper(): unit for unit in units_repo.every_unit(session)}
        self.users = {user.username.lower(): (user, unit) for user, unit in users_repo.search(session)}
        self.admins = {name for name, (user, _unit) in self.users.items() if manages_accounts(user.role) and user.active}
        self.new: list[accounts.NewUser] = []
        self.changes: list[accounts.UserChange] = []
        self.seen: dict[str, int] = {}
        self.activation_codes: list[accounts.ActivationCode] = []

    def check(self, number: int, fields: dict[str, str | None]) -> str:
        username = text.username(required(fields, "username", "Thiếu tên đăng nhập."))
        if not USERNAME.fullmatch(username):
            raise _refused("username", "Tên đăng nhập gồm 2-64 chữ thường không dấu, chữ số, dấu chấm, gạch dưới "
                                       "hoặc gạch ngang.")  # fmt: skip
        if username in self.seen:
            raise _refused("username", f"Tên đăng nhập trùng với dòng {self.seen[username]}.")
        role = required(fields, "role", "Thiếu vai trò.")
        if role not in ROLES:
            raise _refused("role", f"Vai trò «{role}» không hợp lệ; dùng: {', '.join(ROLES)}.")
        full_name = required(fields, "full_name", "Thiếu họ và tên.")
        found = self.users.get(username)
        current_unit = found[1].code if found is not None and found[1] is not None else None
        unit_code = _code(optional(fields, "unit", current_unit))
        unit = self.units.get(unit_code) if unit_code else None
        if unit_code and unit is None:
            raise _refused("unit", "Không có đơn vị với mã này.")
        if needs_unit(role) and unit is None:
            raise _refused("unit", "Bắt buộc với vai trò báo cáo.")
        if fields.get("password") and len(fields["password"]) not in PASSWORD_LENGTH:
            raise _refused("password", "Mật khẩu dài từ 8 đến 256 ký tự.")
        outcome = self._create(username, full_name, role, unit, fields) if found is None else self._update(
            *found, full_name, role, unit, fields)  # fmt: skip
        self.seen[username] = number
        return outcome

    def _create(self, username: str, full_name: str, role: str, unit: Unit | None, fields: dict) -> str:
        # Without an initial password the account gets an activation code when written.
        self.new.append(accounts.NewUser(username, full_name, role, unit, fields.get("password_hash")))
        if manages_accounts(role):
            self.admins.add(username)
        return "created"

    def _update(self, user: User, current_unit: Unit | None, full_name: str, role: str, unit: Unit | None,
                fields: dict) -> str:
        if (user.full_name, user.role, current_unit, fields.get("password")) == (full_name, role, unit, None):
            return "unchanged"
        name = user.username.lower()
        if not manages_accounts(role) and name in self.admins:
            if self.admins == {name}:
                raise _refused("role", "Không thể đổi vai trò của quản trị viên cuối cùng còn hoạt động.")
            self.admins.discard(name)
        before = {"full_name": user.full_name, "role": user.role, "unit": current_unit.code if current_unit else None,
                  "active": user.active}  # fmt: skip
        self.changes.append(accounts.UserChange(user, before, full_name, role, unit, fields.get("password_hash")))
        return "updated"

    def write(self) -> None:
        _made, self.activation_codes = accounts.add_users(self.session, self.principal.username, self.new)
        accounts.change_users(self.session, self.principal.username, self.changes)
