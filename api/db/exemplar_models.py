"""Exemplary collectives and individuals (điển hình tiên tiến)."""

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from api.db.models import Base
from api.domain.search import fold


class Exemplar(Base):
    """Điển hình tiên tiến; only published collectives appear on the public page (no personal data)."""

    __tablename__ = "exemplars"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255))
    # The name folded for searching and sorting (api/domain/search.py), kept by the validator below.
    search_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    achievement: Mapped[str] = mapped_column(Text)
    year: Mapped[int]
    published: Mapped[bool] = mapped_column(Boolean, default=False)

    @validates("name")
    def _fold_name(self, _key: str, name: str) -> str:
        self.search_name = fold(name)
        return name
