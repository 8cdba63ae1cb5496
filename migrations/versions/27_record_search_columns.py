"""Inspections keep their topic, models and exemplars their name, bonuses their reason folded for searching
(lower case, no diacritics), and bonuses their points as a number to sort by, so these lists are searched
and sorted in SQL, the same on SQLite and PostgreSQL

Revision ID: 27
Revises: 26
Create Date: 2026-12-07 03:30:00
"""

from collections.abc import Callable, Sequence
from fractions import Fraction

import sqlalchemy as sa
from alembic import op

from api.domain.search import fold

revision: str = "27"
down_revision: str | None = "26"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _points(points: str) -> float:
    return float(Fraction(points))


# (table, column read, column added, its type and default, how it is made of the column read)
DERIVED: tuple[tuple[str, str, str, sa.types.TypeEngine, str, Callable[[str], object]], ...] = (
    ("inspections", "topic", "search_topic", sa.Text(), "", fold),
    ("safety_models", "name", "search_name", sa.String(255), "", fold),
    ("exemplars", "name", "search_name", sa.String(255), "", fold),
    ("bonus_entries", "reason", "search_reason", sa.Text(), "", fold),
    ("bonus_entries", "points", "points_value", sa.Float(), "0", _points),
)


def upgrade() -> None:
    # Plain ALTER TABLE on both engines, as for units' and users' search_name (14, 26): no copy of a table.
    connection = op.get_bind()
    for name, source, added, kind, default, make in DERIVED:
        op.add_column(name, sa.Column(added, kind, nullable=False, server_default=default))
        table = sa.table(name, sa.column("id", sa.Integer), sa.column(source, sa.String), sa.column(added, kind))
        rows = connection.execute(sa.select(table.c.id, table.c[source])).all()
        if rows:
            connection.execute(
                table.update().where(table.c.id == sa.bindparam("row_id")).values({added: sa.bindparam("made")}),
                [{"row_id": row.id, "made": make(row[1])} for row in rows],
            )


def downgrade() -> None:
    for name, _source, added, _kind, _default, _make in reversed(DERIVED):
        op.drop_column(name, added)
