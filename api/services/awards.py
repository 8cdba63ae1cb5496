"""Award proposals: eligibility and the workflow from the standing body to Sở Nội vụ and the Chairman.

Eligibility comes from the stored ranking of the period (``scores``), so the proposal screen, the
report and the ranking agree. Money is fixed on the proposal when it is made: a later change of the
base salary does not silently change a proposal Sở Nội vụ already checked.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from api import clock
from api.db.award_models import AwardProposal
from api.db.models import Period, Unit
from api.db.nomination_models import Attachment, Nomination
from api.db.repositories import audit, rows
from api.db.repositories import awards as repo
from api.db.repositories import nominations as nominations_repo
from api.db.repositories import scores as scores_repo
from api.domain import PeriodKind, RankStatus, Tier
from api.domain.awards import (
    AwardCatalog,
    AwardError,
    Decision,
    Eligibility,
    ProposalAction,
    ProposalStatus,
    Recipient,
    Standing,
    award_money,
    eligibility,
    eligible_forms,
    load_award_catalog,
    next_status,
    timely_eligibility,
)
from api.domain.search import ProposalSort
from api.services.access import Principal
from api.services.errors import Conflict, Invalid, NotFound
from api.services.lookups import period_by_code, unit_by_code
from api.services.movement_settings import base_salary

_catalog: AwardCatalog | None = None


def award_catalog() -> AwardCatalog:
    """The forms of award, read once per process from ``api/catalog/awards.json``."""
    global _catalog
    if _catalog is None:
        _catalog = load_award_catalog()
    return _catalog


def standing(session: Session, period: Period, unit: Unit) -> Standing:
    """The unit's rank, tier after quota and unmet veto indicators, from the stored ranking."""
    found = scores_repo.standing_row(session, period.id, unit.id)
    locked = period.status == "locked"
    if found is None:
        return Standing(unit.code, "", None, None, locked=locked)
    score, group_name = found
    veto = tuple(score.veto_failed)
    return Standing(unit.code, group_name or "", score.rank, Tier[score.final_tier], veto,
                    RankStatus(score.rank_status), locked)


def _occasion(period: Period) -> PeriodKind:
    return PeriodKind(period.kind)


def eligibility_of(session: Session, principal: Principal, period_code: str, unit_code: str) -> list[Eligibility]:
    principal.require("awards:read")
    period, unit = period_by_code(session, period_code), unit_by_code(session, unit_code)
    place = standing(session, period, unit)
    return [
        verdict
        for recipient in Recipient
        for verdict in eligible_forms(award_catalog(), recipient, _occasion(period), place)
    ]


@dataclass(frozen=True)
class ProposalView:
    """A proposal with its unit, period code (None for a timely award) and, when it came from a unit's
    nomination, that nomination and its dossier (the files the decision keeps)."""

    proposal: AwardProposal
    unit: Unit
    period_code: str | None
    nomination: Nomination | None = None
    dossier: tuple[Attachment, ...] = ()

    @property
    def form_name(self) -> str:
        return award_catalog().form(self.proposal.form_code).name

    @property
    def recipient_name(self) -> str:
        return self.proposal.person_name or self.unit.name


def _with_dossiers(session: Session, found: list[tuple[AwardProposal, Unit, str | None]]) -> list[ProposalView]:
    nominations = nominations_repo.nominations_of_proposals(session, [proposal.id for proposal, _u, _p in found])
    files = nominations_repo.files_of(session, nomination_ids=[n.id for n in nominations.values()])
    views = []
    for proposal, unit, period_code in found:
        nomination = nominations.get(proposal.id)
        dossier = tuple(files.get(nomination.id, ())) if nomination else ()
        views.append(ProposalView(proposal, unit, period_code, nomination, dossier))
    return views


def list_proposals(session: Session, principal: Principal, period_code: str | None, status: str | None,
                   timely: bool | None = None, q: str | None = None, sort: ProposalSort | None = None) -> list[ProposalView]:
    principal.require("awards:read")
    period = period_by_code(session, period_code) if period_code else None
    return _with_dossiers(session, repo.proposals(session, period.id if period else None, status, timely, q, sort))


def _view(session: Session, proposal_id: int) -> ProposalView:
    proposal = session.get(AwardProposal, proposal_id)
    if proposal is None:
        raise NotFound("Không tìm thấy đề xuất khen thưởng.")
    period = session.get(Period, proposal.period_id) if proposal.period_id is not None else None
    return _with_dossiers(session, [(proposal, session.get(Unit, proposal.unit_id), period and period.code)])[0]


