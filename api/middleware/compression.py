"""gzip for answers worth compressing (JSON, CSV over 1 KB) when the client asks; nothing in the way
of a client that does not ask: its requests go straight to the app, not through a pass-through wrapper."""

from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

MINIMUM_BYTES = 1024
# Office files are zip archives already; evidence files are sent as stored.
NOT_COMPRESSED = (
    *DEFAULT_EXCLUDED_CONTENT_TYPES,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/pdf",
    "application/octet-stream",
)


class CompressionMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # Level 6: a 100 KB ranking in about a millisecond, within a few per cent of level 9's size.
        self.gzip = GZipMiddleware(app, minimum_size=MINIMUM_BYTES, compresslevel=6,
                                   exclude_content_types=NOT_COMPRESSED)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The raw headers scanned, not parsed: this runs on every request, polls included.
        asks = scope["type"] == "http" and any(
            name == b"accept-encoding" and b"gzip" in value for name, value in scope["headers"]
        )
        await (self.gzip if asks else self.app)(scope, receive, send)
