"""Account administration (admins)."""

from fastapi import APIRouter

from api.routers.deps import CurrentPrincipal, DbSession
from api.schemas.auth import ActivationCodeOut, UnitRef, UserIn, UserOut, UserPatch
from api.schemas.common import ActiveFilter, RoleFilter, SearchText, UserSortQuery, problem_responses
from api.services import accounts

router = APIRouter(prefix="/users", tags=["users"])


def user_out(user, unit) -> UserOut:
    return UserOut(
        username=user.username, full_name=user.full_name, role=user.role, active=user.active,
        activation_pending=user.activation_hash is not None,
        unit=UnitRef(code=unit.code, name=unit.name, kind=unit.kind) if unit else None,
    )


@router.get("", response_model=list[UserOut])
def list_users(
    session: DbSession, principal: CurrentPrincipal, q: SearchText = None,
    role: RoleFilter = None,
    active: ActiveFilter = None,
    sort: UserSortQuery = None,
) -> list[UserOut]:
    """Every account (admins): `q` finds a full name, user name, or unit name or code without diacritics."""
    return [user_out(u, unit) for u, unit in accounts.list_users(session, principal, q=q, role=role, active=active,
                                                                  sort=sort)]


@router.post("", response_model=UserOut, status_code=201)
def create_user(body: UserIn, session: DbSession, principal: CurrentPrincipal) -> UserOut:
    return user_out(*accounts.create_user(
        session, principal, username=body.username, full_name=body.full_name, password=body.password,
        role=body.role, unit_code=body.unit,
    ))


@router.patch("/{username}", response_model=UserOut)
def update_user(username: str, body: UserPatch, session: DbSession, principal: CurrentPrincipal) -> UserOut:
    return user_out(*accounts.update_user(session, principal, username, body.model_dump(exclude_unset=True)))


@router.post("/{username}/activation", response_model=ActivationCodeOut, status_code=201,
             responses=problem_responses(409))
def issue_activation(username: str, session: DbSession, principal: CurrentPrincipal) -> ActivationCodeOut:
    """Cấp mã kích hoạt mới cho tài khoản chưa kích hoạt (mã cũ hết hiệu lực); mã chỉ hiển thị một lần."""
    issued = accounts.issue_activation(session, principal, username)
    return ActivationCodeOut(username=issued.username, code=issued.code, expires_at=issued.expires_at)
