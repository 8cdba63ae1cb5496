"""The budget estimate's activity lines and Sở Tài chính's appraisal of each. Money is stored as whole đồng."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db.models import Base


class BudgetItem(Base):
    """An activity line of the budget estimate; award money comes from the proposals themselves.

    ``status`` is the line's appraisal (``api.domain.appraisal.AppraisalStatus``): the amount Sở Tài chính
    accepted, or the reason it returned the line, and who did it when.
    """

    __tablename__ = "budget_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(BigInteger)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="proposed", server_default="proposed")
    appraised_amount: Mapped[int | None] = mapped_column(BigInteger)
    return_reason: Mapped[str | None] = mapped_column(Text)
    appraised_by: Mapped[str | None] = mapped_column(String(64))
    appraised_at: Mapped[datetime | None]
