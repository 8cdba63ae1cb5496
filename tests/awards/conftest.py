"""Shared data for the award and report tests."""

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from api.services.reports import (
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

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "reports"


@pytest.fixture
def report_output() -> Path:
    """Where built files are kept for ``scripts/render-reports`` (gitignored)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT


@pytest.fixture
def sample_report() -> ConsolidatedReport:
    communes = tuple(
        RankingRow(rank, f"CAX-{rank:03d}", f"Công an xã Thử Nghiệm {rank}", total, tier, veto)
        for rank, total, tier, veto in [
            (1, Fraction(9625, 100), "Hoàn thành xuất sắc nhiệm vụ", ()),
            (2, Fraction(272, 3), "Hoàn thành xuất sắc nhiệm vụ", ()),
            (3, Fraction(7805, 100), "Hoàn thành tốt nhiệm vụ", ()),
            (4, Fraction(9150, 100), "Hoàn thành nhiệm vụ", ("TT-05",)),
        ]
    )
    departments = (
        RankingRow(1, "SNV", "Sở Nội vụ", Fraction(100), "Hoàn thành xuất sắc nhiệm vụ"),
        RankingRow(None, "STC", "Sở Tài chính", None, "Chưa xếp loại"),
    )
    return ConsolidatedReport(
        period_code="2026-H1",
        period_name="6 tháng đầu năm 2026",
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        number="125/BC-CAT-PV01",
        place="Hưng Yên",
        issued_on=date(2026, 6, 25),
        reporting=(
            ReportingRow("Khối Công an xã, phường", 4, 3, 1),
            ReportingRow("Khối sở, ban, ngành", 2, 1, 0),
        ),
        tiers=(
            TierRow("Khối Công an xã, phường", 2, 1, 1, 0, 0),
            TierRow("Khối sở, ban, ngành", 1, 0, 0, 0, 1),
        ),
        rankings=(
            GroupRanking("Khối Công an xã, phường", communes),
            GroupRanking("Khối sở, ban, ngành", departments),
        ),
        failed_indicators=(
            FailedIndicatorRow("GD-03", "Tiếp xúc Nhân dân ít nhất 01 lượt/tuần", 3, 4),
            FailedIndicatorRow("TT-05", "Không để phát sinh “điểm nóng” về ANTT", 1, 4),
        ),
        inspections=(
            InspectionRow(date(2026, 5, 12), "Công an xã Thử Nghiệm 4", True, 2, Fraction(7, 2), 1),
            InspectionRow(date(2026, 6, 28), "Sở Tài chính", False, 0, Fraction(0), 0),
        ),
        awards=(
            AwardRow(
                "Công an xã Thử Nghiệm 1",
                "Công an xã Thử Nghiệm 1",
                "Cờ thi đua của UBND tỉnh",
                "Đã đề xuất",
                18_720_000,
            ),
            AwardRow(
                "Đại úy Nguyễn Văn An",
                "Công an xã Thử Nghiệm 2",
                "Bằng khen của Chủ tịch UBND tỉnh",
                "Đã trình Chủ tịch UBND tỉnh",
                2_340_000,
            ),
        ),
        narratives=(
            NarrativeRow("Công an xã Thử Nghiệm 3", "Thiếu camera an ninh tại 03 thôn.\nChưa bố trí kinh phí tổ tự quản.",
                         ""),
            NarrativeRow("Sở Tài chính", "", "Đề nghị hướng dẫn thanh quyết toán kinh phí khen thưởng."),
        ),
        signer_name="Nguyễn Văn Bình",
    )


@pytest.fixture
def db(sqlite_url):
    """A session straight on the test database, to arrange stored rankings the API then reads."""
    from sqlalchemy.orm import Session

    from api.db.engine import make_engine

    engine = make_engine(sqlite_url)
    with Session(engine) as session:
        yield session
    engine.dispose()
