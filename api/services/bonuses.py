"""Bonus entries (điểm thưởng) recorded by the standing body; the scheme caps their sum in the score.

Each bonus carries a Vietnamese reason that the score's explanation shows.
"""

from sqlalchemy.orm import Session

from api import clock
from api.db.bonus_models import BonusEntry
from api.db.models import Period
from api.db.repositories import audit, rows
from api.db.repositories import bonuses as repo
from api.db.repositories import units as units_repo
from api.domain.search import BonusSort
from api.services.access import Principal
from api.services.adjustments import parse_points, refresh_scores
from api.services.audit import fields
from api.services.catalog import scoring_context
from api.services.errors import Conflict, Invalid, NotFound
from api.services.lookups import period_by_code, unit_by_code


def list_bonuses(session: Session, principal: Principal, period_code: str | None, unit_code: str | None,
                 q: str | None = None, sort: BonusSort | None = None):
    principal.require("bonuses:read")
    period = period_by_code(session, period_code) if period_code else None
    unit = unit_by_code(session, unit_code) if unit_code else None
    return repo.bonuses(session, period.id if period else None, unit.id if unit else None, q, sort)


def add_bonus(session: Session, principal: Principal, period_code: str, unit_code: str, points: str,
              reason: str) -> BonusEntry:
    """Record điểm thưởng; an entry above the scheme's cap is refused, a sum above it is capped in the score."""
    principal.require("bonuses:write")
    period, unit = period_by_code(session, period_code), unit_by_code(session, unit_code)
    if period.spans:
        raise Conflict("Kỳ sơ kết, tổng kết lấy điểm bình quân các năm, không ghi điểm thưởng riêng.")
    if period.status == "locked":
        raise Conflict("Kỳ báo cáo đã khóa.")
    value = parse_points(points)
    cap = scoring_context(session, period)[1].scheme.bonus_cap
    if value > cap:
        raise Invalid(f"Điểm thưởng mỗi lần không vượt quá mức trần {cap} điểm của bộ tiêu chí.")
    entry = rows.add(session, BonusEntry(period_id=period.id, unit_id=unit.id, points=str(value), reason=reason,
                                         created_by=principal.username, created_at=clock.now()))
    audit.record(session, actor=principal.username, action="bonus.create", entity="bonus", entity_key=str(entry.id),
                 after=fields(entry, "period_id", "unit_id", "points", "reason"))
    refresh_scores(session, unit, [period])
    return entry


def delete_bonus(session: Session, principal: Principal, bonus_id: int) -> None:
    principal.require("bonuses:write")
    entry = session.get(BonusEntry, bonus_id)
    if entry is None:
        raise NotFound("Không tìm thấy điểm thưởng.")
    period, unit = session.get(Period, entry.period_id), units_repo.by_id(session, entry.unit_id)
    if period.status == "locked":
        raise Conflict("Kỳ báo cáo đã khóa.")
    audit.record(session, actor=principal.username, action="bonus.delete", entity="bonus", entity_key=str(bonus_id),
                 before=fields(entry, "period_id", "unit_id", "points", "reason"))
    session.delete(entry)
    session.flush()
    refresh_scores(session, unit, [period])
