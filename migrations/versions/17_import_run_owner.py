"""Import runs record the process running them ("host/pid/start"), so a run left "running" by a killed
server is told from a live one and its Idempotency-Key can be used again

Revision ID: 17
Revises: 16
Create Date: 2026-12-06 03:15:14
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "17"
down_revision: str | None = "16"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("import_runs", sa.Column("owner", sa.String(255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_runs") as batch:
        batch.drop_column("owner")
