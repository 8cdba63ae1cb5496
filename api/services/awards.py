"""Award proposals, the base-salary setting, the budget estimate, the models registry and exemplars.

Eligibility comes from the stored ranking of the period (``scores``), so the proposal screen, the
report and the ranking agree. Money is fixed on the proposal when it is made: a later change of the
base salary does not silently change a proposal Sở Nội vụ already checked.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from api import clock
from api.db.award_models import AwardProposal, BudgetItem, Exemplar, MovementSetting, SafetyModel
from api.db.models import Period, Unit
from api.db.repositories import audit
from api.db.repositories import awards as repo
from api.domain import PeriodKind, Tier
from api.domain.awards import (
    ACTIVITY,
    AWARD,
    AwardCatalog,
    AwardError,
    BudgetLine,
    BudgetTotal,
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
    summarize_budget,
)
from api.services.access import Principal
from api.services.audit import fields
from api.services.errors import Conflict, Invalid, NotFound
from api.services.inspections import OVERSIGHT, STANDING_BODY, period_by_code, require_role, unit_by_code

HOME_AFFAIRS = frozenset({"home_affairs", "admin"})
MODEL_KINDS = {
    "to-lien-gia-pccc": "Tổ liên gia an toàn PCCC",
    "camera-an-ninh": "Camera an ninh",
    "khu-dan-cu-an-toan": "Khu dân cư an toàn về an ninh, trật tự",
    "to-hoa-giai": "Tổ hòa giải cơ sở",
    "phu-nu-tu-quan": "Mô hình Phụ nữ tự quản",
    "thanh-nien-xung-kich": "Mô hình Thanh niên xung kích",
    "to-an-ninh-tu-quan": "Tổ an ninh tự quản",
    "dan-van-kheo": "Dân vận khéo",
    "khac": "Mô hình khác",
}
MODEL_STATUSES = {"building": "Đang xây dựng", "active": "Đang hoạt động", "suspended": "Tạm dừng"}

_catalog: AwardCatalog | None = None


def award_catalog() -> AwardCatalog:
    """The forms of award, read once per process from ``api/catalog/awards.json``."""
    global _catalog
    if _catalog is None:
        _catalog = load_award_catalog()
    return _catalog


# --- settings -----------------------------------------------------------------------------------


def _setting(session: Session, key: str) -> dict:
    row = repo.setting(session, key)
    if row is None:
        raise NotFound(f"Chưa có thiết lập {key}.")
    return row.value


def base_salary(session: Session) -> int:
    return int(_setting(session, "base_salary")["amount"])


def hotlines(session: Session) -> list[dict]:
    return list(_setting(session, "hotlines")["items"])


def update_settings(session: Session, principal: Principal, *, salary: int | None, legal_basis: str | None,
                    lines: list[dict] | None) -> None:
    require_role(principal, STANDING_BODY)
    changes = {}
    if salary is not None:
        if salary <= 0:
            raise Invalid("Mức lương cơ sở phải là số dương.")
        changes["base_salary"] = {"amount": salary, "legal_basis": legal_basis or ""}
    if lines is not None:
        changes["hotlines"] = {"items": lines}
    for key, value in changes.items():
        row = repo.setting(session, key)
        before = None if row is None else row.value
        if row is None:
            repo.add(session, MovementSetting(key=key, value=value, updated_at=clock.now(),
                                              updated_by=principal.username))
        else:
            row.value, row.updated_at, row.updated_by = value, clock.now(), principal.username
        audit.record(session, actor=principal.username, action="settings.update", entity="setting",
                     entity_key=key, before=before, after=value)
    session.flush()


# --- eligibility --------------------------------------------------------------------------------


def standing(session: Session, period: Period, unit: Unit) -> Standing:
    """The unit's rank, tier after quota and unmet veto indicators, from the stored ranking."""
    found = repo.standing_row(session, period.id, unit.id)
    if found is None:
        return Standing(unit.code, "", None, None)
    score, group_name = found
    veto = tuple(score.explanation.get("veto_failed") or ())
    return Standing(unit.code, group_name or "", score.rank, Tier[score.final_tier], veto)


def _occasion(period: Period) -> PeriodKind:
    return PeriodKind(period.kind)


