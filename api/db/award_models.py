"""Award proposals (đề xuất khen thưởng). Money is stored as whole đồng."""

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from api.db.models import Base


class AwardProposal(Base):
    __tablename__ = "award_proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    # None for a timely award (khen thưởng kịp thời), given outside the period calendar.
    period_id: Mapped[int | None] = mapped_column(ForeignKey("periods.id"), index=True)
    timely: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
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
