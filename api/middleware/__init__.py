"""HTTP around the app: security headers, CORS closed by default, body size cap, client address, the input
guard (control characters, huge integers, deep JSON), gzip when asked, HEAD wherever GET exists."""

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from api.middleware.client import ClientAddressMiddleware
from api.middleware.compression import CompressionMiddleware
from api.middleware.concurrency import ConcurrencyLimitMiddleware
from api.middleware.head import HeadAsGetMiddleware
from api.middleware.headers import SecurityHeadersMiddleware
from api.middleware.inputs import InputGuardMiddleware
from api.middleware.limits import BodySizeLimitMiddleware
from api.settings import Settings

# What a client on another origin needs to read: versions, pages, throttling, replays, file names.
EXPOSED_HEADERS = ["ETag", "Link", "X-Total-Count", "Retry-After", "Idempotent-Replayed", "Content-Disposition"]


def install(app: FastAPI, settings: Settings, docs_prefix: str | None) -> None:
    """Add the middleware; the last added runs first, so the size cap sees the request before anything else."""
    # Innermost: control characters, huge integers and deep JSON are refused (422) just before routing,
    # inside the security headers and after the body size cap.
    app.add_middleware(InputGuardMiddleware)
    app.add_middleware(ConcurrencyLimitMiddleware, limit=settings.max_concurrent_requests)
    app.add_middleware(ClientAddressMiddleware, trusted_proxies=settings.trusted_proxies)
    app.add_middleware(SecurityHeadersMiddleware, docs_prefix=docs_prefix)
    # Outside the security headers, so a compressed answer keeps them; inside CORS.
    app.add_middleware(CompressionMiddleware)
    if settings.cors_origins:
        # Only for a separately hosted client; the SPA is served from the API's own origin and needs none.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "If-None-Match",
                "X-CSRF-Token",
                "Idempotency-Key",
            ],
            expose_headers=EXPOSED_HEADERS,
        )
    # Multipart wrapping adds a little to a file; the file limits themselves are enforced by the routes.
    margin = 1024 * 1024
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        upload_limits={
            "/api/v1/imports/": settings.import_max_bytes + margin,
            "/api/v1/submissions/": settings.evidence_max_bytes + margin,
        },
    )
    # Outermost: everything inside sees a HEAD as its GET.
    app.add_middleware(HeadAsGetMiddleware)
