"""scores.explanation: every exact number as a string, and bonus_capped

Explanations used to write a whole exact number as a JSON number and any other as a "p/q" string, so
the same field (attainment, points, total...) switched type from one row to the next, and they lacked
``bonus_capped``. Stored rows are rewritten in the one encoding of ``api.domain.explain``: locked
periods are never recomputed, so they would otherwise keep the old one.

Revision ID: 16
Revises: 15
Create Date: 2026-12-06 03:30:00
"""

from collections.abc import Sequence
from fractions import Fraction

import sqlalchemy as sa
from alembic import op

revision: str = "16"
down_revision: str | None = "15"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 500
TOP = ("base", "bonus_requested", "bonus_applied", "deductions_total", "total")
ADJUSTMENT = ("points",)
PILLAR = ("score", "weight", "points", "weight_total")
INDICATOR = ("threshold", "attainment", "weight", "points", "rate")

scores = sa.table("scores", sa.column("id", sa.Integer), sa.column("explanation", sa.JSON))


def _texts(item: dict, keys: Sequence[str]) -> None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            item[key] = str(value)


def _rewritten(explanation: dict) -> dict:
    _texts(explanation, TOP)
    for key in ("bonuses", "deductions"):
        for adjustment in explanation.get(key, ()):
            _texts(adjustment, ADJUSTMENT)
    for pillar in explanation.get("pillars", ()):
        _texts(pillar, PILLAR)
    for indicator in explanation.get("indicators", ()):
        _texts(indicator, INDICATOR)
    if "bonus_requested" in explanation and "bonus_applied" in explanation:
        explanation["bonus_capped"] = Fraction(explanation["bonus_applied"]) != Fraction(explanation["bonus_requested"])
    return explanation


def upgrade() -> None:
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(scores.c.id, scores.c.explanation).where(scores.c.id > last).order_by(scores.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        for row in rows:
            if row.explanation:
                connection.execute(
                    scores.update().where(scores.c.id == row.id).values(explanation=_rewritten(dict(row.explanation)))
                )
        last = rows[-1].id


def downgrade() -> None:
    """Nothing to undo: the earlier code reads exact numbers from strings as well."""
