"""Security headers on every response: a strict CSP for the SPA, no sniffing, no framing."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The SPA is built by Vite into same-origin files: no inline scripts, no third-party origins.
SPA_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# The API docs page (Swagger UI, served from the server itself; off in production) starts with an inline script.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'"
)
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def _raw(policy: str) -> tuple[tuple[bytes, bytes], ...]:
    headers = {**COMMON_HEADERS, "Content-Security-Policy": policy}
    return tuple((name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items())


_SPA_HEADERS, _DOCS_HEADERS = _raw(SPA_POLICY), _raw(DOCS_POLICY)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, docs_prefix: str | None = None) -> None:
        self.app = app
        self.docs_prefix = docs_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = bool(self.docs_prefix) and scope["path"].startswith(self.docs_prefix)
        added = _DOCS_HEADERS if is_docs else _SPA_HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Raw (lower-case) names, as ASGI gives them: a header the response set itself is kept.
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                message["headers"] = headers + [header for header in added if header[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)
