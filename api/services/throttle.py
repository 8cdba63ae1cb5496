"""Login throttling: after too many refused sign-ins for one account, or from one client address, within a
window, further attempts get 429 with Retry-After until the oldest failure leaves the window.

The failures live in the database, so every API process counts the same attempts. They are written in
their own short transaction: the request's transaction is rolled back when the sign-in is refused.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from api import clock
from api.db.repositories import audit, login_failures
from api.services import transaction
from api.services.errors import TooManyRequests
from api.settings import Settings


@dataclass(frozen=True)
class LoginThrottle:
    sessions: sessionmaker[Session]
    per_account: int
    per_address: int
    window: timedelta

    @classmethod
    def from_settings(cls, sessions: sessionmaker[Session], settings: Settings) -> "LoginThrottle":
        return cls(
            sessions,
            settings.login_failures_per_account,
            settings.login_failures_per_address,
            timedelta(minutes=settings.login_window_minutes),
        )

    def _limits(self, username: str, address: str | None) -> list[tuple[str, int]]:
        limits = [(f"account:{username.strip().lower()}", self.per_account)]
        if address:
            limits.append((f"address:{address}", self.per_address))
        return limits

    def check(self, session: Session, username: str, address: str | None) -> None:
        """Raise TooManyRequests while either the account or the address is over its limit."""
        now = clock.now()
        waits = []
        for key, limit in self._limits(username, address):
            failures = login_failures.recent(session, key, now - self.window)
            if len(failures) >= limit:
                # Attempts are allowed again when enough of the oldest failures have aged out.
                frees_at = failures[len(failures) - limit] + self.window
                waits.append(int((frees_at - now).total_seconds()) + 1)
        if waits:
            raise TooManyRequests(
                "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau.", retry_after=max(waits)
            )

    def failed(self, username: str, address: str | None) -> None:
        """Record a refused sign-in, and audit it; the caller has ended its own transaction (SQLite has one writer)."""
        now = clock.now()
        with transaction.owned(self.sessions) as session:
            for key, _limit in self._limits(username, address):
                login_failures.forget(session, key, before=now - self.window)
                login_failures.add(session, key, now)
            audit.record(session, actor=username, action="session.refused", entity="user", entity_key=username)

    def succeeded(self, session: Session, username: str) -> None:
        """A correct password clears the account's count (in the request's own transaction)."""
        key, _limit = self._limits(username, None)[0]
        login_failures.forget(session, key)
