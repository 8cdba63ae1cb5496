"""Accounts: sign-in sessions, API tokens and user administration."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy.orm import Session

from api import clock
from api.db.loop_reads import LoopConnection
from api.db.models import ApiToken, Unit, User, UserSession
from api.db.repositories import audit, callers, units, users
from api.db.repositories.callers import Caller
from api.domain import text
from api.domain.periods import VIETNAM
from api.domain.permissions import (
    ACCOUNT_MANAGERS,
    SCOPE_INCLUDES,
    Role,
    manages_accounts,
    needs_unit,
    scopes_beyond,
)
from api.domain.search import UserSort
from api.services.access import ROLES, SCOPES, Credential, Principal
from api.services.errors import Conflict, FieldProblem, Forbidden, Invalid, NotFound, Unauthenticated
from api.services.security import TOKEN_PREFIX, digest, hash_password, new_secret, verify_password

# The password of an account awaiting activation: no argon2 hash, so no password verifies against it.
NO_PASSWORD = "!"
ACTIVATION_DAYS = 14
ACTIVATION_REFUSED = "Mã kích hoạt không đúng, đã được dùng hoặc đã hết hạn."


@cache
def _dummy_hash() -> str:
    """Verifying against a real hash when the user does not exist keeps the response time the same. Made
    on first use, not at import: every CLI command and server start would pay an argon2 hash for it."""
    return hash_password("not a password")


@dataclass(frozen=True)
class SignedIn:
    session_id: str
    csrf_token: str


def authenticate(session: Session, username: str, password: str) -> int:
    """The user id for a correct password. Run it on a read session: the slow argon2 check must not hold
    SQLite's write lock, or every sign-in queues behind the others."""
    user = users.by_username(session, username)
    valid = verify_password(user.password_hash if user else _dummy_hash(), password)
    if not (user and user.active and user.activation_hash is None and valid):
        raise Unauthenticated("Tên đăng nhập hoặc mật khẩu không đúng.")
    return user.id


def open_session(session: Session, user_id: int, session_hours: int) -> SignedIn:
    session_id, csrf = new_secret(), new_secret()
    now = clock.now()
    opened = users.add(session, UserSession(
        token_hash=digest(session_id), csrf_token=csrf, user_id=user_id, created_at=now,
        expires_at=now + timedelta(hours=session_hours),
    ))
    username = session.get(User, user_id).username
    audit.record(session, actor=username, action="session.open", entity="user", entity_key=username,
                 after={"expires_at": opened.expires_at.isoformat()})
    return SignedIn(session_id, csrf)


def logout(session: Session, session_id: str) -> None:
    found = users.session_user(session, digest(session_id), clock.now())
    users.delete_session(session, digest(session_id))
    if found:
        username = found.username
        audit.record(session, actor=username, action="session.close", entity="user", entity_key=username)


def principal_from_session(session: Session, session_id: str) -> tuple[Principal, str] | None:
    """The principal and the session's CSRF token, or None if the cookie is unknown or expired."""
    found = users.session_user(session, digest(session_id), clock.now())
    if not found:
        return None
    return Principal(found.id, found.username, found.role, found.unit_id), found.csrf_token


def principal_of(found: Caller) -> Principal:
    return Principal(found.user_id, found.username, found.role, found.unit_id,
                     None if found.scopes is None else frozenset(found.scopes))


async def polled_principal(reads: LoopConnection, credential: Credential) -> tuple[Principal, str | None] | None:
    """The caller and its session's CSRF token, read on the event loop; None when the credential is not
    valid now or the read could not run (the database path then says which)."""
    found = await callers.caller(reads, credential.kind, digest(credential.secret), clock.now())
    return (principal_of(found), found.csrf_token) if found is not None else None


def principal_from_token(session: Session, token: str) -> Principal | None:
    """The token's principal; None for an unknown or revoked token; 401 for an expired one."""
    found = users.token_user(session, digest(token))
    if not found:
        return None
    if found.expires_at <= clock.now():
        expired = found.expires_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
        raise Unauthenticated(f"Mã truy cập đã hết hạn lúc {expired}; hãy tạo mã mới.")
    return Principal(found.id, found.username, found.role, found.unit_id, frozenset(found.scopes))


def me(session: Session, principal: Principal) -> tuple[User, Unit | None]:
    found = users.with_unit(session, principal.user_id)
    if not found:
        raise Unauthenticated("Phiên đăng nhập không còn hiệu lực.")
    return found


def _require_signed_in(principal: Principal) -> None:
    """Tokens are managed from a signed-in browser session only: a token cannot mint a longer-lived or
    broader one, list its owner's tokens or revoke them, whatever its scopes (no scope grants this)."""
    if principal.scopes is not None:
        raise Forbidden("Mã truy cập không thể tạo, xem hay thu hồi mã truy cập; hãy đăng nhập để quản lý mã.")


