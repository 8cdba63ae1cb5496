"""At most a few API requests of one process run at once; the others wait their turn on the event loop.

Sync dependencies and routes take a worker thread at each step, and between steps a request may hold
SQLite's write lock or a pooled connection. With more requests in flight than worker threads or pooled
connections, the holders wait for a thread while every thread waits for what they hold, until the 30 s
lock or pool timeout expires (the load run saw exactly that). Keeping the requests in flight below both
limits makes the wait impossible; the queue moves to the event loop, where waiting costs nothing.
"""

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send


class ConcurrencyLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: int, prefix: str = "/api/") -> None:
        self.app, self.limit, self.prefix = app, limit, prefix
        self._loop: asyncio.AbstractEventLoop | None = None
        self._slots: asyncio.Semaphore | None = None

    def slots(self) -> asyncio.Semaphore:
        """One semaphore per event loop (tests run the same app on several loops)."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop, self._slots = loop, asyncio.Semaphore(self.limit)
        return self._slots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        async with self.slots():
            await self.app(scope, receive, send)
