"""Who may do what: roles grant permissions, API tokens narrow them to their scopes, reporters to their unit."""

from dataclasses import dataclass
from typing import Literal, NamedTuple

from api.services.errors import Forbidden, NotFound

READ = frozenset({"units:read", "catalog:read", "periods:read", "scores:read"})
OVERSIGHT = READ | {"submissions:read", "status:read"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": OVERSIGHT | {"units:write", "periods:write", "users:write", "audit:read"},
    "reviewer": OVERSIGHT | {"submissions:review", "scores:preview", "schemes:write"},
    "reporter": READ | {"submissions:read", "values:write", "scores:preview"},
    "leader": OVERSIGHT,
    "home_affairs": OVERSIGHT,
    "api_client": READ,
}
ROLES = tuple(ROLE_PERMISSIONS)
SCOPES = tuple(sorted(set().union(*ROLE_PERMISSIONS.values())))
# Roles that read every unit's submissions; a reporter reads only their own unit's.
ALL_UNITS_ROLES = frozenset({"admin", "reviewer", "leader", "home_affairs"})


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
        granted = ROLE_PERMISSIONS.get(self.role, frozenset())
        return granted if self.scopes is None else granted & self.scopes

    def has_role(self, roles: frozenset[str]) -> bool:
        """For features granted by role alone: an API token never qualifies, it reaches only its scopes."""
        return self.scopes is None and self.role in roles

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise Forbidden("Tài khoản không có quyền thực hiện thao tác này.")

    def sees_unit(self, unit_id: int) -> bool:
        """Whether this principal may see the submission data of ``unit_id``."""
        return self.role in ALL_UNITS_ROLES or (self.unit_id is not None and self.unit_id == unit_id)

    @property
    def score_detail_units(self) -> list[int] | None:
        """The units whose explained scores (each indicator's value and points) this principal reads:
        None for every unit; a reporter only its own, by session or token, on every route and file."""
        if self.role != "reporter":
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
