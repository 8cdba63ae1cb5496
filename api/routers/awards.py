"""Award forms, eligibility, proposals and their workflow, the base-salary setting."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from api.domain.awards import ProposalAction, ProposalStatus, Recipient
from api.routers.deps import AppSettings, CurrentPrincipal, DbSession, RowId
from api.schemas.awards import (
    AttachmentOut,
    AwardCatalogOut,
    DecisionIn,
    EligibilityOut,
    ProposalIn,
    ProposalList,
    ProposalOut,
    ReturnIn,
    SettingsIn,
    SettingsOut,
)
from api.schemas.common import CodeFilter, ProposalSortQuery, SearchText, problem_responses
from api.services import awards, movement_settings
from api.services.evidence import stored_path

router = APIRouter(tags=["awards"])


def _proposal(view: awards.ProposalView) -> ProposalOut:
    proposal = view.proposal
    return ProposalOut(
        id=proposal.id, period=view.period_code, timely=proposal.timely,
        unit={"code": view.unit.code, "name": view.unit.name},
        recipient=proposal.recipient, person_name=proposal.person_name, person_title=proposal.person_title,
        form=proposal.form_code, form_name=view.form_name, status=proposal.status,
        status_label=ProposalStatus(proposal.status).label, eligibility_reason=proposal.eligibility_reason,
        multiplier=proposal.multiplier, base_salary=proposal.base_salary, amount=proposal.amount,
        return_reason=proposal.return_reason, decision_number=proposal.decision_number,
        decision_date=proposal.decision_date, proposed_by=proposal.proposed_by, updated_at=proposal.updated_at,
        nomination_id=view.nomination.id if view.nomination else None,
        achievements=view.nomination.achievements if view.nomination else None,
        dossier=[AttachmentOut.model_validate(file, from_attributes=True) for file in view.dossier],
    )


@router.get("/award-forms", response_model=AwardCatalogOut)
def award_forms(session: DbSession, principal: CurrentPrincipal) -> AwardCatalogOut:
    catalog = awards.award_catalog()
    return AwardCatalogOut(
        version=catalog.version, legal_basis=catalog.legal_basis, rounding_step=catalog.rounding_step,
        base_salary=movement_settings.base_salary(session),
        forms=[{"code": form.code, "name": form.name, "decided_by": form.decided_by,
                "multipliers": {key.value: str(value) for key, value in form.multipliers.items()},
                "occasions": sorted(kind.value for kind in form.occasions), "min_tier": form.min_tier.name,
                "max_rank": form.max_rank, "timely": form.timely} for form in catalog.forms],
    )


@router.get("/award-settings", response_model=SettingsOut)
def get_settings(session: DbSession, principal: CurrentPrincipal) -> SettingsOut:
    return SettingsOut(base_salary=movement_settings.base_salary(session),
                       legal_basis=movement_settings.salary_basis(session), hotlines=movement_settings.hotlines(session))


@router.put("/award-settings", response_model=SettingsOut)
def put_settings(body: SettingsIn, session: DbSession, principal: CurrentPrincipal) -> SettingsOut:
    """Sets the fields given and keeps the others. A new base salary applies to proposals made from now on;
    those already made keep their amount."""
    movement_settings.update_settings(session, principal, salary=body.base_salary, legal_basis=body.legal_basis,
                                      lines=None if body.hotlines is None else [h.model_dump() for h in body.hotlines])
    return get_settings(session, principal)


@router.get("/award-eligibility/{period}/{unit}", response_model=list[EligibilityOut])
def eligibility(period: str, unit: str, session: DbSession, principal: CurrentPrincipal) -> list[EligibilityOut]:
    """Every form for both kinds of recipient, each with its reason: why it is or is not available."""
    return [
        EligibilityOut(form=v.form_code, recipient=v.recipient.value, eligible=v.eligible, provisional=v.provisional,
                       reason=v.reason)
        for v in awards.eligibility_of(session, principal, period, unit)
    ]


@router.get("/award-proposals", response_model=ProposalList)
def proposals(session: DbSession, principal: CurrentPrincipal,
              period: CodeFilter = None,
              status: Annotated[ProposalStatus | None, Query()] = None,
              timely: Annotated[bool | None, Query(description="true: chỉ khen thưởng kịp thời; false: chỉ theo kỳ")] = None,
              q: SearchText = None,
              sort: ProposalSortQuery = None,
              ) -> ProposalList:
    views = awards.list_proposals(session, principal, period, status.value if status else None, timely, q, sort)
    return ProposalList(items=[_proposal(view) for view in views],
                        total_amount=sum(view.proposal.amount for view in views))


@router.post("/award-proposals", response_model=ProposalOut, status_code=201,
             responses=problem_responses(409))
def propose(body: ProposalIn, session: DbSession, principal: CurrentPrincipal) -> ProposalOut:
    """The standing body proposes; 409 with the reason when the unit is not eligible for the form."""
    return _proposal(awards.propose(session, principal, period_code=body.period, unit_code=body.unit,
                                    recipient=Recipient(body.recipient), form_code=body.form,
                                    person_name=body.person_name, person_title=body.person_title))


@router.post("/award-proposals/{proposal_id}/return", response_model=ProposalOut, responses=problem_responses(409))
def return_proposal(proposal_id: RowId, body: ReturnIn, session: DbSession,
                    principal: CurrentPrincipal) -> ProposalOut:
    """Sở Nội vụ returns the proposal to the standing body with a reason."""
    return _proposal(awards.act(session, principal, proposal_id, ProposalAction.RETURN, reason=body.reason))


@router.post("/award-proposals/{proposal_id}/forward", response_model=ProposalOut, responses=problem_responses(409))
def forward_proposal(proposal_id: RowId, session: DbSession, principal: CurrentPrincipal) -> ProposalOut:
    """Sở Nội vụ has checked the file and forwards it to the Chairman."""
    return _proposal(awards.act(session, principal, proposal_id, ProposalAction.FORWARD))


@router.post("/award-proposals/{proposal_id}/resubmit", response_model=ProposalOut,
             responses=problem_responses(409))
def resubmit_proposal(proposal_id: RowId, session: DbSession, principal: CurrentPrincipal) -> ProposalOut:
    return _proposal(awards.act(session, principal, proposal_id, ProposalAction.RESUBMIT))


@router.post("/award-proposals/{proposal_id}/decision", response_model=ProposalOut,
             responses=problem_responses(409))
def record_decision(proposal_id: RowId, body: DecisionIn, session: DbSession,
                    principal: CurrentPrincipal) -> ProposalOut:
    """Record the Chairman's decision (number, date, approved or refused)."""
    action = ProposalAction.APPROVE if body.approved else ProposalAction.REFUSE
    return _proposal(awards.act(session, principal, proposal_id, action, decision_number=body.number,
                                decision_date=body.date))


@router.get("/award-proposals/{proposal_id}/dossier/{file_id}", response_class=FileResponse,
            responses={200: {"content": {"application/octet-stream": {}}, "description": "Tệp trong hồ sơ khen thưởng"}})
def dossier_file(proposal_id: RowId, file_id: RowId, session: DbSession, principal: CurrentPrincipal,
                 settings: AppSettings) -> FileResponse:
    """A file of the dossier the proposal (and its decision) keeps from the unit's nomination."""
    found = awards.dossier_file(session, principal, proposal_id, file_id)
    return FileResponse(stored_path(settings.evidence_dir, found.storage_key), media_type=found.content_type,
                        filename=found.filename)
