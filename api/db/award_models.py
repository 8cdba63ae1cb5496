"""Tables that close the loop of the plan: awards, inspections, bonus entries, budget, models, notifications.

Points are stored as exact fractions in "p/q" strings, like the scores; money as whole đồng.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db.models import Base


class MovementSetting(Base):
    """Settings the standing body edits at run time (lương cơ sở, public hotlines)."""

    __tablename__ = "movement_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(64))


class AwardProposal(Base):
    __tablename__ = "award_proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(16))  # collective | individual
    person_name: Mapped[str | None] = mapped_column(String(255))
    person_title: Mapped[str | None] = mapped_column(String(255))
    form_code: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), index=True)
    eligibility_reason: Mapped[str] = mapped_column(Text)
    multiplier: Mapped[str] = mapped_column(String(32))
    base_salary: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)
    return_reason: Mapped[str | None] = mapped_column(Text)
    decision_number: Mapped[str | None] = mapped_column(String(64))
    decision_date: Mapped[date | None] = mapped_column(Date)
    proposed_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Inspection(Base):
    """A kiểm tra chuyên đề: planned for a date, then done (its findings carry deduction points)."""

    __tablename__ = "inspections"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    topic: Mapped[str] = mapped_column(Text)
    planned_on: Mapped[date] = mapped_column(Date)
    inspected_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16))  # planned | done
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class InspectionFinding(Base):
    __tablename__ = "inspection_findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    indicator_code: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    points: Mapped[str] = mapped_column(String(32))


class CorrectiveAction(Base):
    __tablename__ = "corrective_actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("inspection_findings.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # open | done
    done_on: Mapped[date | None] = mapped_column(Date)


class BonusEntry(Base):
    """Điểm thưởng recorded by the standing body; the scheme caps their sum in the score."""

    __tablename__ = "bonus_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    points: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class BudgetItem(Base):
    """An activity line of the budget estimate; award money comes from the proposals themselves."""

    __tablename__ = "budget_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(BigInteger)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class SafetyModel(Base):
    """A self-managed model of the movement in a commune (Tổ liên gia an toàn PCCC, Camera an ninh, ...)."""

    __tablename__ = "safety_models"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16))  # building | active | suspended
    established_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]


class Exemplar(Base):
    """Điển hình tiên tiến; only published collectives appear on the public page (no personal data)."""

    __tablename__ = "exemplars"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255))
    achievement: Mapped[str] = mapped_column(Text)
    year: Mapped[int]
    published: Mapped[bool] = mapped_column(Boolean, default=False)


class Notification(Base):
    """An in-app message to a unit (reminders of deadlines, returned reports)."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period_id: Mapped[int | None] = mapped_column(ForeignKey("periods.id"))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
    emailed_to: Mapped[str | None] = mapped_column(String(255))


class UnitContact(Base):
    """Where a unit's reminders are e-mailed (one address per unit, kept apart from user accounts)."""

    __tablename__ = "unit_contacts"
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[str] = mapped_column(String(255))
