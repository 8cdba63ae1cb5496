"""Downloads for people and spreadsheets: rankings, explained scores and raw values as CSV or XLSX."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.domain.awards import ProposalStatus
from api.domain.nominations import NominationStatus
from api.routers.deps import CurrentPrincipal, DbSession
from api.schemas.common import (
    ActiveFilter,
    AuditSearchText,
    AuditSortQuery,
    BonusSortQuery,
    CodeFilter,
    ExemplarSortQuery,
    InspectionSortQuery,
    KindFilter,
    ModelKindFilter,
    ModelSortQuery,
    NarrativeSortQuery,
    NominationSortQuery,
    ProposalSortQuery,
    RoleFilter,
    SearchText,
    SubmissionSortQuery,
    TimelinessFilter,
    UnitSortQuery,
    UserSortQuery,
)
from api.schemas.enums import SubmissionStatus
from api.services import exports
from api.services.exports import Export, ExportFormat

router = APIRouter(prefix="/exports", tags=["exports"])
FILE_RESPONSES = {
    200: {
        # XLSX first: a generated client reads the answer of the first media type, and as bytes only for
        # a binary one (openapi-python-client reads text/* as text).
        "content": {ExportFormat.XLSX.media_type: {}, ExportFormat.CSV.media_type: {"example": (
            "Hạng,Mã đơn vị,Tên đơn vị,\"Cụm, khối thi đua\",Tổng điểm,Xếp loại,Kỷ luật nhất,Trung thành nhất,"
            "Gần dân nhất,Chỉ tiêu phủ quyết không đạt,Trạng thái báo cáo\r\n"
            "1,CAX-074,Công an xã Vũ Quý,CAX,100.00,Hoàn thành xuất sắc nhiệm vụ,100.00,100.00,100.00,,Đã duyệt\r\n"
        )}},
        "description": "Tệp CSV (UTF-8 có BOM) hoặc XLSX",
    }
}
Format = Annotated[ExportFormat, Query(alias="format", description="csv hoặc xlsx")]
Group = Annotated[CodeFilter, Query(description="Mã cụm, khối thi đua, không phân biệt hoa thường; mã không tồn tại: 404")]


def download(export: Export, export_format: ExportFormat) -> Response:
    """The export as a file to save (CSV or XLSX), named by Content-Disposition."""
    buffer = io.BytesIO()
    export.write(buffer, export_format)
    filename = f"{export.filename}.{export_format.value}"
    return Response(
        buffer.getvalue(),
        media_type=export_format.media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/{period}/scores", response_class=Response, responses=FILE_RESPONSES)
def ranking(
    period: str, session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX,
    group: Group = None, q: SearchText = None,
) -> Response:  # fmt: skip
    """Bảng xếp hạng của kỳ: hạng, tổng điểm, xếp loại, điểm từng trụ cột; `q`: chỉ các đơn vị tìm thấy."""
    return download(exports.ranking_export(session, principal, period, group, q), export_format)


@router.get("/{period}/explained", response_class=Response, responses=FILE_RESPONSES)
def explained(
    period: str, session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX,
    group: Group = None,
) -> Response:  # fmt: skip
    """Điểm chi tiết: mỗi chỉ tiêu của mỗi đơn vị với giá trị, yêu cầu, mức đạt và điểm."""
    return download(exports.explained_export(session, principal, period, group), export_format)


@router.get("/{period}/values", response_class=Response, responses=FILE_RESPONSES)
def values(
    period: str, session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.CSV
) -> Response:
    """Số liệu đã nhập của kỳ, cùng cột với tệp nhập (nhập lại được nguyên trạng)."""
    return download(exports.values_export(session, principal, period), export_format)


@router.get("/{period}/submissions", response_class=Response, responses=FILE_RESPONSES)
def submission_list(
    period: str, session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX,
    status: SubmissionStatus | None = None, group: Group = None, q: SearchText = None, sort: SubmissionSortQuery = None,
) -> Response:  # fmt: skip
    """Hàng chờ duyệt (hoặc báo cáo ở trạng thái bất kỳ) của kỳ, cùng bộ lọc và thứ tự với `GET /submissions`."""
    return download(exports.submissions_export(session, principal, period, status=status, group=group, q=q, sort=sort),
                    export_format)


@router.get("/{period}/reporting-status", response_class=Response, responses=FILE_RESPONSES)
def reporting_status(
    period: str, session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX,
    group: Group = None, q: SearchText = None,
    timeliness: TimelinessFilter = None,
) -> Response:  # fmt: skip
    """Tình hình báo cáo của kỳ, mỗi đơn vị một dòng, cùng bộ lọc với `GET /periods/{code}/reporting-status`."""
    return download(exports.reporting_status_export(session, principal, period, group=group, q=q, timeliness=timeliness),
                    export_format)


@router.get("/users", response_class=Response, responses=FILE_RESPONSES)
def users(
    session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX, q: SearchText = None,
    role: RoleFilter = None,
    active: ActiveFilter = None,
    sort: UserSortQuery = None,
) -> Response:  # fmt: skip
    """Danh sách tài khoản (quản trị), cùng bộ lọc và thứ tự với `GET /users`."""
    return download(exports.users_export(session, principal, q=q, role=role, active=active, sort=sort), export_format)


@router.get("/units", response_class=Response, responses=FILE_RESPONSES)
def unit_list(
    session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX, kind: KindFilter = None,
    group: Group = None, q: SearchText = None, sort: UnitSortQuery = None,
) -> Response:  # fmt: skip
    """Danh sách đơn vị, cùng bộ lọc và thứ tự với `GET /units`."""
    return download(exports.units_export(session, principal, kind=kind, group=group, q=q, sort=sort), export_format)


@router.get("/inspections", response_class=Response, responses=FILE_RESPONSES)
def inspection_list(
    session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX, unit: CodeFilter = None,
    period: CodeFilter = None, pending: Annotated[bool, Query(description="Chỉ kết luận chờ xác nhận")] = False,
    q: SearchText = None, sort: InspectionSortQuery = None,
) -> Response:  # fmt: skip
    """Kết luận kiểm tra chuyên đề, mỗi kết luận một dòng, cùng bộ lọc và thứ tự với `GET /inspections`;
    `q` tìm theo tên, mã đơn vị được kiểm tra hoặc chủ đề."""
    return download(exports.inspections_export(session, principal, unit=unit, period=period, pending=pending, q=q,
                                               sort=sort), export_format)


@router.get("/audit", response_class=Response, responses=FILE_RESPONSES)
def audit_log(
    session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX,
    entity: str | None = None, entity_key: str | None = None, actor: str | None = None, since: datetime | None = None,
    until: datetime | None = None, q: AuditSearchText = None, sort: AuditSortQuery = None,
) -> Response:  # fmt: skip
    """Nhật ký hệ thống, cùng bộ lọc và thứ tự với `GET /audit`, mọi trang (tối đa 100.000 dòng); thao tác
    và loại bản ghi ghi bằng tên tiếng Việt, kèm mã."""
    return download(exports.audit_export(session, principal, entity=entity, entity_key=entity_key, actor=actor,
                                         since=since, until=until, q=q, sort=sort), export_format)


@router.get("/award-proposals", response_class=Response, responses=FILE_RESPONSES)
def proposal_list(
    session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX,
    period: CodeFilter = None, status: ProposalStatus | None = None,
    timely: Annotated[bool | None, Query(description="true: chỉ khen thưởng kịp thời; false: chỉ theo kỳ")] = None,
    q: SearchText = None, sort: ProposalSortQuery = None,
) -> Response:  # fmt: skip
    """Đề xuất khen thưởng, cùng bộ lọc và thứ tự với `GET /award-proposals`."""
    return download(exports.proposals_export(session, principal, period=period, status=status.value if status else None,
                                             timely=timely, q=q, sort=sort), export_format)


@router.get("/nominations", response_class=Response, responses=FILE_RESPONSES)
def nomination_list(
    session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX,
    period: CodeFilter = None, unit: CodeFilter = None, status: NominationStatus | None = None,
    timely: Annotated[bool | None, Query(description="true: chỉ khen thưởng kịp thời")] = None,
    q: SearchText = None, sort: NominationSortQuery = None,
) -> Response:  # fmt: skip
    """Đề nghị khen thưởng của các đơn vị (của đơn vị mình), cùng bộ lọc và thứ tự với `GET /nominations`."""
    return download(exports.nominations_export(session, principal, period=period, unit=unit,
                                               status=status.value if status else None, timely=timely, q=q, sort=sort),
                    export_format)


@router.get("/bonuses", response_class=Response, responses=FILE_RESPONSES)
def bonus_list(
    session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX,
    period: CodeFilter = None, unit: CodeFilter = None, q: SearchText = None, sort: BonusSortQuery = None,
) -> Response:  # fmt: skip
    """Điểm thưởng, cùng bộ lọc và thứ tự với `GET /bonuses`."""
    return download(exports.bonuses_export(session, principal, period=period, unit=unit, q=q, sort=sort), export_format)


@router.get("/models", response_class=Response, responses=FILE_RESPONSES)
def model_list(
    session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX,
    unit: CodeFilter = None, kind: ModelKindFilter = None, q: SearchText = None, sort: ModelSortQuery = None,
) -> Response:  # fmt: skip
    """Mô hình tự quản, cùng bộ lọc và thứ tự với `GET /models`."""
    return download(exports.models_export(session, principal, unit=unit, kind=kind, q=q, sort=sort), export_format)


@router.get("/exemplars", response_class=Response, responses=FILE_RESPONSES)
def exemplar_list(
    session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX, q: SearchText = None,
    sort: ExemplarSortQuery = None,
) -> Response:  # fmt: skip
    """Điển hình tiên tiến, cùng tìm kiếm và thứ tự với `GET /exemplars`."""
    return download(exports.exemplars_export(session, principal, q=q, sort=sort), export_format)


@router.get("/{period}/narratives", response_class=Response, responses=FILE_RESPONSES)
def narrative_list(
    period: str, session: DbSession, principal: CurrentPrincipal, export_format: Format = ExportFormat.XLSX,
    q: SearchText = None, sort: NarrativeSortQuery = None,
) -> Response:  # fmt: skip
    """Báo cáo thuyết minh của kỳ (của đơn vị mình), cùng tìm kiếm và thứ tự với `GET /narratives/{period}`."""
    return download(exports.narratives_export(session, principal, period, q=q, sort=sort), export_format)
