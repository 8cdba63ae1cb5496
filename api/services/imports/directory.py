"""Import units and user accounts for setting up a province.

Each row goes through the same services as the admin forms (`services.units`, `services.accounts`),
so the rules and the audit entries are theirs. A row runs inside its own savepoint: a refused row is
undone alone; in all-or-nothing mode or a dry run the outer savepoint is rolled back at the end.
These files hold hundreds or a few thousand rows, so one row at a time is fast enough here.
An optional column that is absent, or an empty cell, keeps what is stored; the clear marker
(`cells.CLEAR_MARKER`) clears it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from sqlalchemy.orm import Session

from api.db.repositories import units as units_repo
from api.db.repositories import users as users_repo
from api.domain import UnitKind, text
from api.services import accounts, transaction, units
from api.services.access import ROLES, Principal
from api.services.errors import FieldProblem, Invalid, ServiceError
from api.services.imports import cells
from api.services.imports.columns import ColumnSet, ColumnSpec, Located
from api.services.imports.report import ImportReport, Problem
from api.services.imports.tables import Encoding, TableFormat, open_table
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


def import_units(session: Session, principal: Principal, file: BinaryIO, **options) -> ImportReport:
    principal.require("units:write")
    return import_rows(session, principal, file, "units", UNIT_COLUMNS, _unit_row, **options)


def import_users(session: Session, principal: Principal, file: BinaryIO, **options) -> ImportReport:
    principal.require("users:write")
    return import_rows(session, principal, file, "users", USER_COLUMNS, _user_row, **options)


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
    """Run ``handle_row`` on each row in its own savepoint; cells are read as codes unless ``readers``
    names another reader for a field (a date cell)."""
    readers = readers or {}
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
            fields = {name: readers.get(name, cells.code)(record.get(name)) for name in located.fields}
            outcome = handle_row(session, principal, fields)
        except (ServiceError, cells.CellError) as error:
            row.rollback()
            report.rejected += 1
            for problem in _problems(error, located, number, table.format is not TableFormat.JSON):
                report.add_problem(problem)
            continue
        row.commit()
        setattr(report, outcome, getattr(report, outcome) + 1)
    report.rows += table.blank_rows
    report.skipped_empty = table.blank_rows
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


def _unit_row(session: Session, principal: Principal, fields: dict[str, str | None]) -> str:
    code = text.code(required(fields, "code", "Thiếu mã đơn vị."))
    raw_kind = required(fields, "kind", "Thiếu loại đơn vị.")
    kind = _KIND_BY_LABEL.get(raw_kind.casefold(), raw_kind)
    if kind not in set(UnitKind):
        allowed = ", ".join(f"{value} ({label})" for value, label in KIND_LABELS.items())
        raise Invalid(
            "Loại đơn vị không hợp lệ.",
            [FieldProblem(["kind"], f"Loại «{raw_kind}» không hợp lệ; dùng: {allowed}.")],
        )
    name = required(fields, "name", "Thiếu tên đơn vị.")
    existing = units_repo.by_code(session, code)
    if existing is None:
        data = {"code": code, "name": name, "kind": kind, "parent": optional(fields, "parent", None),
                "group": optional(fields, "group", None)}  # fmt: skip
        units.create(session, principal, data)
        return "created"
    parent = units_repo.by_id(session, existing.parent_id) if existing.parent_id else None
    groups = {group.id: group.code for group, _count in units_repo.groups_with_counts(session)}
    current = {"name": existing.name, "kind": existing.kind, "parent": parent.code if parent else None,
               "group": groups.get(existing.group_id)}  # fmt: skip
    data = {"name": name, "kind": kind, "parent": optional(fields, "parent", current["parent"]),
            "group": optional(fields, "group", current["group"])}  # fmt: skip
    changes = {name: value for name, value in data.items() if current[name] != value}
    if not changes:
        return "unchanged"
    units.update(session, principal, code, changes)
    return "updated"


def _user_row(session: Session, principal: Principal, fields: dict[str, str | None]) -> str:
    username = text.username(required(fields, "username", "Thiếu tên đăng nhập."))
    role = required(fields, "role", "Thiếu vai trò.")
    if role not in ROLES:
        raise Invalid(
            "Vai trò không hợp lệ.",
            [FieldProblem(["role"], f"Vai trò «{role}» không hợp lệ; dùng: {', '.join(ROLES)}.")],
        )
    full_name = required(fields, "full_name", "Thiếu họ và tên.")
    found = users_repo.by_username(session, username)
    if found is None:
        password = required(fields, "password", "Thiếu mật khẩu ban đầu cho tài khoản mới.")
        accounts.create_user(session, principal, username=username, full_name=full_name, password=password,
                             role=role, unit_code=optional(fields, "unit", None))  # fmt: skip
        return "created"
    user, unit = users_repo.with_unit(session, found.id)
    changes = {}
    if user.full_name != full_name:
        changes["full_name"] = full_name
    if user.role != role:
        changes["role"] = role
    unit_code = unit.code if unit else None
    if optional(fields, "unit", unit_code) != unit_code:
        changes["unit"] = optional(fields, "unit", unit_code)
    if fields.get("password"):
        changes["password"] = fields["password"]
    if not changes:
        return "unchanged"
    accounts.update_user(session, principal, username, changes)
    return "updated"
