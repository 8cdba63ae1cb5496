"""finance_appraisal: Sở Tài chính's appraisal of each budget line; the finance and province_office roles

Revision ID: 22
Revises: 21
Create Date: 2026-12-06 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "22"
down_revision: str | None = "21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = [("finance", "Sở Tài chính"), ("province_office", "Văn phòng UBND tỉnh")]
roles = sa.table("roles", sa.column("code", sa.String), sa.column("name", sa.String))
users = sa.table("users", sa.column("role", sa.String), sa.column("active", sa.Boolean))


def upgrade() -> None:
    with op.batch_alter_table("budget_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), server_default="proposed", nullable=False)
        )
        batch_op.add_column(sa.Column("appraised_amount", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("return_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("appraised_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("appraised_at", sa.DateTime(timezone=True), nullable=True))
    op.bulk_insert(roles, [{"code": code, "name": name} for code, name in ROLES])


def downgrade() -> None:
    # Accounts of the removed roles are kept (their audit trail names them) but can no longer sign in:
    # read-only leaders, disabled, until an admin gives them a role the older version knows.
    removed = [code for code, _ in ROLES]
    op.execute(users.update().where(users.c.role.in_(removed)).values(role="leader", active=False))
    op.execute(roles.delete().where(roles.c.code.in_([code for code, _ in ROLES])))
    with op.batch_alter_table("budget_items", schema=None) as batch_op:
        batch_op.drop_column("appraised_at")
        batch_op.drop_column("appraised_by")
        batch_op.drop_column("return_reason")
        batch_op.drop_column("appraised_amount")
        batch_op.drop_column("status")
