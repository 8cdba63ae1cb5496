"""Consolidated reports and the budget estimate as Word and Excel files, built from plain data."""

from api.services.reports.docx_report import build_docx
from api.services.reports.model import (
    AwardRow,
    ConsolidatedReport,
    FailedIndicatorRow,
    GroupRanking,
    InspectionRow,
    NarrativeRow,
    RankingRow,
    ReportingRow,
    TierRow,
)
from api.services.reports.xlsx_report import build_budget_xlsx, build_xlsx

__all__ = [
    "AwardRow",
    "ConsolidatedReport",
    "FailedIndicatorRow",
    "GroupRanking",
    "InspectionRow",
    "NarrativeRow",
    "RankingRow",
    "ReportingRow",
    "TierRow",
    "build_budget_xlsx",
    "build_docx",
    "build_xlsx",
]