def create_token(
    session: Session, principal: Principal, name: str, scopes: list[str], expires_in_days: int
) -> tuple[ApiToken, str]:
    """A new token valid for `expires_in_days` days (the router supplies the configured default)."""
    _require_signed_in(principal)
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise Invalid("Phạm vi không hợp lệ.", [FieldProblem(["body", "scopes"], f"Phạm vi không tồn tại: {', '.join(unknown)}.")])
    beyond = scopes_beyond(principal.role, frozenset(scopes))
    if beyond:
        raise Invalid(f"Vai trò của tài khoản không có quyền {', '.join(beyond)}: mã truy cập không thể có phạm vi này.", [
            FieldProblem(["body", "scopes", scopes.index(scope)], f"Vai trò của tài khoản không có quyền {scope}.")
            for scope in beyond
        ])
    secret = new_secret(TOKEN_PREFIX)
    now = clock.now()
    token = users.add(session, ApiToken(
        user_id=principal.user_id, name=name, prefix=secret[:10], token_hash=digest(secret),
        scopes=sorted(set(scopes)), created_at=now, revoked_at=None,
        expires_at=now + timedelta(days=expires_in_days),
    ))
    audit.record(session, actor=principal.username, action="token.create", entity="token",
                 entity_key=str(token.id),
                 after={"name": name, "scopes": token.scopes, "expires_at": token.expires_at.isoformat()})
    return token, secret


def token_scopes(principal: Principal) -> list[dict]:
    """Every scope a token can have, what it includes, and whether the caller's role may grant it."""
    _require_signed_in(principal)
    return [{"scope": scope, "includes": sorted(SCOPE_INCLUDES.get(scope, ())),  # type: ignore[call-overload]
             "available": not scopes_beyond(principal.role, frozenset({scope}))} for scope in SCOPES]


def list_tokens(session: Session, principal: Principal) -> list[ApiToken]:
    _require_signed_in(principal)
    return users.tokens_of(session, principal.user_id)


def revoke_token(session: Session, principal: Principal, token_id: int) -> None:
    _require_signed_in(principal)
    token = users.token_by_id(session, token_id)
    if token is None or token.user_id != principal.user_id:
        raise NotFound("Không tìm thấy mã truy cập.")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        session.flush()
        audit.record(session, actor=principal.username, action="token.revoke", entity="token",
                     entity_key=str(token.id))


def list_users(session: Session, principal: Principal, *, q: str | None = None, role: Role | None = None,
               active: bool | None = None, sort: UserSort | None = None) -> list[tuple[User, Unit | None]]:
    """The accounts with their units, by user name unless ``sort`` says otherwise; ``q`` finds a full name,
    user name, or unit name or code, case and diacritics ignored (``users.search``, in SQL)."""
    principal.require("users:write")
    return users.search(session, q=q, role=role, active=active, sort=sort)


def _unit_for(session: Session, role: str, unit_code: str | None) -> Unit | None:
    if role not in ROLES:
        raise Invalid("Vai trò không hợp lệ.", [FieldProblem(["body", "role"], "Vai trò không tồn tại.")])
    unit = units.by_code(session, text.code(unit_code)) if unit_code else None
    if unit_code and unit is None:
        raise Invalid("Đơn vị không tồn tại.", [FieldProblem(["body", "unit"], "Không có đơn vị với mã này.")])
    if needs_unit(role) and unit is None:
        raise Invalid("Cán bộ báo cáo phải thuộc một đơn vị.", [FieldProblem(["body", "unit"], "Bắt buộc với vai trò báo cáo.")])
    return unit


def _snapshot(user: User, unit: Unit | None) -> dict:
    return {"full_name": user.full_name, "role": user.role, "unit": unit.code if unit else None, "active": user.active}


def create_user(
    session: Session, principal: Principal | None, *, username: str, full_name: str, password: str, role: str,
    unit_code: str | None,
) -> tuple[User, Unit | None]:
    """Create an account; ``principal`` None means the command line (the operator of the server)."""
    if principal is not None:
        principal.require("users:write")
    username = text.username(username)
    if users.username_taken(session, username):
        raise Invalid("Tên đăng nhập đã tồn tại.", [FieldProblem(["body", "username"], "Tên đăng nhập đã tồn tại.")])
    unit = _unit_for(session, role, unit_code)
    new = NewUser(username, full_name, role, unit, hash_password(password))
    return add_users(session, principal.username if principal else "cli", [new])[0][0], unit


def update_user(session: Session, principal: Principal, username: str, changes: dict) -> tuple[User, Unit | None]:
    principal.require("users:write")
    user = users.by_username(session, username)
    if user is None:
        raise NotFound("Không tìm thấy tài khoản.")
    found = users.with_unit(session, user.id)
    role = changes.get("role") or user.role
    unit_code = changes["unit"] if "unit" in changes else (found[1].code if found[1] else None)
    unit = _unit_for(session, role, unit_code)
    password_hash = hash_password(changes["password"]) if changes.get("password") else None
    change_users(session, principal.username, [UserChange(user, _snapshot(*found), changes.get("full_name"), role,
                                                          unit, password_hash, changes.get("active"))])  # fmt: skip
    return user, unit


