"""Who is calling, read on the event loop (:mod:`api.db.loop_reads`) in one query per request.

The conditions of :mod:`api.db.repositories.users` (unrevoked, unexpired, active user) plus the token's
expiry; the ranking poll adds the period's score version to the same query. Rows are kept by the
credential (and period) until a change to tokens, users, sessions or periods is committed
(:mod:`api.db.loop_reads`); the credential's expiry, selected too, is checked against the time of
every request.
"""

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Select, String, bindparam, null, select

from api.db.loop_reads import LoopConnection
from api.db.models import ApiToken, Period, User, UserSession
from api.db.repositories import users


class Caller(NamedTuple):
    user_id: int
    username: str
    role: str
    unit_id: int | None
    scopes: list[str] | None  # None: a browser session
    csrf_token: str | None  # None: an API token


class CallerAndPeriod(NamedTuple):
    caller: Caller
    period_id: int
    scores_version: int
    period_status: str


def _by_token() -> Select:
    now = bindparam("now", type_=ApiToken.expires_at.type)
    return (
        select(User.id, User.username, User.role, User.unit_id, ApiToken.scopes, null().cast(String),
               ApiToken.expires_at)
        .join(User, ApiToken.user_id == User.id)
        .where(*users.unrevoked_token(bindparam("credential")), ApiToken.expires_at > now)
    )


def _by_session() -> Select:
    return (
        select(User.id, User.username, User.role, User.unit_id, null(), UserSession.csrf_token,
               UserSession.expires_at)
        .select_from(UserSession)
        .join(User, UserSession.user_id == User.id)
        .where(*users.live_session(bindparam("credential"), bindparam("now", type_=UserSession.expires_at.type)))
    )


CALLERS = {"token": _by_token, "session": _by_session}
_EXPIRES = len(Caller._fields)  # the column after the caller's: the credential's expiry


def _with_period(kind: str):
    def build() -> Select:
        return CALLERS[kind]().add_columns(Period.id, Period.scores_version, Period.status).join(
            Period, Period.code == bindparam("period")
        )

    return build


CALLERS_AND_PERIOD = {kind: _with_period(kind) for kind in CALLERS}


def _valid(row: tuple | None, now: datetime) -> bool:
    return row is not None and row[_EXPIRES] > now


async def caller(reads: LoopConnection, kind: str, credential_hash: str, now: datetime) -> Caller | None:
    """None when the credential is not valid now or the read could not run."""
    row = await reads.first(f"caller-{kind}", CALLERS[kind], cache_key=credential_hash, credential=credential_hash,
                            now=now)
    return Caller(*row[:_EXPIRES]) if _valid(row, now) else None


async def caller_and_period(reads: LoopConnection, kind: str, credential_hash: str, period_code: str,
                            now: datetime) -> CallerAndPeriod | None:
    """:func:`caller` and the period's score version; None also for an unknown period."""
    row = await reads.first(f"caller-{kind}-period", CALLERS_AND_PERIOD[kind], cache_key=(credential_hash, period_code),
                            credential=credential_hash, period=period_code, now=now)
    return CallerAndPeriod(Caller(*row[:_EXPIRES]), *row[_EXPIRES + 1:]) if _valid(row, now) else None
