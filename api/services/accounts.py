"""Accounts: sign-in sessions, API tokens and user administration."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from api import clock
from api.db.loop_reads import LoopConnection
from api.db.models import ApiToken, Unit, User, UserSession
from api.db.repositories import audit, callers, units, users
from api.db.repositories.callers import Caller
from api.domain import text
from api.domain.periods import VIETNAM
from api.domain.permissions import needs_unit
from api.services.access import ROLES, SCOPES, Credential, Principal
from api.services.errors import Conflict, FieldProblem, Forbidden, Invalid, NotFound, Unauthenticated
from api.services.security import TOKEN_PREFIX, digest, hash_password, new_secret, verify_password

# Verifying against a real hash when the user does not exist keeps the response time the same.
_DUMMY_HASH = hash_password("not a password")


@dataclass(frozen=True)
class SignedIn:
    session_id: str
    csrf_token: str


def authenticate(session: Session, username: str, password: str) -> int:
    """The user id for a correct password. Run it on a read session: the slow argon2 check must not hold
    SQLite's write lock, or every sign-in queues behind the others."""
    user = users.by_username(session, username)
    valid = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    if not (user and user.active and valid):
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


def list_users(session: Session, principal: Principal) -> list[tuple[User, Unit | None]]:
    principal.require("users:write")
    return users.all_with_units(session)


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
    user = users.add(session, User(
        username=username, full_name=full_name, password_hash=hash_password(password), role=role,
        unit_id=unit.id if unit else None, active=True, created_at=clock.now(),
    ))
    audit.record(session, actor=principal.username if principal else "cli", action="user.create", entity="user",
                 entity_key=username, after=_snapshot(user, unit))
    return user, unit


def _keep_an_active_admin(session: Session, user: User) -> None:
    """Refuse (409) to disable or demote the last active administrator: nobody could manage accounts."""
    if not set(users.lock_active_admins(session)) - {user.id}:
        raise Conflict("Không thể vô hiệu hóa hoặc đổi vai trò của quản trị viên cuối cùng còn hoạt động.")


def update_user(session: Session, principal: Principal, username: str, changes: dict) -> tuple[User, Unit | None]:
    principal.require("users:write")
    user = users.by_username(session, username)
    if user is None:
        raise NotFound("Không tìm thấy tài khoản.")
    found = users.with_unit(session, user.id)
    before = _snapshot(*found)
    role = changes.get("role") or user.role
    unit_code = changes["unit"] if "unit" in changes else (found[1].code if found[1] else None)
    unit = _unit_for(session, role, unit_code)
    user.role, user.unit_id = role, unit.id if unit else None
    if changes.get("full_name"):
        user.full_name = changes["full_name"]
    if changes.get("password"):
        user.password_hash = hash_password(changes["password"])
    if changes.get("active") is not None:
        user.active = changes["active"]
    if before["role"] == "admin" and before["active"] and (user.role != "admin" or not user.active):
        _keep_an_active_admin(session, user)
    if changes.get("password") or user.active is False:
        # A new password or a disabled account ends every signed-in browser of that user.
        users.delete_sessions_of(session, user.id)
    session.flush()
    audit.record(session, actor=principal.username, action="user.update", entity="user", entity_key=username,
                 before=before, after=_snapshot(user, unit))
    return user, unit