@dataclass(frozen=True, slots=True)
class NewUser:
    """An account to create whose name is free, role known and unit found (its password hashed; None:
    the account gets an activation code instead, and signs in once its owner has chosen a password)."""

    username: str
    full_name: str
    role: str
    unit: Unit | None
    password_hash: str | None


@dataclass(frozen=True, slots=True)
class ActivationCode:
    """A one-time code its account's owner activates the account with; shown once, stored as SHA-256."""

    username: str
    code: str
    expires_at: datetime


def _new_activation(user: User) -> ActivationCode:
    """Give ``user`` a fresh activation code, replacing any earlier one. The code is 256 random bits: a
    secret that cannot be guessed needs no slow hash (argon2 protects guessable passwords), so its
    SHA-256 is stored and checking it costs nothing, which lets an import create thousands of accounts
    in seconds."""
    code = new_secret()
    user.activation_hash, user.activation_expires_at = digest(code), clock.now() + timedelta(days=ACTIVATION_DAYS)
    return ActivationCode(user.username, code, user.activation_expires_at)


@dataclass(frozen=True, slots=True)
class UserChange:
    """A checked change of an account: ``before`` is its audit snapshot; None keeps a field."""

    user: User
    before: dict
    full_name: str | None
    role: str
    unit: Unit | None
    password_hash: str | None
    active: bool | None = None


def add_users(session: Session, actor: str, new: Sequence[NewUser]) -> tuple[list[User], list[ActivationCode]]:
    """Create checked accounts together (the form one, an import thousands), one audit entry each; those
    without a password get an activation code (returned once)."""
    now = clock.now()
    made = [User(username=row.username, full_name=row.full_name, password_hash=row.password_hash or NO_PASSWORD,
                 role=row.role, unit_id=row.unit.id if row.unit else None, active=True, created_at=now)
            for row in new]  # fmt: skip
    codes = [_new_activation(user) for user, row in zip(made, new, strict=True) if row.password_hash is None]
    session.add_all(made)
    session.flush()
    audit.record_many(session, actor=actor, action="user.create", entity="user",
                      changes=[(user.username, None, _snapshot(user, row.unit)) for user, row in zip(made, new, strict=True)])
    return made, codes


def change_users(session: Session, actor: str, changes: Sequence[UserChange]) -> None:
    """Apply checked changes of accounts, audited. Refused (409) when no active administrator would be
    left: nobody could manage accounts. A new password or a disabled account ends its sessions."""
    stepping_down = {row.user.id for row in changes if manages_accounts(row.before["role"]) and row.before["active"]
                     and (not manages_accounts(row.role) or row.active is False)}  # fmt: skip
    if stepping_down and not set(users.lock_active(session, ACCOUNT_MANAGERS)) - stepping_down:
        raise Conflict("Không thể vô hiệu hóa hoặc đổi vai trò của quản trị viên cuối cùng còn hoạt động.")
    for row in changes:
        user = row.user
        user.role, user.unit_id = row.role, row.unit.id if row.unit else None
        user.full_name = row.full_name or user.full_name
        user.password_hash = row.password_hash or user.password_hash
        if row.active is not None:
            user.active = row.active
        if row.password_hash:  # a password set by an administrator activates the account
            user.activation_hash = user.activation_expires_at = None
        if row.password_hash or user.active is False:
            users.delete_sessions_of(session, user.id)
    session.flush()
    audit.record_many(session, actor=actor, action="user.update", entity="user",
                      changes=[(row.user.username, row.before, _snapshot(row.user, row.unit)) for row in changes])


def issue_activation(session: Session, principal: Principal, username: str) -> ActivationCode:
    """A new activation code for an account not yet activated (its earlier code stops working), audited."""
    principal.require("users:write")
    user = users.by_username(session, text.username(username))
    if user is None:
        raise NotFound("Không tìm thấy tài khoản.")
    if user.activation_hash is None:
        raise Conflict("Tài khoản đã được kích hoạt; hãy đặt lại mật khẩu trong mục sửa tài khoản.")
    issued = _new_activation(user)
    session.flush()
    audit.record(session, actor=principal.username, action="user.activation_issue", entity="user",
                 entity_key=user.username, after={"expires_at": issued.expires_at.isoformat()})
    return issued


def check_activation(session: Session, username: str, code: str) -> None:
    """Refuse a wrong, used or expired code before the slow hashing of the new password; the same refusal
    for an unknown account, so that it tells nothing about which accounts exist. Cheap: a read."""
    if not users.activation_matches(session, text.username(username), digest(code), clock.now()):
        raise Invalid(ACTIVATION_REFUSED, [FieldProblem(["body", "code"], ACTIVATION_REFUSED)])


def activate(session: Session, username: str, code: str, password_hash: str) -> None:
    """Set the first password of an account awaiting activation and consume its code, audited. One
    conditional update: of two attempts with the same code, one wins, the other is refused."""
    username = text.username(username)
    if not users.consume_activation(session, username, digest(code), clock.now(), password_hash):
        raise Invalid(ACTIVATION_REFUSED, [FieldProblem(["body", "code"], ACTIVATION_REFUSED)])
    audit.record(session, actor=username, action="user.activate", entity="user", entity_key=username)
