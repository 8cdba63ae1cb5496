"""scheduled_reminders: the reminders the schedule sent, one per unit, period and offset

Revision ID: 21
Revises: 20
Create Date: 2026-12-06 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "21"
down_revision: str | None = "20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "scheduled_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["notification_id"], ["notifications.id"],
                                name=op.f("fk_scheduled_reminders_notification_id_notifications"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["period_id"], ["periods.id"], name=op.f("fk_scheduled_reminders_period_id_periods"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_scheduled_reminders_unit_id_units"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_reminders")),
        sa.UniqueConstraint("unit_id", "period_id", "offset_days", name=op.f("uq_scheduled_reminders_unit_id")),
    )


def downgrade() -> None:
    op.drop_table("scheduled_reminders")
