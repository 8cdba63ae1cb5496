"""The caller of a request and what it may do, asked of the permission table (`api/domain/permissions.py`)."""

from dataclasses import dataclass
from typing import Literal, NamedTuple

from api.domain.inspections import InspectionReach
from api.domain.permissions import ROLES, TOKEN_SCOPES, granted, inspection_reach, reaches_all_units
from api.services.errors import Forbidden, NotFound

__all__ = ["ROLES", "SCOPES", "Credential", "Principal"]

SCOPES = tuple(sorted(TOKEN_SCOPES))


class Credential(NamedTuple):
    """What a request presents: an API token (``Authorization: Bearer``) or a browser session cookie."""

    kind: Literal["token", "session"]
    secret: str


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    role: str
    unit_id: int | None
    scopes: frozenset[str] | None = None  # None: a browser session with the full role

    @property
    def permissions(self) -> frozenset[str]:
        return granted(self.role, self.scopes)

    @property
    def reaches_all_units(self) -> bool:
        """False for a role confined to its own unit (a reporter), by session or token alike."""
        return reaches_all_units(self.role)

    @property
    def inspection_reach(self) -> InspectionReach | None:
        """Which units this principal inspects; None when it may not inspect at all."""
        may_inspect = self.can("inspections:write") or self.can("inspections:propose")
        return inspection_reach(self.role) if may_inspect else None

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    def require(self, permission: str) -> None:
        """403 naming the missing permission (``required_scope``), and for a token what would grant it."""
        if self.can(permission):
            return
        if self.scopes is None or permission not in granted(self.role):
            detail = f"Tài khoản không có quyền {permission}."
        elif permission in TOKEN_SCOPES:
            detail = f"Mã truy cập thiếu phạm vi {permission}: hãy tạo mã truy cập có phạm vi này."
        else:
            detail = f"Quyền {permission} chỉ dùng được khi đăng nhập, không qua mã truy cập."
        raise Forbidden(detail, required_scope=permission)

    def sees_unit(self, unit_id: int) -> bool:
        """Whether this principal may see the submission data of ``unit_id``."""
        return self.reaches_all_units or (self.unit_id is not None and self.unit_id == unit_id)

    @property
    def score_detail_units(self) -> list[int] | None:
        """The units whose explained scores (each indicator's value and points) this principal reads:
        None for every unit; a reporter only its own, by session or token, on every route and file."""
        if self.reaches_all_units:
            return None
        return [self.unit_id] if self.unit_id is not None else []

    def sees_score_detail(self, unit_id: int) -> bool:
        units = self.score_detail_units
        return units is None or unit_id in units

    def require_unit(self, permission: str, unit_id: int) -> None:
        """Refuse with 404, not 403, for other units: a reporter learns nothing about them."""
        self.require(permission)
        if not self.sees_unit(unit_id):
            raise NotFound("Không tìm thấy báo cáo của đơn vị này.")
