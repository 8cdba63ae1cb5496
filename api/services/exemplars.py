"""Exemplary collectives and individuals (điển hình tiên tiến); only published collectives are public."""

from sqlalchemy.orm import Session

from api.db.exemplar_models import Exemplar
from api.db.models import Unit
from api.db.repositories import audit, rows
from api.db.repositories import exemplars as repo
from api.domain.awards import Recipient
from api.domain.search import ExemplarSort
from api.services.access import Principal
from api.services.audit import fields
from api.services.errors import Invalid
from api.services.lookups import unit_by_code


def list_exemplars(session: Session, principal: Principal, q: str | None = None,
                   sort: ExemplarSort | None = None) -> list[tuple[Exemplar, Unit]]:
    principal.require("exemplars:read")
    return repo.exemplars(session, published_only=False, q=q, sort=sort)


def add_exemplar(session: Session, principal: Principal, *, unit_code: str, recipient: Recipient, name: str,
                 achievement: str, year: int, published: bool) -> tuple[Exemplar, Unit]:
    principal.require("exemplars:write")
    unit = unit_by_code(session, unit_code)
    if published and recipient is Recipient.INDIVIDUAL:
        raise Invalid("Không công bố công khai thông tin cá nhân; chỉ công bố điển hình là tập thể.")
    exemplar = rows.add(session, Exemplar(unit_id=unit.id, recipient=recipient.value, name=name,
                                          achievement=achievement, year=year, published=published))
    audit.record(session, actor=principal.username, action="exemplar.create", entity="exemplar",
                 entity_key=str(exemplar.id),
                 after=fields(exemplar, "unit_id", "recipient", "name", "achievement", "year", "published"))
    return exemplar, unit
