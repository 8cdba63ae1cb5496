"""Login throttling: after too many refused sign-ins within a window, further attempts get 429 with
Retry-After until the oldest failure leaves the window. Three counts, each with its limit:

- one account from one client address (5): guessing from one place stops there, and only there: the
  account's owner elsewhere still signs in, so nobody can lock a known account out by failing on purpose;
- one client address, whatever the accounts (30): one place trying many accounts;
- one account from all addresses together (100): guessing spread over many addresses, slower. Holding
  an account this way takes 20 addresses failing 5 times each every window (a correct sign-in before
  the limit clears the count).

The address is the one resolved by ``api.middleware.client`` (``X-Forwarded-For`` only from
``BANHAT_TRUSTED_PROXIES``), so a client cannot pick a fresh one per attempt.

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
    per_account_all_addresses: int
    window: timedelta

    @classmethod
    def from_settings(cls, sessions: sessionmaker[Session], settings: Settings) -> "LoginThrottle":
        return cls(
            sessions,
            settings.login_failures_per_account,
            settings.login_failures_per_address,
            settings.login_failures_per_account_all_addresses,
            timedelta(minutes=settings.login_window_minutes),
        )

    def _limits(self, username: str, address: str | None) -> list[tuple[str, int]]:
        account = f"account:{username.strip().lower()}"
        limits = [(f"{account}|{address or '-'}", self.per_account), (account, self.per_account_all_addresses)]
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

    def failed(self, username: str, address: str | None, action: str = "session.refused") -> None:
        """Record a refused sign-in (or activation: ``action``), and audit it; the caller has ended its own
        transaction (SQLite has one writer)."""
        now = clock.now()
        with transaction.owned(self.sessions) as session:
            for key, _limit in self._limits(username, address):
                login_failures.forget(session, key, before=now - self.window)
                login_failures.add(session, key, now)
            audit.record(session, actor=username, action=action, entity="user", entity_key=username)

    def succeeded(self, session: Session, username: str, address: str | None) -> None:
        """A correct password clears the account's counts (in the request's own transaction)."""
        for key, _limit in self._limits(username, address)[:2]:
            login_failures.forget(session, key)
