"""API tokens always expire: tokens from before s002 get created_at + 365 days, and the column becomes required

365 days is the default lifetime of a new token (BANHAT_TOKEN_DAYS); a token older than that expires
at once, as one created with the default would have.

Revision ID: s003
Revises: s002
Create Date: 2026-11-27 18:40:00
"""

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "s003"
down_revision: str | None = "s002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_LIFETIME = timedelta(days=365)
tokens = sa.table("api_tokens", sa.column("id", sa.Integer), sa.column("created_at", sa.DateTime(timezone=True)),
                  sa.column("expires_at", sa.DateTime(timezone=True)))


def upgrade() -> None:
    connection = op.get_bind()
    unlimited = connection.execute(sa.select(tokens.c.id, tokens.c.created_at).where(tokens.c.expires_at.is_(None)))
    for token_id, created_at in unlimited.all():
        connection.execute(sa.update(tokens).where(tokens.c.id == token_id)
                           .values(expires_at=created_at + DEFAULT_LIFETIME))
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.alter_column("expires_at", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.alter_column("expires_at", existing_type=sa.DateTime(timezone=True), nullable=True)
