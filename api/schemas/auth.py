from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.domain import text
from api.schemas.common import InputModel
from api.schemas.enums import Permission, Role, TokenScope, UnitKind


class LoginIn(InputModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class UnitRef(BaseModel):
    code: str
    name: str
    kind: UnitKind


class Me(BaseModel):
    username: str
    full_name: str
    role: Role
    unit: UnitRef | None
    permissions: list[Permission]


class TokenIn(InputModel):
    name: str = Field(min_length=1, max_length=255)
    scopes: list[TokenScope] = Field(min_length=1)
    expires_in_days: int | None = Field(
        default=None, ge=1, le=3650,
        description="Số ngày hiệu lực (1-3650); bỏ trống: mặc định của hệ thống (365 ngày)",
    )


class TokenOut(BaseModel):
    id: int
    name: str
    prefix: str
    scopes: list[TokenScope]
    created_at: datetime
    revoked_at: datetime | None
    expires_at: datetime = Field(description="Hết hạn lúc (UTC)")


class TokenScopeOut(BaseModel):
    scope: TokenScope
    includes: list[Permission] = Field(description="Quyền đi kèm phạm vi (scores:read đọc cả kỳ, đơn vị, chỉ tiêu)")
    available: bool = Field(description="Vai trò của tài khoản có quyền này, nên mã truy cập được cấp phạm vi này")


class TokenCreated(TokenOut):
    token: str  # shown once


class UserIn(InputModel):
    username: str = Field(min_length=2, max_length=64, pattern=r"^[a-z0-9_.-]+$")
    full_name: str = Field(min_length=1, max_length=255)
    password: str = Field(min_length=8, max_length=256)
    role: Role
    unit: str | None = None

    @field_validator("username", mode="before")
    @classmethod
    def _normalized_username(cls, value: object) -> object:
        """One spelling per user name (``api.domain.text.username``): "Admin" is admin."""
        return text.username(value) if isinstance(value, str) else value


class UserPatch(InputModel):
    full_name: str | None = Field(default=None, min_length=1, max_length=255)
    password: str | None = Field(default=None, min_length=8, max_length=256)
    role: Role | None = None
    unit: str | None = None
    active: bool | None = None


class UserOut(BaseModel):
    username: str
    full_name: str
    role: Role
    unit: UnitRef | None
    active: bool
    activation_pending: bool = Field(
        description="Chưa kích hoạt: tài khoản chưa có mật khẩu, chờ người dùng kích hoạt bằng mã kích hoạt"
    )


class ActivationCodeOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "username": "canbo.moi", "code": "Jb3c8t0yq2m6Kx4aP1vZrW9sLd5nHe7gUo0iTf2QyXc",
        "expires_at": "2026-12-20T08:00:00Z",
    }]})

    username: str
    code: str = Field(description="Mã kích hoạt dùng một lần; chỉ hiển thị một lần")
    expires_at: datetime = Field(description="Hết hạn lúc (UTC), 14 ngày sau khi cấp")


class AccountActivateIn(InputModel):
    username: str = Field(min_length=1, max_length=64)
    code: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=8, max_length=256, description="Mật khẩu mới, 8-256 ký tự")
