"""awards, inspections, bonus entries, budget, models registry, notifications

Seeds the run-time settings: lương cơ sở 2,340,000 đ (Nghị định 73/2024/NĐ-CP, from 01/7/2024) and the
national hotlines shown on the public page; the standing body edits both.

Revision ID: 0101
Revises: i001
Create Date: 2026-11-27 09:12:22.455206
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = '0101'
down_revision: str | None = 'i001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_SETTINGS = {
    "base_salary": {"amount": 2_340_000, "legal_basis": "Nghị định 73/2024/NĐ-CP"},
    "hotlines": {
        "items": [
            {"name": "Cảnh sát điều phối, xử lý tin báo tố giác tội phạm", "number": "113"},
            {"name": "Cứu nạn, cứu hộ, phòng cháy chữa cháy", "number": "114"},
        ]
    },
}


def upgrade() -> None:
    op.create_table('movement_settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_movement_settings'))
    )
    op.create_table('budget_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_budget_items_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_items'))
    )
    with op.batch_alter_table('budget_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_items_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_items_year'), ['year'], unique=False)

    op.create_table('exemplars',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('achievement', sa.Text(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_exemplars_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exemplars'))
    )
    with op.batch_alter_table('exemplars', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exemplars_unit_id'), ['unit_id'], unique=False)

    op.create_table('inspections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.Text(), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=False),
    sa.Column('inspected_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_inspections_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspections'))
    )
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspections_inspected_on'), ['inspected_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspections_unit_id'), ['unit_id'], unique=False)

    op.create_table('safety_models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('established_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_safety_models_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_models'))
    )
    with op.batch_alter_table('safety_models', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_models_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_safety_models_unit_id'), ['unit_id'], unique=False)

    op.create_table('unit_contacts',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_contacts_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('unit_id', name=op.f('pk_unit_contacts'))
    )
    op.create_table('award_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=16), nullable=False),
    sa.Column('person_name', sa.String(length=255), nullable=True),
    sa.Column('person_title', sa.String(length=255), nullable=True),
    sa.Column('form_code', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('eligibility_reason', sa.Text(), nullable=False),
    sa.Column('multiplier', sa.String(length=32), nullable=False),
    sa.Column('base_salary', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('return_reason', sa.Text(), nullable=True),
    sa.Column('decision_number', sa.String(length=64), nullable=True),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('proposed_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['periods.id'], name=op.f('fk_award_proposals_period_id_periods')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_award_proposals_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_proposals'))
    )
    with op.batch_alter_table('award_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_proposals_period_id'), ['period_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_proposals_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_proposals_unit_id'), ['unit_id'], unique=False)

    op.create_table('bonus_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('points', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['periods.id'], name=op.f('fk_bonus_entries_period_id_periods')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_bonus_entries_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bonus_entries'))
    )
    with op.batch_alter_table('bonus_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bonus_entries_period_id'), ['period_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bonus_entries_unit_id'), ['unit_id'], unique=False)

    op.create_table('inspection_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('points', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_findings_inspection_id_inspections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_findings'))
    )
    with op.batch_alter_table('inspection_findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_findings_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('emailed_to', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['period_id'], ['periods.id'], name=op.f('fk_notifications_period_id_periods')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_notifications_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_unit_id'), ['unit_id'], unique=False)

    op.create_table('corrective_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['finding_id'], ['inspection_findings.id'], name=op.f('fk_corrective_actions_finding_id_inspection_findings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_corrective_actions'))
    )
    with op.batch_alter_table('corrective_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_corrective_actions_finding_id'), ['finding_id'], unique=False)

    settings = sa.table("movement_settings", sa.column("key", sa.String), sa.column("value", sa.JSON),
                        sa.column("updated_at", sa.DateTime(timezone=True)), sa.column("updated_by", sa.String))
    now = datetime.now(UTC)
    op.bulk_insert(settings, [
        {"key": key, "value": value, "updated_at": now, "updated_by": "migration"}
        for key, value in DEFAULT_SETTINGS.items()
    ])



def downgrade() -> None:
    with op.batch_alter_table('corrective_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_corrective_actions_finding_id'))

    op.drop_table('corrective_actions')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_unit_id'))

    op.drop_table('notifications')
    with op.batch_alter_table('inspection_findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_findings_inspection_id'))

    op.drop_table('inspection_findings')
    with op.batch_alter_table('bonus_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bonus_entries_unit_id'))
        batch_op.drop_index(batch_op.f('ix_bonus_entries_period_id'))

    op.drop_table('bonus_entries')
    with op.batch_alter_table('award_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_proposals_unit_id'))
        batch_op.drop_index(batch_op.f('ix_award_proposals_status'))
        batch_op.drop_index(batch_op.f('ix_award_proposals_period_id'))

    op.drop_table('award_proposals')
    op.drop_table('unit_contacts')
    with op.batch_alter_table('safety_models', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_models_unit_id'))
        batch_op.drop_index(batch_op.f('ix_safety_models_kind'))

    op.drop_table('safety_models')
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspections_unit_id'))
        batch_op.drop_index(batch_op.f('ix_inspections_inspected_on'))

    op.drop_table('inspections')
    with op.batch_alter_table('exemplars', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exemplars_unit_id'))

    op.drop_table('exemplars')
    with op.batch_alter_table('budget_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_items_year'))
        batch_op.drop_index(batch_op.f('ix_budget_items_unit_id'))

    op.drop_table('budget_items')
    op.drop_table('movement_settings')
