"""Settings of the movement the standing body edits at run time."""

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from api.db.models import Base


class MovementSetting(Base):
    """Settings the standing body edits at run time (lương cơ sở, public hotlines)."""

    __tablename__ = "movement_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(64))
