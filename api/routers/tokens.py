"""API tokens for scripts and other systems: the secret is shown once, only its SHA-256 is stored."""

from fastapi import APIRouter

from api.routers.deps import AppSettings, CurrentPrincipal, DbSession, RowId
from api.schemas.auth import TokenCreated, TokenIn, TokenOut, TokenScopeOut
from api.services import accounts

router = APIRouter(prefix="/tokens", tags=["tokens"])


@router.get("", response_model=list[TokenOut])
def list_tokens(session: DbSession, principal: CurrentPrincipal) -> list[TokenOut]:
    return [TokenOut.model_validate(t, from_attributes=True) for t in accounts.list_tokens(session, principal)]


@router.get("/scopes", response_model=list[TokenScopeOut])
def scopes(principal: CurrentPrincipal) -> list[TokenScopeOut]:
    """Các phạm vi một mã truy cập có thể có; `available`: vai trò của tài khoản cho phép cấp."""
    return [TokenScopeOut.model_validate(scope) for scope in accounts.token_scopes(principal)]


@router.post("", response_model=TokenCreated, status_code=201)
def create_token(
    body: TokenIn, session: DbSession, principal: CurrentPrincipal, settings: AppSettings
) -> TokenCreated:
    """Tạo mã truy cập; hết hạn sau `expires_in_days` ngày (mặc định theo cấu hình, 365 ngày)."""
    days = body.expires_in_days or settings.token_days
    token, secret = accounts.create_token(session, principal, body.name, body.scopes, days)
    return TokenCreated(**TokenOut.model_validate(token, from_attributes=True).model_dump(), token=secret)


@router.delete("/{token_id}", status_code=204)
def revoke_token(token_id: RowId, session: DbSession, principal: CurrentPrincipal) -> None:
    accounts.revoke_token(session, principal, token_id)
