"""PostgreSQL notifies banhat_changes at the commit of any change to tokens, users, sessions or periods

The API workers keep the caller and period rows of their event-loop reads until such a notification
(api/db/loop_reads.py). SQLite needs nothing: its reads are made in place, nothing is kept.

Revision ID: b007
Revises: b006
Create Date: 2026-11-27 19:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "b007"
down_revision: str | None = "b006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WATCHED = ("api_tokens", "users", "user_sessions", "periods")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""
        CREATE FUNCTION banhat_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('banhat_changes', TG_TABLE_NAME);
            RETURN NULL;
        END $$
    """)
    for table in WATCHED:
        op.execute(f"CREATE TRIGGER {table}_notify_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION banhat_notify_changes()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in WATCHED:
        op.execute(f"DROP TRIGGER {table}_notify_changes ON {table}")
    op.execute("DROP FUNCTION banhat_notify_changes()")
