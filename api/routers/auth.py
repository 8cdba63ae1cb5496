"""Sign-in for the SPA: a server-side session in an HttpOnly cookie, CSRF by double submit."""

from fastapi import APIRouter, Request, Response

from api.routers.deps import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    AppSettings,
    CurrentPrincipal,
    DbSession,
    ReadSession,
)
from api.schemas.auth import AccountActivateIn, LoginIn, Me, UnitRef
from api.schemas.common import problem_responses
from api.services import accounts, transaction
from api.services.access import Principal
from api.services.errors import Invalid, Unauthenticated
from api.services.security import hash_password
from api.services.throttle import LoginThrottle

router = APIRouter(prefix="/auth", tags=["auth"])


def me_out(session, principal: Principal) -> Me:
    user, unit = accounts.me(session, principal)
    return Me(
        username=user.username, full_name=user.full_name, role=user.role,
        unit=UnitRef(code=unit.code, name=unit.name, kind=unit.kind) if unit else None,
        permissions=sorted(principal.permissions),
    )


@router.post("/login", response_model=Me, responses=problem_responses(401, 422, 429))
def login(
    body: LoginIn, request: Request, response: Response, session: DbSession, checks: ReadSession,
    settings: AppSettings,
) -> Me:
    throttle = LoginThrottle.from_settings(request.app.state.write_sessions, settings)
    address = request.client.host if request.client else None
    throttle.check(checks, body.username, address)
    try:
        user_id = accounts.authenticate(checks, body.username, body.password)
    except Unauthenticated:
        transaction.rollback(checks)
        throttle.failed(body.username, address)
        raise
    transaction.rollback(checks)
    signed_in = accounts.open_session(session, user_id, settings.session_hours)
    throttle.succeeded(session, body.username, address)
    max_age = settings.session_hours * 3600
    response.set_cookie(SESSION_COOKIE, signed_in.session_id, max_age=max_age, httponly=True, samesite="strict",
                        secure=settings.cookie_secure, path="/")
    response.set_cookie(CSRF_COOKIE, signed_in.csrf_token, max_age=max_age, httponly=False, samesite="strict",
                        secure=settings.cookie_secure, path="/")
    principal = accounts.principal_from_session(session, signed_in.session_id)[0]
    return me_out(session, principal)


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, session: DbSession, _principal: CurrentPrincipal) -> None:
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        accounts.logout(session, session_id)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


@router.get("/me", response_model=Me)
def me(session: DbSession, principal: CurrentPrincipal) -> Me:
    return me_out(session, principal)


@router.post("/activate", status_code=204, responses=problem_responses(422, 429))
def activate(body: AccountActivateIn, request: Request, session: DbSession, checks: ReadSession, settings: AppSettings) -> None:
    """Kích hoạt tài khoản bằng mã kích hoạt (dùng một lần, 14 ngày) và đặt mật khẩu; sau đó đăng nhập.
    Hạn chế số lần thử sai như đăng nhập."""
    throttle = LoginThrottle.from_settings(request.app.state.write_sessions, settings)
    address = request.client.host if request.client else None
    throttle.check(checks, body.username, address)
    try:
        accounts.check_activation(checks, body.username, body.code)
        transaction.rollback(checks)
        # The slow argon2 hash outside any transaction: SQLite's write lock is not held meanwhile.
        password_hash = hash_password(body.password)
        accounts.activate(session, body.username, body.code, password_hash)
    except Invalid:
        transaction.rollback(checks)
        transaction.rollback(session)
        throttle.failed(body.username, address, action="user.activation_refused")
        raise
    throttle.succeeded(session, body.username, address)
