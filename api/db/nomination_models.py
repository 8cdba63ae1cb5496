"""Nominations of the units, their narratives of each period, and the files attached to either."""

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from api.db.models import Base


class Nomination(Base):
    """A unit's nomination of a collective or an individual; ``proposal_id`` once accepted into a proposal."""

    __tablename__ = "nominations"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period_id: Mapped[int | None] = mapped_column(
        ForeignKey("periods.id"), index=True
    )  # None: a timely award
    timely: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    recipient: Mapped[str] = mapped_column(String(16))  # collective | individual
    nominee_name: Mapped[str | None] = mapped_column(String(255))  # a collective without one: the unit itself
    nominee_title: Mapped[str | None] = mapped_column(String(255))
    achievements: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    return_reason: Mapped[str | None] = mapped_column(Text)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("award_proposals.id"), unique=True)
    nominated_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Narrative(Base):
    """A unit's narrative of a period: its report in a review period, beside the scored one otherwise."""

    __tablename__ = "narratives"
    __table_args__ = (UniqueConstraint("period_id", "unit_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    achievements: Mapped[str] = mapped_column(Text, default="")
    models: Mapped[str] = mapped_column(Text, default="")
    difficulties: Mapped[str] = mapped_column(Text, default="")
    proposals: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]


class Attachment(Base):
    """A file of a nomination's dossier or of a narrative; the bytes live in the evidence folder."""

    __tablename__ = "attachments"
    __table_args__ = (CheckConstraint("(nomination_id IS NULL) <> (narrative_id IS NULL)", name="one_owner"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int | None] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), index=True
    )
    narrative_id: Mapped[int | None] = mapped_column(
        ForeignKey("narratives.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(128), unique=True)
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime]
