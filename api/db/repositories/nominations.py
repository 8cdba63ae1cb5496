"""Queries of nominations, narratives and their attachments."""

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.award_models import AwardProposal
from api.db.models import Period, Unit
from api.db.nomination_models import Attachment, Narrative, Nomination
from api.db.repositories import units
from api.db.repositories.rows import ordered
from api.domain.search import NarrativeSort, NominationSort


def nominations(
    session: Session, *, period_id: int | None, unit_id: int | None, status: str | None, timely: bool | None,
    q: str | None = None, sort: NominationSort | None = None,
) -> list[tuple[Nomination, Unit, str | None, AwardProposal | None]]:
    """Nominations with their unit, period code and proposal (once accepted), oldest first unless ``sort``
    says otherwise; ``q`` a search by unit name or code (``units.matching``)."""
    conditions = []
    if (found := units.matching(q)) is not None:
        conditions.append(found)
    if period_id is not None:
        conditions.append(Nomination.period_id == period_id)
    if unit_id is not None:
        conditions.append(Nomination.unit_id == unit_id)
    if status:
        conditions.append(Nomination.status == status)
    if timely is not None:
        conditions.append(Nomination.timely.is_(timely))
    rows = session.execute(
        select(Nomination, Unit, Period.code, AwardProposal)
        .join(Unit, Nomination.unit_id == Unit.id)
        .outerjoin(Period, Nomination.period_id == Period.id)
        .outerjoin(AwardProposal, Nomination.proposal_id == AwardProposal.id)
        .where(*conditions)
        .order_by(*(ordered({"unit": Unit.search_name, "status": Nomination.status, "updated_at": Nomination.updated_at},
                            sort, Nomination.id) if sort else (Nomination.id,)))
    )
    return [tuple(row) for row in rows]


def files_of(
    session: Session, *, nomination_ids: Sequence[int] = (), narrative_ids: Sequence[int] = ()
) -> dict[int, list[Attachment]]:
    """The attachments of the given nominations or narratives, by owner id, in upload order."""
    owner = Attachment.nomination_id if nomination_ids else Attachment.narrative_id
    ids = list(nomination_ids or narrative_ids)
    found: dict[int, list[Attachment]] = defaultdict(list)
    if ids:
        for file in session.scalars(select(Attachment).where(owner.in_(ids)).order_by(Attachment.id)):
            found[file.nomination_id or file.narrative_id].append(file)
    return found


def nominations_of_proposals(session: Session, proposal_ids: list[int]) -> dict[int, Nomination]:
    """The nomination each proposal was accepted from, by proposal id."""
    if not proposal_ids:
        return {}
    return {
        n.proposal_id: n
        for n in session.scalars(select(Nomination).where(Nomination.proposal_id.in_(proposal_ids)))
    }


def narrative(session: Session, period_id: int, unit_id: int) -> Narrative | None:
    return session.scalar(
        select(Narrative).where(Narrative.period_id == period_id, Narrative.unit_id == unit_id)
    )


def narratives_of_period(
    session: Session, period_id: int, unit_id: int | None, q: str | None = None, sort: NarrativeSort | None = None
) -> list[tuple[Narrative, Unit]]:
    """The narratives of a period (of one unit when ``unit_id``; of the units ``q`` finds, ``units.matching``),
    in unit code order unless ``sort`` says otherwise."""
    conditions = [Narrative.period_id == period_id]
    if unit_id is not None:
        conditions.append(Narrative.unit_id == unit_id)
    if (found := units.matching(q)) is not None:
        conditions.append(found)
    rows = session.execute(
        select(Narrative, Unit)
        .join(Unit, Narrative.unit_id == Unit.id)
        .where(*conditions)
        .order_by(*(ordered({"unit": Unit.search_name, "updated_at": Narrative.updated_at}, sort, Unit.code)
                    if sort else (Unit.code,)))
    )
    return [tuple(row) for row in rows]
