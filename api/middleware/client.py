"""Who is calling from where: the client address of the current request, for the audit log."""

from contextvars import ContextVar

from starlette.types import ASGIApp, Receive, Scope, Send

# Read by the audit log; None outside a request (command line, background jobs).
client_address: ContextVar[str | None] = ContextVar("client_address", default=None)


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