def eligibility_of(session: Session, principal: Principal, period_code: str, unit_code: str) -> list[Eligibility]:
    require_role(principal, OVERSIGHT)
    period, unit = period_by_code(session, period_code), unit_by_code(session, unit_code)
    place = standing(session, period, unit)
    return [
        verdict
        for recipient in Recipient
        for verdict in eligible_forms(award_catalog(), recipient, _occasion(period), place)
    ]


# --- proposals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalView:
    proposal: AwardProposal
    unit: Unit
    period_code: str

    @property
    def form_name(self) -> str:
        return award_catalog().form(self.proposal.form_code).name

    @property
    def recipient_name(self) -> str:
        return self.proposal.person_name or self.unit.name


def list_proposals(session: Session, principal: Principal, period_code: str | None,
                   status: str | None) -> list[ProposalView]:
    require_role(principal, OVERSIGHT)
    period = period_by_code(session, period_code) if period_code else None
    return [ProposalView(*row) for row in repo.proposals(session, period.id if period else None, status)]


def _view(session: Session, proposal_id: int) -> ProposalView:
    proposal = session.get(AwardProposal, proposal_id)
    if proposal is None:
        raise NotFound("Không tìm thấy đề xuất khen thưởng.")
    return ProposalView(proposal, session.get(Unit, proposal.unit_id), session.get(Period, proposal.period_id).code)


def propose(session: Session, principal: Principal, *, period_code: str, unit_code: str, recipient: Recipient,
            form_code: str, person_name: str | None, person_title: str | None) -> ProposalView:
    """The standing body proposes; an ineligible proposal is refused with the rule's reason."""
    require_role(principal, STANDING_BODY)
    period, unit = period_by_code(session, period_code), unit_by_code(session, unit_code)
    if recipient is Recipient.INDIVIDUAL and not (person_name and person_name.strip()):
        raise Invalid("Cần ghi họ tên cá nhân được đề xuất.")
    try:
        form = award_catalog().form(form_code)
    except AwardError as error:
        raise NotFound(str(error)) from error
    verdict = eligibility(form, recipient, _occasion(period), standing(session, period, unit))
    if not verdict.eligible:
        raise Conflict(verdict.reason)
    salary = base_salary(session)
    multiplier = form.multipliers[recipient]
    now = clock.now()
    proposal = repo.add(session, AwardProposal(
        period_id=period.id, unit_id=unit.id, recipient=recipient.value,
        person_name=person_name.strip() if recipient is Recipient.INDIVIDUAL else None,
        person_title=person_title if recipient is Recipient.INDIVIDUAL else None,
        form_code=form.code, status=ProposalStatus.PROPOSED.value, eligibility_reason=verdict.reason,
        multiplier=str(multiplier), base_salary=salary,
        amount=award_money(multiplier, salary, award_catalog().rounding_step),
        proposed_by=principal.username, created_at=now, updated_at=now,
    ))
    audit.record(session, actor=principal.username, action="award.propose", entity="award_proposal",
                 entity_key=str(proposal.id), after={"form": form.code, "unit": unit.code, "amount": proposal.amount})
    return _view(session, proposal.id)


ACTION_ROLES = {
    ProposalAction.RETURN: HOME_AFFAIRS,
    ProposalAction.FORWARD: HOME_AFFAIRS,
    ProposalAction.APPROVE: HOME_AFFAIRS,
    ProposalAction.REFUSE: HOME_AFFAIRS,
    ProposalAction.RESUBMIT: STANDING_BODY,
}


def act(session: Session, principal: Principal, proposal_id: int, action: ProposalAction, *,
        reason: str | None = None, decision_number: str | None = None,
        decision_date: date | None = None) -> ProposalView:
    """Sở Nội vụ returns or forwards, records the Chairman's decision; the standing body resubmits."""
    require_role(principal, ACTION_ROLES[action])
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


# --- budget -------------------------------------------------------------------------------------


