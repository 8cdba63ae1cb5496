"""Units keep their name folded for searching (lower case, no diacritics): "pho hien" finds "Phố Hiến"
on SQLite and PostgreSQL alike

Revision ID: 14
Revises: 13
Create Date: 2026-12-06 00:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.domain.search import fold

revision: str = "14"
down_revision: str | None = "13"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE on both engines: a batch (copy-and-move) of units on SQLite would trip the
    # foreign keys that point at it.
    op.add_column("units", sa.Column("search_name", sa.String(255), nullable=False, server_default=""))
    connection = op.get_bind()
    units = sa.table("units", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("search_name", sa.String))
    rows = connection.execute(sa.select(units.c.id, units.c.name)).all()
    if rows:
        connection.execute(
            units.update().where(units.c.id == sa.bindparam("unit_id")).values(search_name=sa.bindparam("folded")),
            [{"unit_id": row.id, "folded": fold(row.name)} for row in rows],
        )


def downgrade() -> None:
    op.drop_column("units", "search_name")
