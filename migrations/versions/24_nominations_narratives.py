"""nominations, narratives and their attachments; timely award proposals have no period

Revision ID: 24
Revises: 23
Create Date: 2026-12-06 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "24"
down_revision: str | None = "23"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _uploaded() -> list[sa.Column]:
    return [
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=128), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("award_proposals", schema=None) as batch_op:
        batch_op.alter_column("period_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("timely", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "nominations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=True),
        sa.Column("timely", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("recipient", sa.String(length=16), nullable=False),
        sa.Column("nominee_name", sa.String(length=255), nullable=True),
        sa.Column("nominee_title", sa.String(length=255), nullable=True),
        sa.Column("achievements", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("nominated_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["periods.id"], name=op.f("fk_nominations_period_id_periods")),
        sa.ForeignKeyConstraint(
            ["proposal_id"], ["award_proposals.id"], name=op.f("fk_nominations_proposal_id_award_proposals")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_nominations_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nominations")),
        sa.UniqueConstraint("proposal_id", name=op.f("uq_nominations_proposal_id")),
    )
    with op.batch_alter_table("nominations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nominations_period_id"), ["period_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nominations_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_nominations_unit_id"), ["unit_id"], unique=False)
    op.create_table(
        "narratives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("achievements", sa.Text(), nullable=False),
        sa.Column("models", sa.Text(), nullable=False),
        sa.Column("difficulties", sa.Text(), nullable=False),
        sa.Column("proposals", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["periods.id"], name=op.f("fk_narratives_period_id_periods")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_narratives_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_narratives")),
        sa.UniqueConstraint("period_id", "unit_id", name=op.f("uq_narratives_period_id")),
    )
    with op.batch_alter_table("narratives", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_narratives_period_id"), ["period_id"], unique=False)
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nomination_id", sa.Integer(), nullable=True),
        sa.Column("narrative_id", sa.Integer(), nullable=True),
        *_uploaded(),
        sa.CheckConstraint(
            "(nomination_id IS NULL) <> (narrative_id IS NULL)", name=op.f("ck_attachments_one_owner")
        ),
        sa.ForeignKeyConstraint(
            ["narrative_id"],
            ["narratives.id"],
            name=op.f("fk_attachments_narrative_id_narratives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["nomination_id"],
            ["nominations.id"],
            name=op.f("fk_attachments_nomination_id_nominations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_attachments_storage_key")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_narrative_id"), ["narrative_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachments_nomination_id"), ["nomination_id"], unique=False)


def downgrade() -> None:
    op.drop_table("attachments")
    op.drop_table("narratives")
    op.drop_table("nominations")
    op.execute("DELETE FROM award_proposals WHERE period_id IS NULL")
    with op.batch_alter_table("award_proposals", schema=None) as batch_op:
        batch_op.drop_column("timely")
        batch_op.alter_column("period_id", existing_type=sa.Integer(), nullable=False)
