"""The scheme editor: versions in use, drafts, a preview on real data, activation from a period."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.db.plan_models import SchemeDraft
from api.domain import display
from api.routers.deps import CurrentPrincipal, DbSession, RowId
from api.schemas.auth import UnitRef
from api.schemas.common import problem_responses
from api.schemas.schemes import (
    ActivatedOut,
    ActivateIn,
    DraftChangesIn,
    DraftIn,
    DraftOut,
    PreviewItem,
    PreviewOut,
    PreviewSide,
    SchemeVersionOut,
)
from api.services import schemes

router = APIRouter(prefix="/schemes", tags=["schemes"])


def draft_out(draft: SchemeDraft) -> DraftOut:
    return DraftOut.model_validate(draft, from_attributes=True)


@router.get("", response_model=list[SchemeVersionOut])
def list_versions(session: DbSession, principal: CurrentPrincipal) -> list[SchemeVersionOut]:
    return [SchemeVersionOut(code=s.code, catalog_version=catalog, active=s.active, periods=periods)
            for s, catalog, periods in schemes.versions(session, principal)]


@router.get("/drafts", response_model=list[DraftOut])
def list_drafts(session: DbSession, principal: CurrentPrincipal) -> list[DraftOut]:
    return [draft_out(d) for d in schemes.drafts(session, principal)]


@router.post("/drafts", response_model=DraftOut, status_code=201)
def create_draft(body: DraftIn, session: DbSession, principal: CurrentPrincipal) -> DraftOut:
    """Tạo bản dự thảo phiên bản mới, sao từ phiên bản đang áp dụng (hoặc phiên bản chỉ định)."""
    return draft_out(schemes.create_draft(session, principal, body.code, body.based_on))


@router.get("/drafts/{draft_id}", response_model=DraftOut)
def get_draft(draft_id: RowId, session: DbSession, principal: CurrentPrincipal) -> DraftOut:
    return draft_out(schemes.get_draft(session, principal, draft_id))


@router.patch("/drafts/{draft_id}", response_model=DraftOut, responses=problem_responses(409))
def update_draft(draft_id: RowId, body: DraftChangesIn, session: DbSession, principal: CurrentPrincipal) -> DraftOut:
    """Sửa dự thảo: trọng số, chỉ tiêu (thêm, bỏ, đổi mục tiêu, ngưỡng), ngưỡng xếp loại, điểm trừ..."""
    return draft_out(schemes.update_draft(session, principal, draft_id, body.model_dump(exclude_none=True)))


def _side(total, tier, rank) -> PreviewSide:
    # `is None`, not falsiness: KHONG_HOAN_THANH is 0 and was sent as no tier at all.
    return PreviewSide(total=None if total is None else str(display(total)),
                       tier=None if tier is None else tier.name, tier_label=None if tier is None else tier.label,
                       rank=rank)


@router.get("/drafts/{draft_id}/preview", response_model=PreviewOut)
def preview_draft(draft_id: RowId, session: DbSession, principal: CurrentPrincipal,
                  period: Annotated[str, Query(max_length=32, description="Kỳ 6 tháng hoặc kỳ năm")]) -> PreviewOut:
    """Điểm, xếp loại và thứ hạng của mọi đơn vị theo dự thảo, bên cạnh kết quả hiện tại của kỳ."""
    draft, found, rows = schemes.preview(session, principal, draft_id, period)
    groups = schemes.group_codes(session)
    items = [
        PreviewItem(
            unit=UnitRef(code=row["unit"].code, name=row["unit"].name, kind=row["unit"].kind),
            group=groups.get(row["unit"].group_id),
            current=_side(row["current_total"], row["current_tier"], row["current_rank"]),
            draft=_side(row["draft_total"], row["draft_tier"], row["draft_rank"]),
            tier_changed=row["tier_changed"], places_moved=row["places_moved"],
        )
        for row in rows
    ]
    return PreviewOut(draft=draft.code, period=found.code, current_scheme=schemes.scheme_code(session, found),
                      units=len(items), tier_changes=[i for i in items if i.tier_changed], items=items)


@router.post("/drafts/{draft_id}/activate", response_model=ActivatedOut, responses=problem_responses(409))
def activate_draft(draft_id: RowId, body: ActivateIn, session: DbSession, principal: CurrentPrincipal) -> ActivatedOut:
    """Áp dụng dự thảo từ một kỳ: các kỳ từ kỳ đó trở đi chưa khóa được chấm lại; kỳ đã khóa giữ phiên bản cũ."""
    draft, moved, kept = schemes.activate(session, principal, draft_id, body.from_period)
    return ActivatedOut(draft=draft_out(draft), periods=moved, locked_kept=kept)
