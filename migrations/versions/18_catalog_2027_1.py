"""Catalog version 2027.1, active from 2027-H1: TT-03 as monthly (TT-10) and quarterly (TT-03) plans,
GD-09 conduct toward the people, SN-06's activities with subject and channel (issue 21)

The version is the file api/catalog/ba-nhat-2027.json, made as the scheme editor makes a version; this
migration adopts it as activating a draft from 2027-H1 does: it becomes the active scheme, and the open
periods starting on or after 2027-H1 move to it (2026 and the review periods keep 2026.1; locked periods
keep theirs). Their scores are marked pending and recomputed when the server starts. A database with no
catalog yet (a fresh one) is left alone: ``banhat seed`` loads both versions. Idempotent: nothing is done
when the scheme 2027.1 is stored already.

Revision ID: 18
Revises: 17
Create Date: 2026-12-06 04:10:00
"""

import json
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from api import clock
from api.domain import load_catalog

revision: str = "18"
down_revision: str | None = "17"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FILE = Path(__file__).resolve().parents[2] / "api" / "catalog" / "ba-nhat-2027.json"
BASE, VERSION, FROM_PERIOD = "2026.1", "2027.1", "2027-H1"

catalog_versions = sa.table("catalog_versions", sa.column("id", sa.Integer), sa.column("version", sa.String),
                            sa.column("document", sa.JSON), sa.column("loaded_at", sa.DateTime(timezone=True)))
indicators = sa.table("indicators", sa.column("catalog_version_id", sa.Integer), sa.column("code", sa.String),
                      sa.column("pillar", sa.String), sa.column("measure", sa.String), sa.column("name", sa.Text),
                      sa.column("applies_to", sa.JSON), sa.column("veto", sa.Boolean),
                      sa.column("definition", sa.JSON))
schemes = sa.table("schemes", sa.column("id", sa.Integer), sa.column("code", sa.String),
                   sa.column("catalog_version_id", sa.Integer), sa.column("parameters", sa.JSON),
                   sa.column("active", sa.Boolean))
periods = sa.table("periods", sa.column("code", sa.String), sa.column("start", sa.Date),
                   sa.column("status", sa.String), sa.column("scheme_id", sa.Integer),
                   sa.column("scores_pending", sa.Boolean), sa.column("scores_version", sa.Integer))


def _scheme_id(connection, code: str) -> int | None:
    return connection.scalar(sa.select(schemes.c.id).where(schemes.c.code == code))


def _rescore(connection, where) -> None:
    """Mark the periods' scores pending (recomputed at start-up) and bump their version (the ETags)."""
    connection.execute(periods.update().where(where).values(scores_pending=True,
                                                            scores_version=periods.c.scores_version + 1))


def upgrade() -> None:
    connection = op.get_bind()
    if _scheme_id(connection, BASE) is None or _scheme_id(connection, VERSION) is not None:
        return
    document = json.loads(FILE.read_text(encoding="utf-8"))
    catalog = load_catalog(document)
    version_id = connection.execute(catalog_versions.insert().values(
        version=catalog.code, document=document, loaded_at=clock.now()).returning(catalog_versions.c.id)).scalar_one()
    connection.execute(indicators.insert(), [
        {"catalog_version_id": version_id, "code": indicator.code, "pillar": indicator.pillar.value,
         "measure": indicator.measure.value, "name": indicator.name, "veto": indicator.veto,
         "applies_to": sorted(kind.value for kind in indicator.applies_to), "definition": raw}
        for indicator, raw in zip(catalog.indicators, document["indicators"], strict=True)
    ])
    connection.execute(schemes.update().values(active=False))
    scheme_id = connection.execute(schemes.insert().values(
        code=VERSION, catalog_version_id=version_id, parameters=document["scheme"], active=True,
    ).returning(schemes.c.id)).scalar_one()
    start = connection.scalar(sa.select(periods.c.start).where(periods.c.code == FROM_PERIOD))
    if start is not None:
        moving = sa.and_(periods.c.start >= start, periods.c.status == "open")
        connection.execute(periods.update().where(moving).values(scheme_id=scheme_id))
        _rescore(connection, periods.c.scheme_id == scheme_id)


def downgrade() -> None:
    connection = op.get_bind()
    scheme_id, base_id = _scheme_id(connection, VERSION), _scheme_id(connection, BASE)
    if scheme_id is None or base_id is None:
        return
    locked = connection.scalars(sa.select(periods.c.code).where(
        periods.c.scheme_id == scheme_id, periods.c.status == "locked")).all()
    if locked:
        raise RuntimeError(f"Periods {', '.join(locked)} were locked with scheme {VERSION}: unlock them first.")
    was_active = connection.scalar(sa.select(schemes.c.active).where(schemes.c.id == scheme_id))
    moved = connection.scalars(sa.select(periods.c.code).where(periods.c.scheme_id == scheme_id)).all()
    connection.execute(periods.update().where(periods.c.scheme_id == scheme_id).values(scheme_id=base_id))
    _rescore(connection, periods.c.code.in_(moved))
    version_id = connection.scalar(sa.select(schemes.c.catalog_version_id).where(schemes.c.id == scheme_id))
    connection.execute(schemes.delete().where(schemes.c.id == scheme_id))
    connection.execute(indicators.delete().where(indicators.c.catalog_version_id == version_id))
    connection.execute(catalog_versions.delete().where(catalog_versions.c.id == version_id))
    if was_active:
        connection.execute(schemes.update().where(schemes.c.id == base_id).values(active=True))
