"""What inspections and bonus entries share: points as typed, and refreshing the scores they adjust."""

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from sqlalchemy.orm import Session

from api.db.models import Period, Unit
from api.services import scoring
from api.services.errors import Invalid


def parse_points(raw: str) -> Fraction:
    """Points typed as "1.5" or "1,5"; exact, positive, at most two decimals."""
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation as error:
        raise Invalid("Số điểm không hợp lệ.") from error
    if not value.is_finite() or value <= 0 or value.as_tuple().exponent < -2:
        raise Invalid("Số điểm phải là số dương, tối đa hai chữ số thập phân.")
    return Fraction(value)


def refresh_scores(session: Session, unit: Unit, periods: list[Period]) -> None:
    """Recompute the unit's score in the given periods; a locked period keeps its frozen snapshot."""
    for period in periods:
        scoring.recompute_unit(session, period, unit)
