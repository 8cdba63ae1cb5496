"""Inspections keep their topic, models and exemplars their name folded for searching (lower case, no
diacritics), so these lists are searched and sorted in SQL, the same on SQLite and PostgreSQL

Revision ID: 27
Revises: 26
Create Date: 2026-12-07 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.domain.search import fold

revision: str = "27"
down_revision: str | None = "26"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column folded, folded column, its type)
FOLDED = (
    ("inspections", "topic", "search_topic", sa.Text()),
    ("safety_models", "name", "search_name", sa.String(255)),
    ("exemplars", "name", "search_name", sa.String(255)),
)


def upgrade() -> None:
    # Plain ALTER TABLE on both engines, as for units' and users' search_name (14, 26): no copy of a table.
    connection = op.get_bind()
    for name, source, folded, kind in FOLDED:
        op.add_column(name, sa.Column(folded, kind, nullable=False, server_default=""))
        table = sa.table(name, sa.column("id", sa.Integer), sa.column(source, sa.String), sa.column(folded, sa.String))
        rows = connection.execute(sa.select(table.c.id, table.c[source])).all()
        if rows:
            connection.execute(
                table.update().where(table.c.id == sa.bindparam("row_id")).values({folded: sa.bindparam("folded")}),
                [{"row_id": row.id, "folded": fold(row[1])} for row in rows],
            )


def downgrade() -> None:
    for name, _source, folded, _kind in FOLDED:
        op.drop_column(name, folded)
