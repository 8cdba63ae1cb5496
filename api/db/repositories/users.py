"""Users, browser sessions and API tokens."""

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from api.db.models import ApiToken, Unit, User, UserSession
from api.db.repositories import units
from api.db.repositories.rows import ordered
from api.domain.search import UserSort, fold


def by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def _awaiting(username: str, code_hash: str, now: datetime) -> tuple:
    """The active account ``username`` awaiting activation with this code, not expired."""
    return (User.username == username, User.active.is_(True), User.activation_hash == code_hash,
            User.activation_expires_at > now)


def activation_matches(session: Session, username: str, code_hash: str, now: datetime) -> bool:
    return session.scalar(select(User.id).where(*_awaiting(username, code_hash, now))) is not None


def consume_activation(session: Session, username: str, code_hash: str, now: datetime, password_hash: str) -> bool:
    """Set the password of the account :func:`activation_matches` and clear its code; whether one was
    (a concurrent activation with the same code may have consumed it first)."""
    done = session.execute(
        update(User).where(*_awaiting(username, code_hash, now))
        .values(password_hash=password_hash, activation_hash=None, activation_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    return done.rowcount == 1


def username_taken(session: Session, username: str) -> bool:
    """Whether an account has ``username`` in any letter case (user names are unique after normalisation)."""
    return session.scalar(select(User.id).where(func.lower(User.username) == username.lower()).limit(1)) is not None


def lock_active(session: Session, roles: Collection[str]) -> list[int]:
    """The ids of the active accounts of ``roles``, their rows locked (PostgreSQL) until the transaction
    ends, so two administrators disabling each other at once cannot both succeed."""
    query = select(User.id).where(User.role.in_(roles), User.active.is_(True)).order_by(User.id)
    if session.get_bind().dialect.name != "sqlite":
        query = query.with_for_update()
    return list(session.scalars(query))


def with_unit(session: Session, user_id: int) -> tuple[User, Unit | None] | None:
    row = session.execute(
        select(User, Unit).outerjoin(Unit, User.unit_id == Unit.id).where(User.id == user_id)
    ).first()
    return (row[0], row[1]) if row else None


def search(session: Session, *, q: str | None = None, role: str | None = None, active: bool | None = None,
           sort: UserSort | None = None) -> list[tuple[User, Unit | None]]:
    """The accounts with their units, by user name unless ``sort`` says otherwise. ``q`` finds a full name,
    user name, or unit name or code, ignoring case and diacritics, in SQL against the stored folded names
    (``api/domain/search.py``), so both engines answer alike; names sort folded."""
    conditions = []
    if role is not None:
        conditions.append(User.role == role)
    if active is not None:
        conditions.append(User.active.is_(active))
    if folded := fold(q or ""):
        conditions.append(or_(User.search_name.contains(folded, autoescape=True),
                              func.lower(User.username).contains(folded, autoescape=True),
                              units.matching(folded)))
    columns = {"username": User.username, "full_name": User.search_name, "role": User.role, "unit": Unit.search_name}
    rows = session.execute(select(User, Unit).outerjoin(Unit, User.unit_id == Unit.id).where(*conditions)
                           .order_by(*(ordered(columns, sort, User.username) if sort else (User.username,))))
    return [(user, unit) for user, unit in rows]


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj


def live_session(token_hash, now) -> list:
    """Conditions of a session that signs its user in (values or bind parameters)."""
    return [UserSession.token_hash == token_hash, UserSession.expires_at > now, User.active.is_(True)]


def unrevoked_token(token_hash) -> list:
    """Conditions of a token that is not revoked and whose user is active; expiry is checked apart,
    so that an expired token can be told from an unknown one."""
    return [ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None), User.active.is_(True)]


def session_user(session: Session, token_hash: str, now: datetime):
    """The signed-in user's columns and the session's CSRF token (a row, not ORM objects: every
    request asks this, and building entities cost more than the query)."""
    return session.execute(
        select(User.id, User.username, User.role, User.unit_id, UserSession.csrf_token)
        .join(User, UserSession.user_id == User.id)
        .where(*live_session(token_hash, now))
    ).first()


def delete_session(session: Session, token_hash: str) -> None:
    session.execute(delete(UserSession).where(UserSession.token_hash == token_hash))


def delete_sessions_of(session: Session, user_id: int) -> None:
    session.execute(delete(UserSession).where(UserSession.user_id == user_id))


def token_user(session: Session, token_hash: str):
    """The token owner's columns with the token's scopes and expiry (a row, like :func:`session_user`)."""
    return session.execute(
        select(User.id, User.username, User.role, User.unit_id, ApiToken.scopes, ApiToken.expires_at)
        .join(User, ApiToken.user_id == User.id)
        .where(*unrevoked_token(token_hash))
    ).first()


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)))


def token_by_id(session: Session, token_id: int) -> ApiToken | None:
    return session.get(ApiToken, token_id)
