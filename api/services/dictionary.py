"""The indicator dictionary of a period's scheme (by default the one in force today) as a file (CSV,
XLSX), for integrators and spreadsheets."""

from fractions import Fraction

from sqlalchemy.orm import Session

from api.services import catalog
from api.services.access import Principal
from api.services.exports import DECIMAL_FORMAT, Column, Export, yes_no
from api.services.templates import KIND_LABELS

MEASURE_LABELS = {"ratio": "Tỷ lệ (tử số / mẫu số)", "count": "Số lần", "flag": "Có / không", "date": "Ngày"}
DICTIONARY_COLUMNS = (
    Column("Mã chỉ tiêu", 11),
    Column("Trụ cột", 16),
    Column("Tên chỉ tiêu", 40, wrap=True),
    Column("Nội dung theo kế hoạch", 50, wrap=True),
    Column("Phép đo", 18),
    Column("Yêu cầu", 30, wrap=True),
    Column("Áp dụng cho", 36, wrap=True),
    Column("Phủ quyết", 9),
    Column("Trọng số", 9, DECIMAL_FORMAT),
    Column("Hướng dẫn nhập", 40, wrap=True),
)


def dictionary(session: Session, principal: Principal, period: str | None = None) -> Export:
    """The indicator dictionary of a period's scheme (without one, the scheme in force today): every
    indicator, its rule, who reports it, its weight."""
    scheme, found = catalog.active(session, principal, period)
    rows = [
        [indicator.code, indicator.pillar.label, indicator.name, indicator.plan_text,
         MEASURE_LABELS[indicator.measure], indicator.rule.text,
         ", ".join(KIND_LABELS[kind] for kind in sorted(indicator.applies_to)), yes_no(indicator.veto),
         Fraction(found.scheme.indicator_weight(indicator.code)), indicator.input_hint]
        for indicator in found.indicators
    ]  # fmt: skip
    return Export(f"tu-dien-chi-tieu-{scheme.code}", f"Từ điển chỉ tiêu phong trào “Ba nhất” - bộ tiêu chí {scheme.code}",
                  DICTIONARY_COLUMNS, rows)  # fmt: skip
