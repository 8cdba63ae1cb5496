"""A score's adjustments: bonus entries and inspection deductions, each with its reason."""

from fractions import Fraction

from sqlalchemy.orm import Session

from api.db.models import Period
from api.db.repositories.bonuses import bonuses_for
from api.db.repositories.inspections import done_findings_in
from api.domain import Adjustment


def adjustments_for(
    session: Session, period: Period, unit_ids: list[int] | None
) -> dict[int, tuple[list[Adjustment], list[Adjustment]]]:
    """Per unit (of ``unit_ids``, or ``None``: of every unit that has any): (bonus entries, inspection
    deductions) of a scored period, each with its reason.

    A done inspection's findings count in every scored period whose window holds the inspection date;
    review periods take none directly (their total is the mean of the annual totals).
    """
    result: dict[int, tuple[list[Adjustment], list[Adjustment]]] = {unit_id: ([], []) for unit_id in unit_ids or ()}
    if period.spans or unit_ids == []:
        return result
    for entry in bonuses_for(session, period.id, unit_ids):
        result.setdefault(entry.unit_id, ([], []))[0].append(
            Adjustment(Fraction(entry.points), f"Điểm thưởng: {entry.reason}"))
    for unit_id, day, finding in done_findings_in(session, unit_ids, period.start, period.end):
        about = f" (chỉ tiêu {finding.indicator_code})" if finding.indicator_code else ""
        reason = f"Kiểm tra chuyên đề ngày {day:%d/%m/%Y}: {finding.description}{about}"
        result.setdefault(unit_id, ([], []))[1].append(Adjustment(Fraction(finding.points), reason))
    return result
