"""Exemplary collectives and individuals."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.exemplar_models import Exemplar
from api.db.models import Unit
from api.db.repositories import units
from api.db.repositories.rows import ordered
from api.domain.search import ExemplarSort


def exemplars(session: Session, *, published_only: bool, q: str | None = None,
              sort: ExemplarSort | None = None) -> list[tuple[Exemplar, Unit]]:
    """Exemplars with their unit, newest year first unless ``sort`` says otherwise; ``q`` a search by the
    unit's name or code or the exemplar's name (``units.matching``)."""
    conditions = [Exemplar.published.is_(True)] if published_only else []
    if (found := units.matching(q, Exemplar.search_name)) is not None:
        conditions.append(found)
    columns = {"unit": Unit.search_name, "name": Exemplar.search_name, "year": Exemplar.year}
    rows = session.execute(
        select(Exemplar, Unit).join(Unit, Exemplar.unit_id == Unit.id).where(*conditions)
        .order_by(*(ordered(columns, sort, Exemplar.id) if sort else (Exemplar.year.desc(), Exemplar.id)))
    )
    return [tuple(row) for row in rows]
