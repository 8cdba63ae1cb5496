"""Queries of award proposals."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db.award_models import AwardProposal
from api.db.models import Period, Unit
from api.db.repositories import units
from api.db.repositories.rows import ordered
from api.domain.search import ProposalSort


def proposals(session: Session, period_id: int | None, status: str | None, timely: bool | None = None,
              q: str | None = None, sort: ProposalSort | None = None) -> list[tuple[AwardProposal, Unit, str | None]]:
    """Proposals with their unit and period code (None for a timely award), oldest first unless ``sort``
    says otherwise; ``q`` a search by unit name or code (``units.matching``)."""
    conditions = []
    if (found := units.matching(q)) is not None:
        conditions.append(found)
    if period_id is not None:
        conditions.append(AwardProposal.period_id == period_id)
    if status:
        conditions.append(AwardProposal.status == status)
    if timely is not None:
        conditions.append(AwardProposal.timely.is_(timely))
    rows = session.execute(
        select(AwardProposal, Unit, Period.code)
        .join(Unit, AwardProposal.unit_id == Unit.id)
        .outerjoin(Period, AwardProposal.period_id == Period.id)
        .where(*conditions)
        .order_by(*(ordered(_PROPOSAL_ORDER, sort, AwardProposal.id) if sort else (AwardProposal.id,)))
    )
    return [tuple(row) for row in rows]


_PROPOSAL_ORDER = {"unit": Unit.search_name, "status": AwardProposal.status,
                   "amount": AwardProposal.amount, "decision_date": AwardProposal.decision_date,
                   "created_at": AwardProposal.created_at}


def proposals_of_years(session: Session, years: list[int]) -> list[tuple[AwardProposal, Unit, int]]:
    """Proposals not refused whose period ends in one of ``years``, or timely ones made in one of them (award
    money of the budget)."""
    year = func.coalesce(func.extract("year", Period.end), func.extract("year", AwardProposal.created_at))
    rows = session.execute(
        select(AwardProposal, Unit, year)
        .join(Unit, AwardProposal.unit_id == Unit.id)
        .outerjoin(Period, AwardProposal.period_id == Period.id)
        .where(year.in_(years), AwardProposal.status != "refused")
        .order_by(AwardProposal.id)
    )
    return [(proposal, unit, int(found_year)) for proposal, unit, found_year in rows]
