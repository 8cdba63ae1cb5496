"""Exemplary collectives and individuals."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.exemplar_models import Exemplar
from api.db.models import Unit


def exemplars(session: Session, *, published_only: bool) -> list[tuple[Exemplar, Unit]]:
    conditions = [Exemplar.published.is_(True)] if published_only else []
    rows = session.execute(
        select(Exemplar, Unit).join(Unit, Exemplar.unit_id == Unit.id).where(*conditions)
        .order_by(Exemplar.year.desc(), Exemplar.id)
    )
    return [tuple(row) for row in rows]
