"""The models registry (mô hình tự quản per commune)."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from api.db.models import Base
from api.domain.search import fold


class SafetyModel(Base):
    """A self-managed model of the movement in a commune (Tổ liên gia an toàn PCCC, Camera an ninh, ...)."""

    __tablename__ = "safety_models"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(255))
    # The name folded for searching and sorting (api/domain/search.py), kept by the validator below.
    search_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    status: Mapped[str] = mapped_column(String(16))  # building | active | suspended
    established_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]

    @validates("name")
    def _fold_name(self, _key: str, name: str) -> str:
        self.search_name = fold(name)
        return name
