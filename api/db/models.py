"""SQLAlchemy 2 models. Relationships are ``lazy="raise"``: every load is explicit in a repository."""

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates
from sqlalchemy.types import TypeDecorator

from api.domain.search import fold


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every backend (SQLite keeps no zone, so it is restored on load)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar = {dict[str, Any]: JSON, list[Any]: JSON, datetime: UTCDateTime()}


def import_all_models() -> MetaData:
    """Import every ``api.db`` module named ``models`` or ``*_models`` so Base.metadata knows every table."""
    import importlib
    import pkgutil

    import api.db

    for module in pkgutil.iter_modules(api.db.__path__):
        if module.name == "models" or module.name.endswith("_models"):
            importlib.import_module(f"api.db.{module.name}")
    return Base.metadata


class EmulationGroup(Base):
    """A cụm/khối thi đua: units are ranked only against the peers of their group."""

    __tablename__ = "emulation_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))


class Unit(Base):
    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    # The name folded for searching (api/domain/search.py), kept by the validator below.
    search_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    kind: Mapped[str] = mapped_column(String(32), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("emulation_groups.id"), index=True)
    # The unit that oversees this one and may inspect it (api/domain/inspections.py): a commune's People's
    # Committee for its commune police, a department for a unit of its field. Not the parent: a commune
    # police's parent is the provincial police.
    overseer_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    parent: Mapped["Unit | None"] = relationship(remote_side=[id], lazy="raise", foreign_keys=[parent_id])
    group: Mapped[EmulationGroup | None] = relationship(lazy="raise")

    @validates("name")
    def _fold_name(self, _key: str, name: str) -> str:
        """Every way a name is set (creation, rename, import, seed) folds it for searching."""
        self.search_name = fold(name)
        return name


class CatalogVersion(Base):
    """One loaded version of the catalog data file, kept whole so scores can be recomputed exactly."""

    __tablename__ = "catalog_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(64), unique=True)
    document: Mapped[dict[str, Any]]
    loaded_at: Mapped[datetime]


class Indicator(Base):
    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("catalog_version_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_versions.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    pillar: Mapped[str] = mapped_column(String(8))
    measure: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    applies_to: Mapped[list[Any]]
    veto: Mapped[bool] = mapped_column(Boolean, default=False)
    definition: Mapped[dict[str, Any]]

    catalog_version: Mapped[CatalogVersion] = relationship(lazy="raise")


class Scheme(Base):
    """A versioned set of scoring parameters; exactly one is active for new periods."""

    __tablename__ = "schemes"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_versions.id"))
    parameters: Mapped[dict[str, Any]]
    active: Mapped[bool] = mapped_column(Boolean, default=False)

    catalog_version: Mapped[CatalogVersion] = relationship(lazy="raise")


class Period(Base):
    __tablename__ = "periods"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(32))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")
    scheme_id: Mapped[int] = mapped_column(ForeignKey("schemes.id"))
    spans: Mapped[list[Any]]  # review periods: the annual periods whose totals they average
    locked_at: Mapped[datetime | None]
    # Bumped whenever any stored score of the period changes: the ranking's ETag derives from it.
    scores_version: Mapped[int] = mapped_column(Integer, default=0)
    # A large import's scores are recomputed after its response: until then the stored scores lag.
    scores_pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    scheme: Mapped[Scheme] = relationship(lazy="raise")


class Submission(Base):
    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("period_id", "unit_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    note: Mapped[str | None] = mapped_column(Text)
    return_reason: Mapped[str | None] = mapped_column(Text)
    first_submitted_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    approved_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]

    period: Mapped[Period] = relationship(lazy="raise")
    unit: Mapped[Unit] = relationship(lazy="raise")
    values: Mapped[list["SubmissionValue"]] = relationship(
        lazy="raise", back_populates="submission", cascade="all, delete-orphan"
    )


