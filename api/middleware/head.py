"""HEAD wherever GET exists: a HEAD request is answered as its GET would be, headers only (ETag,
X-Total-Count, Content-Length...), without declaring a second operation per route."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest of the body follows; only the last (empty) message is sent
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app(scope | {"method": "GET"}, receive, headers_only)
