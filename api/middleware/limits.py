"""A cap on request bodies, checked before any route reads them: 413 instead of filling memory or disk."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.services.errors import PROBLEM_JSON, problem_bytes

TOO_LARGE = problem_bytes(413, "Yêu cầu quá lớn", "Dung lượng dữ liệu gửi lên vượt quá giới hạn cho phép.")


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a streamed body passes the cap."""


class BodySizeLimitMiddleware:
    """``max_bytes`` for ordinary bodies; ``upload_limits`` maps path prefixes of file uploads to theirs."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_limits: dict[str, int] | None = None) -> None:
        self.app = app
        self.default = max_bytes
        self.upload_limits = upload_limits or {}

    def limit_for(self, path: str) -> int:
        return next(
            (limit for prefix, limit in self.upload_limits.items() if path.startswith(prefix)), self.default
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is None and b"transfer-encoding" not in headers:
            await self.app(scope, receive, send)  # no body at all (RFC 9112, 6.3): nothing to count
            return
        max_bytes = self.limit_for(scope["path"])
        if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
            await _refuse(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _refuse(send)


async def _refuse(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(TOO_LARGE)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": TOO_LARGE})
