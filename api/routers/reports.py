"""The consolidated report of a period as JSON, Word (.docx) and Excel (.xlsx)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.routers.deps import CurrentPrincipal, DbSession
from api.schemas.reports import ReportOut
from api.services.reports import ConsolidatedReport, build_docx, build_xlsx
from api.services.reports.formatting import rounded
from api.services.reports.gather import consolidated

router = APIRouter(prefix="/reports", tags=["reports"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Number = Annotated[str, Query(max_length=64, description="Số văn bản, ví dụ 125/BC-CAT-PV01")]


def _reporting(row) -> dict:
    return {"group": row.group, "expected": row.expected, "on_time": row.on_time, "late": row.late,
            "missing": row.missing, "rate": rounded(row.rate, 4), "on_time_rate": rounded(row.on_time_rate, 4)}


def _json(report: ConsolidatedReport) -> ReportOut:
    return ReportOut(
        period=report.period_code, period_name=report.period_name, start=report.start, end=report.end,
        reporting=[_reporting(row) for row in report.reporting], reporting_total=_reporting(report.reporting_total),
        tiers=[vars(row) for row in report.tiers],
        rankings=[{"group": ranking.group, "rows": [
            {**vars(row), "total": None if row.total is None else rounded(row.total), "veto_failed": list(row.veto_failed)}
            for row in ranking.rows]} for ranking in report.rankings],
        failed_indicators=[vars(row) for row in report.failed_indicators],
        inspections=[{**vars(row), "deduction_points": rounded(row.deduction_points)} for row in report.inspections],
        awards=[vars(row) for row in report.awards], award_money_total=report.award_money_total,
        narratives=[vars(row) for row in report.narratives],
    )


@router.get("/{period}", response_model=ReportOut)
def report(period: str, session: DbSession, principal: CurrentPrincipal) -> ReportOut:
    return _json(consolidated(session, principal, period))


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/{period}/report.docx", response_class=Response,
            responses={200: {"content": {DOCX: {}}, "description": "Báo cáo tổng hợp (Word)"}})
def report_docx(period: str, session: DbSession, principal: CurrentPrincipal, number: Number = "",
                issued_on: Annotated[date | None, Query()] = None) -> Response:
    built = consolidated(session, principal, period, number=number, issued_on=issued_on)
    return _download(build_docx(built), DOCX, f"bao-cao-ba-nhat-{period}.docx")


@router.get("/{period}/report.xlsx", response_class=Response,
            responses={200: {"content": {XLSX: {}}, "description": "Báo cáo tổng hợp (Excel)"}})
def report_xlsx(period: str, session: DbSession, principal: CurrentPrincipal) -> Response:
    return _download(build_xlsx(consolidated(session, principal, period)), XLSX, f"bao-cao-ba-nhat-{period}.xlsx")
