"""Adding a row of any table; the order of a list."""

from enum import StrEnum

from sqlalchemy import ColumnElement, case
from sqlalchemy.orm import Session

from api.domain.search import fold, sort_field


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj


def remove(session: Session, obj) -> None:
    session.delete(obj)
    session.flush()


def ordered(columns: dict[str, ColumnElement], order: StrEnum, *then: ColumnElement) -> list[ColumnElement]:
    """ORDER BY terms of a list's sort order (``api.domain.search``): its column, with empty values last on
    both engines (SQLite puts NULL first, PostgreSQL last), then the tie-breakers ``then``."""
    field, descending = sort_field(order)
    column = columns[field]
    return [column.is_(None), column.desc() if descending else column.asc(), *then]


def by_name(column: ColumnElement[str], names: dict[str, str]) -> ColumnElement[str]:
    """A code column ordered by the folded names people see (``names``: code -> name), a code without a
    name by itself; the same on both engines (a CASE, no collation)."""
    return case({code: fold(name) for code, name in names.items()}, value=column, else_=column)
