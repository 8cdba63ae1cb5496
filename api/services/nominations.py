"""Nominations: a unit nominates with a dossier, the standing body accepts them into award proposals or
returns them; Sở Nội vụ processes timely awards (no period) the same way (docs/awards-and-reports.md)."""

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from api import clock
from api.db.award_models import AwardProposal
from api.db.models import Period, Unit
from api.db.nomination_models import Attachment, Nomination
from api.db.repositories import audit, rows
from api.db.repositories import nominations as repo
from api.domain import PeriodKind
from api.domain.awards import Recipient
from api.domain.nominations import (
    NominationAction,
    NominationError,
    NominationStatus,
    Nominee,
    check_nomination_period,
    check_nominee,
    next_nomination_status,
    nominations_editable,
)
from api.domain.search import NominationSort
from api.services import attachments, awards
from api.services.access import Principal
from api.services.audit import fields
from api.services.errors import Conflict, FieldProblem, Invalid, NotFound
from api.services.lookups import period_by_code, unit_by_code

ENTITY = "nomination"
FIELDS = ("period_id", "timely", "recipient", "nominee_name", "nominee_title", "achievements", "status")


@dataclass(frozen=True)
class NominationView:
    nomination: Nomination
    unit: Unit
    period_code: str | None
    proposal: AwardProposal | None
    files: tuple[Attachment, ...]


def _invalid(error: NominationError) -> Invalid:
    return Invalid(str(error), [FieldProblem(["body", error.field], str(error))] if error.field else [])


def _views(
    session: Session, found: list[tuple[Nomination, Unit, str | None, AwardProposal | None]]
) -> list[NominationView]:
    files = repo.files_of(session, nomination_ids=[nomination.id for nomination, *_rest in found])
    return [
        NominationView(nomination, unit, code, proposal, tuple(files.get(nomination.id, ())))
        for nomination, unit, code, proposal in found
    ]


def list_nominations(
    session: Session,
    principal: Principal,
    *,
    period_code: str | None,
    unit_code: str | None,
    status: str | None,
    timely: bool | None,
    q: str | None = None,
    sort: NominationSort | None = None,
) -> list[NominationView]:
    """Every unit's for the provincial bodies; a reporter's own unit's only (another unit named: 404)."""
    principal.require("nominations:read")
    unit = unit_by_code(session, unit_code) if unit_code else None
    if unit is not None and not principal.sees_unit(unit.id):
        raise NotFound("Không tìm thấy đề nghị khen thưởng của đơn vị này.")
    unit_id = unit.id if unit else (None if principal.reaches_all_units else principal.unit_id or -1)
    period = period_by_code(session, period_code) if period_code else None
    return _views(
        session,
        repo.nominations(
            session, period_id=period.id if period else None, unit_id=unit_id, status=status, timely=timely, q=q,
            sort=sort,
        ),
    )


def _load(session: Session, principal: Principal, nomination_id: int, permission: str) -> NominationView:
    principal.require(permission)
    nomination = session.get(Nomination, nomination_id)
    if nomination is None or not principal.sees_unit(nomination.unit_id):
        raise NotFound("Không tìm thấy đề nghị khen thưởng.")
    period = session.get(Period, nomination.period_id) if nomination.period_id is not None else None
    proposal = (
        session.get(AwardProposal, nomination.proposal_id) if nomination.proposal_id is not None else None
    )
    return _views(
        session, [(nomination, session.get(Unit, nomination.unit_id), period and period.code, proposal)]
    )[0]


def get(session: Session, principal: Principal, nomination_id: int) -> NominationView:
    return _load(session, principal, nomination_id, "nominations:read")


def _checked(
    session: Session, period_code: str | None, timely: bool, nominee: Nominee
) -> tuple[Period | None, Nominee]:
    period = period_by_code(session, period_code) if period_code else None
    try:
        check_nomination_period(
            PeriodKind(period.kind) if period else None,
            timely=timely,
            occasions=awards.award_catalog().occasions,
        )
        return period, check_nominee(nominee)
    except NominationError as error:
        raise _invalid(error) from error


def _fill(nomination: Nomination, period: Period | None, timely: bool, nominee: Nominee) -> None:
    nomination.period_id, nomination.timely, nomination.recipient = (
        period.id if period else None,
        timely,
        nominee.recipient.value,
    )
    nomination.nominee_name, nomination.nominee_title = nominee.name, nominee.title
    nomination.achievements, nomination.updated_at = nominee.achievements, clock.now()


def nominate(
    session: Session,
    principal: Principal,
    *,
    unit_code: str,
    period_code: str | None,
    timely: bool,
    nominee: Nominee,
) -> NominationView:
    """A unit's reporter nominates for its own unit; the dossier's files follow, one upload each."""
    principal.require("nominations:write")
    unit = unit_by_code(session, unit_code)
    if not principal.sees_unit(unit.id):
        raise NotFound("Không tìm thấy đơn vị này.")
    period, nominee = _checked(session, period_code, timely, nominee)
    nomination = Nomination(
        unit_id=unit.id,
        status=NominationStatus.SUBMITTED.value,
        nominated_by=principal.username,
        created_at=clock.now(),
    )
    _fill(nomination, period, timely, nominee)
    rows.add(session, nomination)
    audit.record(
        session,
        actor=principal.username,
        action="nomination.create",
        entity=ENTITY,
        entity_key=str(nomination.id),
        after=fields(nomination, *FIELDS),
    )
    return get(session, principal, nomination.id)


