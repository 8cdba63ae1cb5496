"""Inspections by Sở Nội vụ, departments and communes' committees: who inspects, the unit that oversees a
unit, proposed findings confirmed or rejected by the standing body, and the inspector role

Revision ID: 23
Revises: 22
Create Date: 2026-12-06 20:00:00
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision: str = "23"
down_revision: str | None = "22"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLE = {"code": "inspector", "name": "Cán bộ kiểm tra (sở, ban, ngành, UBND xã)"}
FINDING_COLUMNS = ("decision_reason", "decided_at", "decided_by", "recorded_by", "status")


def _add_unit_reference(table: str, column: str) -> None:
    """A nullable column referring to a unit. SQLite takes the foreign key only inline in ALTER TABLE ADD
    COLUMN (a batch copy of a table other tables point at would trip their foreign keys)."""
    name = f"fk_{table}_{column}_units"
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER CONSTRAINT {name} REFERENCES units (id)")
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(op.f(name), table, "units", [column], ["id"])
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def upgrade() -> None:
    _add_unit_reference("units", "overseer_id")
    _add_unit_reference("inspections", "inspector_unit_id")
    op.add_column(
        "inspection_findings", sa.Column("status", sa.String(16), nullable=False, server_default="confirmed")
    )
    op.add_column("inspection_findings", sa.Column("recorded_by", sa.String(64), nullable=True))
    op.add_column("inspection_findings", sa.Column("decided_by", sa.String(64), nullable=True))
    op.add_column("inspection_findings", sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("inspection_findings", sa.Column("decision_reason", sa.Text(), nullable=True))
    op.bulk_insert(sa.table("roles", sa.column("code", sa.String), sa.column("name", sa.String)), [ROLE])
    _pair_commune_police_with_committees()


def _pair_commune_police_with_committees() -> None:
    """Each commune police ("Công an xã X") is overseen by its commune's committee ("UBND xã X")."""
    connection = op.get_bind()
    units = sa.table(
        "units",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("kind", sa.String),
        sa.column("overseer_id", sa.Integer),
    )
    committees = {
        name.removeprefix("UBND "): unit_id
        for unit_id, name in connection.execute(
            sa.select(units.c.id, units.c.name).where(units.c.kind == "commune")
        )
    }
    pairs = [
        {"unit_id": unit_id, "overseer": committees[name.removeprefix("Công an ")]}
        for unit_id, name in connection.execute(
            sa.select(units.c.id, units.c.name).where(units.c.kind == "commune_police")
        )
        if name.removeprefix("Công an ") in committees
    ]
    if pairs:
        connection.execute(
            units.update()
            .where(units.c.id == sa.bindparam("unit_id"))
            .values(overseer_id=sa.bindparam("overseer")),
            pairs,
        )


def downgrade() -> None:
    with _sqlite_foreign_keys_off():
        connection = op.get_bind()
        # Inspector accounts are kept (their audit trail names them) but can no longer sign in: read-only
        # leaders, disabled, until an admin gives them a role the older version knows (as migration 22 does).
        connection.execute(
            sa.text("UPDATE users SET role = 'leader', active = :inactive WHERE role = :code"),
            {"code": ROLE["code"], "inactive": False},
        )
        connection.execute(sa.text("DELETE FROM roles WHERE code = :code"), {"code": ROLE["code"]})
        with op.batch_alter_table("inspection_findings") as batch:
            for column in FINDING_COLUMNS:
                batch.drop_column(column)
        _drop_unit_reference("inspections", "inspector_unit_id")
        _drop_unit_reference("units", "overseer_id")


@contextmanager
def _sqlite_foreign_keys_off() -> Iterator[None]:
    """SQLite drops a column by copying its table and dropping the old one, whose rows other tables point at
    (findings, corrective actions, every reference to a unit): with foreign keys on, that drop fails on a
    database holding data. They are switched off around the downgrade, checked, then switched on."""
    if op.get_bind().dialect.name != "sqlite":
        yield
        return
    _sqlite_pragma("foreign_keys = OFF")
    yield
    broken = op.get_bind().execute(sa.text("PRAGMA foreign_key_check")).fetchall()
    if broken:
        raise RuntimeError(f"The downgrade would break foreign keys: {broken[:5]}")
    _sqlite_pragma("foreign_keys = ON")


def _sqlite_pragma(pragma: str) -> None:
    """A pragma SQLite ignores inside a transaction. Even in Alembic's autocommit block the engine's "begin"
    hook (`api/db/engine.py`) has sent BEGIN, so the driver ends that empty transaction first."""
    with op.get_context().autocommit_block():
        driver = op.get_bind().connection.dbapi_connection
        driver.commit()
        driver.execute(f"PRAGMA {pragma}")


def _drop_unit_reference(table: str, column: str) -> None:
    op.drop_index(op.f(f"ix_{table}_{column}"), table)
    if op.get_bind().dialect.name != "sqlite":  # SQLite drops the inline foreign key with its column
        op.drop_constraint(op.f(f"fk_{table}_{column}_units"), table, type_="foreignkey")
    with op.batch_alter_table(table) as batch:
        batch.drop_column(column)
