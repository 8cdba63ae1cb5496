"""The scheme editor of the standing body: draft a new scheme version, preview it, activate it.

A draft is a whole catalog document copied from a stored scheme (its indicators with their targets, and
the scheme's weights, tier bounds, deductions and caps); it is edited as a whole and checked by the same
loader as the catalog files. The preview scores every reporting unit of a period under the draft on the
period's real data, beside the scores the period has now. Activation stores the draft as a new catalog
version and scheme (immutable from then on, like the catalog files) and moves every open period from
the chosen one on to it; locked periods keep the version their snapshot was scored with.
"""

from sqlalchemy.orm import Session

from api import clock
from api.db.models import Period
from api.db.plan_models import SchemeDraft
from api.db.repositories import audit, scores
from api.db.repositories import catalog as catalog_repo
from api.db.repositories import schemes as repo
from api.db.repositories import units as units_repo
from api.domain import CatalogError, Tier, load_catalog
from api.services import scoring
from api.services.access import Principal
from api.services.catalog import adopt, context_for, document_of
from api.services.errors import Conflict, FieldProblem, Invalid, NotFound

PERMISSION = "schemes:write"
# The parts of a catalog document a draft edits; the periods stay those of the movement.
EDITABLE = ("title", "indicators", "scheme")


def versions(session: Session, principal: Principal):
    principal.require("catalog:read")
    return repo.versions(session)


def drafts(session: Session, principal: Principal) -> list[SchemeDraft]:
    principal.require(PERMISSION)
    return repo.drafts(session)


def get_draft(session: Session, principal: Principal, draft_id: int, *, for_update: bool = False) -> SchemeDraft:
    principal.require(PERMISSION)
    found = repo.draft(session, draft_id, for_update=for_update)
    if found is None:
        raise NotFound("Không tìm thấy bản dự thảo bộ tiêu chí.")
    return found


def _checked(document: dict, where: list[str | int]):
    """The catalog of a draft document; 422 naming the place in the document when it is invalid."""
    try:
        return load_catalog(document)
    except CatalogError as error:
        place, _, _message = str(error).partition(": ")
        raise Invalid(f"Bộ tiêu chí dự thảo không hợp lệ: {error}", [FieldProblem([*where, place], str(error))]) from None


def create_draft(session: Session, principal: Principal, code: str, based_on: str | None) -> SchemeDraft:
    """A draft copied from a stored scheme (the active one by default), under a new version code."""
    principal.require(PERMISSION)
    base = catalog_repo.scheme_by_code(session, based_on) if based_on else catalog_repo.active_scheme(session)
    if base is None:
        raise Invalid("Không tìm thấy bộ tiêu chí gốc.", [FieldProblem(["body", "based_on"], "Không có phiên bản này.")])
    if repo.code_taken(session, code):
        raise Invalid("Mã phiên bản đã được dùng.", [FieldProblem(["body", "code"], f"Phiên bản «{code}» đã có.")])
    source = document_of(session, base)
    document = {**source, "code": f"{source['code'].split('@')[0]}@{code}",
                "scheme": {**source["scheme"], "version": code}}
    _checked(document, ["body"])
    now = clock.now()
    draft = repo.add(session, SchemeDraft(code=code, based_on=base.code, document=document, status="draft",
                                          created_by=principal.username, created_at=now, updated_at=now))
    audit.record(session, actor=principal.username, action="scheme_draft.create", entity="scheme", entity_key=code,
                 after={"based_on": base.code})
    return draft