class SubmissionValue(Base):
    __tablename__ = "submission_values"
    __table_args__ = (UniqueConstraint("submission_id", "indicator_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    indicator_code: Mapped[str] = mapped_column(String(32))
    numerator: Mapped[int | None] = mapped_column(BigInteger)
    denominator: Mapped[int | None] = mapped_column(BigInteger)
    count: Mapped[int | None] = mapped_column(BigInteger)
    flag: Mapped[bool | None] = mapped_column(Boolean)
    date_value: Mapped[date | None] = mapped_column("date", Date)
    note: Mapped[str | None] = mapped_column(Text)

    submission: Mapped[Submission] = relationship(lazy="raise", back_populates="values")


class EvidenceFile(Base):
    """Metadata of a file attached to a value; the bytes live in the evidence folder under ``storage_key``."""

    __tablename__ = "evidence_files"
    id: Mapped[int] = mapped_column(primary_key=True)
    value_id: Mapped[int] = mapped_column(ForeignKey("submission_values.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(128), unique=True)
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime]


class Score(Base):
    """The stored score of one unit in one period: always fresh, frozen when the period is locked."""

    __tablename__ = "scores"
    __table_args__ = (
        UniqueConstraint("period_id", "unit_id"),
        Index("ix_scores_period_group", "period_id", "group_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("emulation_groups.id"), index=True)
    scheme_code: Mapped[str] = mapped_column(String(64))
    # Exact totals as "p/q" strings (scoring is exact); the rendered JSON carries display values.
    total: Mapped[str] = mapped_column(String(64))
    kl_score: Mapped[str | None] = mapped_column(String(64))
    tier: Mapped[str] = mapped_column(String(32))
    final_tier: Mapped[str] = mapped_column(String(32))
    rank: Mapped[int | None] = mapped_column(Integer)
    # api.domain.RankStatus: whether the unit can be ranked, and if not why; rank is None unless ranked.
    rank_status: Mapped[str] = mapped_column(String(16), server_default="not_submitted")
    quota_applied: Mapped[bool] = mapped_column(Boolean, default=False)
    submission_status: Mapped[str | None] = mapped_column(String(16))
    first_submitted_at: Mapped[datetime | None]
    pillars: Mapped[dict[str, Any]]
    # NULL after a deferred recompute until its explanations are built (``api.services.scoring``, EXPLAIN);
    # a reader then builds it from the same inputs (``scoring.explanations``).
    explanation: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    # Also inside the explanation; a column so that rankings never load explanations.
    veto_failed: Mapped[list[Any]] = mapped_column(JSON, server_default="[]")
    # Hash of the stored content: a bulk recompute skips rows whose new result is identical.
    fingerprint: Mapped[str] = mapped_column(String(32), server_default="")
    computed_at: Mapped[datetime]  # when the stored content last changed
    frozen: Mapped[bool] = mapped_column(Boolean, default=False)


class Role(Base):
    """The target of ``users.role``'s foreign key: the database itself refuses an unknown role. Its rows
    are the codes of ``api.domain.permissions.Role`` (tests/db/test_roles_table.py), which says what each
    role may do; nothing else reads this table."""

    __tablename__ = "roles"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    # The full name folded for searching (api/domain/search.py), kept by the validator below.
    search_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(ForeignKey("roles.code"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    # Set while the account awaits activation (no password yet): the SHA-256 of its one-time code.
    activation_hash: Mapped[str | None] = mapped_column(String(64))
    activation_expires_at: Mapped[datetime | None]

    unit: Mapped[Unit | None] = relationship(lazy="raise")

    @validates("full_name")
    def _fold_full_name(self, _key: str, full_name: str) -> str:
        """Every way a full name is set (the form, an import, the seed, the CLI) folds it for searching."""
        self.search_name = fold(full_name)
        return full_name


class UserSession(Base):
    """A signed-in browser: the cookie holds a random id, the table only its SHA-256."""

    __tablename__ = "user_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class LoginFailure(Base):
    """One refused sign-in, keyed by account or by client address; kept in the database so every
    server process sees the same count when throttling."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(160))
    at: Mapped[datetime]


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[Any]]
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    # Refused from this instant on.
    expires_at: Mapped[datetime]


class AuditEntry(Base):
    """Append-only: rows are inserted in the transaction of the change and never updated or deleted."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str] = mapped_column(String(128), index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
    client_address: Mapped[str | None] = mapped_column(String(64))
