"""Who is calling from where: the client address of the current request, for the audit log."""

from starlette.types import ASGIApp, Receive, Scope, Send

from api.db.repositories.audit import client_address


class ClientAddressMiddleware:
    """Expose the peer address (already resolved from X-Forwarded-For by uvicorn --proxy-headers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = client_address.set(client[0] if client else None)
        try:
            await self.app(scope, receive, send)
        finally:
            client_address.reset(token)