def update_draft(session: Session, principal: Principal, draft_id: int, changes: dict) -> SchemeDraft:
    """Replace the draft's title, indicators or scheme parameters (each given as a whole)."""
    draft = get_draft(session, principal, draft_id, for_update=True)
    if draft.status != "draft":
        raise Conflict("Bản dự thảo đã được áp dụng: không sửa được nữa. Hãy tạo bản dự thảo mới.")
    document = {**draft.document, **{key: changes[key] for key in EDITABLE if changes.get(key) is not None}}
    document["code"], document["scheme"] = draft.document["code"], {**document["scheme"], "version": draft.code}
    _checked(document, ["body"])
    before = {key: draft.document[key] for key in EDITABLE if changes.get(key) is not None}
    draft.document, draft.updated_at = document, clock.now()
    session.flush()
    audit.record(session, actor=principal.username, action="scheme_draft.update", entity="scheme",
                 entity_key=draft.code, before=before, after={key: document[key] for key in before})
    return draft


def _period(session: Session, code: str, field: str) -> Period:
    period = catalog_repo.period_by_code(session, code)
    if period is None:
        raise Invalid("Không tìm thấy kỳ báo cáo.", [FieldProblem(["query" if field == "period" else "body", field],
                                                                   f"Không có kỳ «{code}».")])
    return period


def preview(session: Session, principal: Principal, draft_id: int, period_code: str) -> tuple[SchemeDraft, Period, list[dict]]:
    """Every reporting unit of the period under the draft beside its current score: total, tier and rank
    on both sides, whether the tier changes and how many places the unit moves (up is positive)."""
    draft = get_draft(session, principal, draft_id)
    period = _period(session, period_code, "period")
    if period.spans:
        raise Invalid("Kỳ sơ kết, tổng kết không có số liệu riêng.",
                      [FieldProblem(["query", "period"], "Hãy chọn kỳ 6 tháng hoặc kỳ năm.")])
    catalog = _checked(draft.document, ["body"])
    current = {row.code: row for row in scores.rank_inputs(session, period.id)}
    rows = []
    for unit, result, ranked in scoring.simulate_period(session, period, context_for(catalog, period)):
        now = current.get(unit.code)
        now_tier = Tier[now.final_tier] if now else None
        rows.append({
            "unit": unit, "current_total": scoring.exact(now.total) if now else None, "current_tier": now_tier,
            "current_rank": now.rank if now else None, "draft_total": result.total, "draft_tier": ranked.tier,
            "draft_rank": ranked.rank, "tier_changed": now_tier is not ranked.tier,
            "places_moved": (now.rank - ranked.rank) if now and now.rank and ranked.rank else None,
        })
    # Units without a rank (no submitted report) after the ranked ones, as in the ranking.
    rows.sort(key=lambda row: (row["unit"].group_id, row["draft_rank"] is None, row["draft_rank"] or 0, row["unit"].code))
    return draft, period, rows


def activate(session: Session, principal: Principal, draft_id: int, from_code: str) -> tuple[SchemeDraft, list[str], list[str]]:
    """Store the draft as a new version and score every open period from ``from_code`` on with it.

    Returns the draft, the periods moved to it and the locked periods left on their version.
    """
    draft = get_draft(session, principal, draft_id, for_update=True)
    if draft.status != "draft":
        raise Conflict("Bản dự thảo này đã được áp dụng.")
    start = _period(session, from_code, "from_period").start
    _checked(draft.document, ["body"])
    _scheme, moved, kept = adopt(session, draft.document, start)
    # Review periods average the annual totals, so they are recomputed last.
    for period in sorted(moved, key=lambda p: bool(p.spans)):
        scoring.recompute_period(session, period)
    draft.status, draft.activated_from, draft.activated_at = "activated", from_code, clock.now()
    session.flush()
    audit.record(session, actor=principal.username, action="scheme.activate", entity="scheme", entity_key=draft.code,
                 after={"from_period": from_code, "periods": [p.code for p in moved], "locked_kept": kept})
    return draft, [p.code for p in moved], kept


def group_codes(session: Session) -> dict[int, str]:
    return {group.id: group.code for group, _count in units_repo.groups_with_counts(session)}


def scheme_code(session: Session, period: Period) -> str:
    return catalog_repo.scheme_codes(session, period.scheme_id)[1]