def budget(session: Session, principal: Principal, years: list[int]) -> tuple[list[BudgetTotal], list[BudgetLine],
                                                                          dict[str, str]]:
    """Activity lines and award money of ``years``: totals per year and unit, the lines, unit names."""
    require_role(principal, OVERSIGHT)
    lines: list[BudgetLine] = []
    names: dict[str, str] = {}
    for item, unit in repo.budget_items(session, years):
        names[unit.code] = unit.name
        lines.append(BudgetLine(item.year, unit.code, ACTIVITY, item.description, item.amount))
    for proposal, unit, year in repo.proposals_of_years(session, years):
        names[unit.code] = unit.name
        form = award_catalog().form(proposal.form_code)
        recipient = proposal.person_name or unit.name
        lines.append(BudgetLine(year, unit.code, AWARD, f"{form.name} - {recipient}", proposal.amount))
    return summarize_budget(lines), lines, names


def add_budget_item(session: Session, principal: Principal, year: int, unit_code: str, description: str,
                    amount: int) -> BudgetItem:
    require_role(principal, STANDING_BODY)
    if amount <= 0:
        raise Invalid("Số tiền dự toán phải là số dương.")
    unit = unit_by_code(session, unit_code)
    item = repo.add(session, BudgetItem(year=year, unit_id=unit.id, description=description, amount=amount,
                                        created_by=principal.username, created_at=clock.now()))
    audit.record(session, actor=principal.username, action="budget.create", entity="budget_item",
                 entity_key=str(item.id), after=fields(item, "year", "unit_id", "description", "amount"))
    return item


# --- models registry and exemplars --------------------------------------------------------------


def list_models(session: Session, principal: Principal, unit_code: str | None, kind: str | None):
    require_role(principal, OVERSIGHT | {"reporter"})
    unit = unit_by_code(session, unit_code) if unit_code else None
    return repo.safety_models(session, unit.id if unit else None, kind)


MODEL_FIELDS = ("unit_id", "kind", "name", "status", "established_on", "note")


def save_model(session: Session, principal: Principal, *, model_id: int | None, unit_code: str, kind: str,
               name: str, status: str, established_on: date | None, note: str | None) -> tuple[SafetyModel, Unit]:
    """Register a model, or update one: the standing body for any commune, a reporter for their own unit."""
    unit = unit_by_code(session, unit_code)
    model = SafetyModel(unit_id=unit.id) if model_id is None else session.get(SafetyModel, model_id)
    if model is None:
        raise NotFound("Không tìm thấy mô hình.")
    own = principal.unit_id is not None and principal.unit_id == unit.id == model.unit_id
    if not own:
        require_role(principal, STANDING_BODY)
    if kind not in MODEL_KINDS or status not in MODEL_STATUSES:
        raise Invalid("Loại mô hình hoặc tình trạng không hợp lệ.")
    before = None if model_id is None else fields(model, *MODEL_FIELDS)
    model.unit_id, model.kind, model.name, model.status = unit.id, kind, name, status
    model.established_on, model.note, model.updated_at = established_on, note, clock.now()
    repo.add(session, model)
    audit.record(session, actor=principal.username, action="model.create" if before is None else "model.update",
                 entity="safety_model", entity_key=str(model.id), before=before, after=fields(model, *MODEL_FIELDS))
    return model, unit


def list_exemplars(session: Session, principal: Principal) -> list[tuple[Exemplar, Unit]]:
    require_role(principal, OVERSIGHT)
    return repo.exemplars(session, published_only=False)


def add_exemplar(session: Session, principal: Principal, *, unit_code: str, recipient: Recipient, name: str,
                 achievement: str, year: int, published: bool) -> tuple[Exemplar, Unit]:
    require_role(principal, STANDING_BODY)
    unit = unit_by_code(session, unit_code)
    if published and recipient is Recipient.INDIVIDUAL:
        raise Invalid("Không công bố công khai thông tin cá nhân; chỉ công bố điển hình là tập thể.")
    exemplar = repo.add(session, Exemplar(unit_id=unit.id, recipient=recipient.value, name=name,
                                          achievement=achievement, year=year, published=published))
    audit.record(session, actor=principal.username, action="exemplar.create", entity="exemplar",
                 entity_key=str(exemplar.id),
                 after=fields(exemplar, "unit_id", "recipient", "name", "achievement", "year", "published"))
    return exemplar, unit

