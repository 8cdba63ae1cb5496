"""Who is calling from where: the client address of the current request, for login throttling and the
audit log.

The address is the TCP peer's, unless the peer is one of ``BANHAT_TRUSTED_PROXIES``: then
``X-Forwarded-For`` is read from the right (each proxy appends the address it received the request
from), trusted proxies are skipped, and the first other address is the client. Entries left of it were
written by the client itself and are ignored, so a client cannot choose its address. With no trusted
proxy (the default) the header is ignored. Run uvicorn with ``--no-proxy-headers`` (its own resolution
trusts loopback by default and rewrites the peer before this sees it), see docs/deploy.md.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

from api.db.repositories.audit import client_address

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def resolve(peer: str | None, forwarded_for: str | None, trusted: Sequence[Network]) -> str | None:
    """The client's address, from the peer's and the ``X-Forwarded-For`` header (see the module)."""
    if peer is None or not trusted or not _within(peer, trusted):
        return peer
    address = peer
    for hop in reversed([part.strip() for part in (forwarded_for or "").split(",") if part.strip()]):
        if not _is_address(hop):
            break  # not an address: nothing further left can be believed
        address = hop
        if not _within(hop, trusted):
            break
    return address


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _within(address: str, trusted: Sequence[Network]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed.version == network.version and parsed in network for network in trusted)


class ClientAddressMiddleware:
    """Put the resolved client address in the scope (``request.client``) and the audit's context."""

    def __init__(self, app: ASGIApp, trusted_proxies: Sequence[Network | str] = ()) -> None:
        self.app = app
        self.trusted = tuple(ipaddress.ip_network(str(network)) for network in trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        peer = client[0] if client else None
        address = peer
        if self.trusted and peer is not None:
            forwarded = ",".join(v.decode("latin-1") for k, v in scope["headers"] if k == b"x-forwarded-for")
            address = resolve(peer, forwarded, self.trusted)
            if address != peer:
                scope = {**scope, "client": (address, client[1])}
        token = client_address.set(address)
        try:
            await self.app(scope, receive, send)
        finally:
            client_address.reset(token)
