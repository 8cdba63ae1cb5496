"""Accounts keep their full name folded for searching (lower case, no diacritics), so the accounts list
is searched and sorted in SQL, the same on SQLite and PostgreSQL

Revision ID: 26
Revises: 25
Create Date: 2026-12-07 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.domain.search import fold

revision: str = "26"
down_revision: str | None = "25"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE on both engines, as for units' search_name (14): no copy of the table.
    op.add_column("users", sa.Column("search_name", sa.String(255), nullable=False, server_default=""))
    connection = op.get_bind()
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("full_name", sa.String),
                     sa.column("search_name", sa.String))
    rows = connection.execute(sa.select(users.c.id, users.c.full_name)).all()
    if rows:
        connection.execute(
            users.update().where(users.c.id == sa.bindparam("user_id")).values(search_name=sa.bindparam("folded")),
            [{"user_id": row.id, "folded": fold(row.full_name)} for row in rows],
        )


def downgrade() -> None:
    op.drop_column("users", "search_name")