def resubmit(
    session: Session,
    principal: Principal,
    nomination_id: int,
    *,
    period_code: str | None,
    timely: bool,
    nominee: Nominee,
) -> NominationView:
    """The unit corrects a returned nomination and sends it again."""
    view = _load(session, principal, nomination_id, "nominations:write")
    nomination = view.nomination
    target = _transition(nomination, NominationAction.RESUBMIT)
    period, nominee = _checked(session, period_code, timely, nominee)
    before = fields(nomination, *FIELDS)
    _fill(nomination, period, timely, nominee)
    nomination.status, nomination.return_reason = target.value, None
    session.flush()
    audit.record(
        session,
        actor=principal.username,
        action="nomination.resubmit",
        entity=ENTITY,
        entity_key=str(nomination.id),
        before=before,
        after=fields(nomination, *FIELDS),
    )
    return get(session, principal, nomination.id)


def _transition(
    nomination: Nomination, action: NominationAction, reason: str | None = None
) -> NominationStatus:
    try:
        return next_nomination_status(NominationStatus(nomination.status), action, reason=reason)
    except NominationError as error:
        raise (_invalid(error) if error.field else Conflict(str(error))) from error


def _deciding(session: Session, principal: Principal, nomination_id: int) -> NominationView:
    """The standing body decides a nomination for a period, Sở Nội vụ (or the standing body) a timely one."""
    if not (principal.can("nominations:decide") or principal.can("awards:timely")):
        principal.require("nominations:decide")
    view = _load(session, principal, nomination_id, "nominations:read")
    principal.require("awards:timely" if view.nomination.timely else "nominations:decide")
    return view


def accept(session: Session, principal: Principal, nomination_id: int, form_code: str) -> NominationView:
    """Into an award proposal of ``form_code`` (409 with the rule's reason when not eligible); the proposal
    and its decision keep the nomination's dossier."""
    view = _deciding(session, principal, nomination_id)
    nomination = view.nomination
    target = _transition(nomination, NominationAction.ACCEPT)
    period = session.get(Period, nomination.period_id) if nomination.period_id is not None else None
    proposal = awards.add_proposal(
        session,
        principal,
        period=period,
        unit=view.unit,
        recipient=Recipient(nomination.recipient),
        form_code=form_code,
        name=nomination.nominee_name,
        title=nomination.nominee_title,
    ).proposal
    nomination.status, nomination.proposal_id, nomination.updated_at = target.value, proposal.id, clock.now()
    session.flush()
    audit.record(
        session,
        actor=principal.username,
        action="nomination.accept",
        entity=ENTITY,
        entity_key=str(nomination.id),
        before={"status": NominationStatus.SUBMITTED.value},
        after={"status": target.value, "proposal": proposal.id, "form": form_code},
    )
    return get(session, principal, nomination.id)


def return_(session: Session, principal: Principal, nomination_id: int, reason: str) -> NominationView:
    view = _deciding(session, principal, nomination_id)
    nomination = view.nomination
    target = _transition(nomination, NominationAction.RETURN, reason)
    nomination.status, nomination.return_reason, nomination.updated_at = (
        target.value,
        reason.strip(),
        clock.now(),
    )
    session.flush()
    audit.record(
        session,
        actor=principal.username,
        action="nomination.return",
        entity=ENTITY,
        entity_key=str(nomination.id),
        before={"status": NominationStatus.SUBMITTED.value},
        after={"status": target.value},
        reason=reason,
    )
    return get(session, principal, nomination.id)


def _editable(session: Session, principal: Principal, nomination_id: int) -> NominationView:
    view = _load(session, principal, nomination_id, "nominations:write")
    if not nominations_editable(NominationStatus(view.nomination.status)):
        raise Conflict("Đề nghị đã được tiếp nhận vào đề xuất khen thưởng: hồ sơ không thay đổi được nữa.")
    return view


def attach(
    session: Session,
    principal: Principal,
    nomination_id: int,
    filename: str,
    stream: BinaryIO,
    folder: Path,
    max_bytes: int,
) -> Attachment:
    """A file of the dossier, while the nomination is not yet accepted."""
    _editable(session, principal, nomination_id)
    return attachments.attach(
        session,
        principal,
        owner={"nomination_id": nomination_id},
        entity=ENTITY,
        entity_key=str(nomination_id),
        filename=filename,
        stream=stream,
        folder=folder,
        max_bytes=max_bytes,
    )


def detach(session: Session, principal: Principal, nomination_id: int, file_id: int, folder: Path) -> None:
    view = _editable(session, principal, nomination_id)
    attachments.remove(
        session,
        principal,
        attachments.one_of(list(view.files), file_id),
        entity=ENTITY,
        entity_key=str(nomination_id),
        folder=folder,
    )


def file_of(session: Session, principal: Principal, nomination_id: int, file_id: int) -> Attachment:
    return attachments.one_of(list(get(session, principal, nomination_id).files), file_id)
