"""Features granted by role alone (the standing body, oversight readers, Sở Nội vụ)."""

from api.services.access import Principal
from api.services.errors import Forbidden

STANDING_BODY = frozenset({"admin", "reviewer"})
OVERSIGHT = frozenset({"admin", "reviewer", "leader", "home_affairs"})
HOME_AFFAIRS = frozenset({"home_affairs", "admin"})


def require_role(principal: Principal, roles: frozenset[str]) -> None:
    if not principal.has_role(roles):
        raise Forbidden("Tài khoản không có quyền thực hiện thao tác này.")
