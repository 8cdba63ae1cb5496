"""account_activation: a one-time activation code (its SHA-256) and its expiry on accounts not yet activated

Revision ID: 25
Revises: 24
Create Date: 2026-12-06 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "25"
down_revision: str | None = "24"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("activation_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("activation_expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("activation_expires_at")
        batch.drop_column("activation_hash")