def dossier_file(session: Session, principal: Principal, proposal_id: int, file_id: int) -> Attachment:
    """A file of the dossier a proposal (and its decision) keeps from the nomination it was accepted from."""
    principal.require("awards:read")
    found = next((file for file in _view(session, proposal_id).dossier if file.id == file_id), None)
    if found is None:
        raise NotFound("Không tìm thấy tệp trong hồ sơ khen thưởng.")
    return found


def propose(session: Session, principal: Principal, *, period_code: str, unit_code: str, recipient: Recipient,
            form_code: str, person_name: str | None, person_title: str | None) -> ProposalView:
    """The standing body proposes; an ineligible proposal is refused with the rule's reason."""
    principal.require("awards:write")
    period, unit = period_by_code(session, period_code), unit_by_code(session, unit_code)
    if recipient is Recipient.INDIVIDUAL and not (person_name and person_name.strip()):
        raise Invalid("Cần ghi họ tên cá nhân được đề xuất.")
    named = person_name.strip() if recipient is Recipient.INDIVIDUAL else None
    return add_proposal(session, principal, period=period, unit=unit, recipient=recipient, form_code=form_code,
                        name=named, title=person_title if recipient is Recipient.INDIVIDUAL else None)


def add_proposal(session: Session, principal: Principal, *, period: Period | None, unit: Unit, recipient: Recipient,
                 form_code: str, name: str | None, title: str | None) -> ProposalView:
    """A proposal for ``period``'s results, or a timely award (no period) judged on the deed alone; an
    ineligible one is refused with the rule's reason. The caller's right to propose is checked by its
    caller: the standing body's own proposal, or a unit's nomination accepted."""
    try:
        form = award_catalog().form(form_code)
    except AwardError as error:
        raise NotFound(str(error)) from error
    if period is None:
        verdict = timely_eligibility(form, recipient)
    else:
        verdict = eligibility(form, recipient, _occasion(period), standing(session, period, unit))
    if not verdict.proposable:
        raise Conflict(verdict.reason)
    salary = base_salary(session)
    multiplier = form.multipliers[recipient]
    now = clock.now()
    proposal = rows.add(session, AwardProposal(
        period_id=period.id if period else None, timely=period is None, unit_id=unit.id, recipient=recipient.value,
        person_name=name, person_title=title,
        form_code=form.code, status=ProposalStatus.PROPOSED.value, eligibility_reason=verdict.reason,
        multiplier=str(multiplier), base_salary=salary,
        amount=award_money(multiplier, salary, award_catalog().rounding_step),
        proposed_by=principal.username, created_at=now, updated_at=now,
    ))
    audit.record(session, actor=principal.username, action="award.propose", entity="award_proposal",
                 entity_key=str(proposal.id), after={"form": form.code, "unit": unit.code, "amount": proposal.amount,
                                                     "timely": proposal.timely})
    return _view(session, proposal.id)


ACTION_PERMISSIONS = {
    ProposalAction.RETURN: "awards:decide",
    ProposalAction.FORWARD: "awards:decide",
    ProposalAction.APPROVE: "awards:decide",
    ProposalAction.REFUSE: "awards:decide",
    ProposalAction.RESUBMIT: "awards:write",
}


def act(session: Session, principal: Principal, proposal_id: int, action: ProposalAction, *,
        reason: str | None = None, decision_number: str | None = None,
        decision_date: date | None = None) -> ProposalView:
    """Sở Nội vụ returns or forwards, records the Chairman's decision; the standing body resubmits."""
    principal.require(ACTION_PERMISSIONS[action])
    view = _view(session, proposal_id)
    proposal = view.proposal
    decision = Decision(decision_number or "", decision_date) if decision_date else None
    try:
        target = next_status(ProposalStatus(proposal.status), action, reason=reason, decision=decision)
    except AwardError as error:
        raise Conflict(str(error)) from error
    before = proposal.status
    proposal.status, proposal.updated_at = target.value, clock.now()
    if action is ProposalAction.RETURN:
        proposal.return_reason = reason
    if decision is not None:
        proposal.decision_number, proposal.decision_date = decision.number, decision.signed_on
    session.flush()
    audit.record(session, actor=principal.username, action=f"award.{action.value}", entity="award_proposal",
                 entity_key=str(proposal.id), before={"status": before}, after={"status": target.value},
                 reason=reason or decision_number)
    return view
