"""The ranking poll's one query: who is calling, and which score version the period is at.

The same conditions as :func:`api.db.repositories.users.token_user` and ``session_user`` (unrevoked,
unexpired, active user), joined with the period, run on the event loop (:mod:`api.db.loop_reads`).
"""

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Select, bindparam, null, or_, select

from api.db.loop_reads import LoopConnection
from api.db.models import ApiToken, Period, User, UserSession


class PollRow(NamedTuple):
    user_id: int
    username: str
    role: str
    unit_id: int | None
    scopes: list[str] | None  # None: a browser session
    period_id: int
    scores_version: int
    period_status: str


def _period_columns(query: Select) -> Select:
    return query.add_columns(Period.id, Period.scores_version, Period.status).join(
        Period, Period.code == bindparam("period")
    )


def _by_token() -> Select:
    return _period_columns(
        select(User.id, User.username, User.role, User.unit_id, ApiToken.scopes)
        .join(User, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == bindparam("credential"), ApiToken.revoked_at.is_(None),
               or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > bindparam("now", type_=ApiToken.expires_at.type)),
               User.active.is_(True))
    )


def _by_session() -> Select:
    return _period_columns(
        select(User.id, User.username, User.role, User.unit_id, null())
        .select_from(UserSession)
        .join(User, UserSession.user_id == User.id)
        .where(UserSession.token_hash == bindparam("credential"),
               UserSession.expires_at > bindparam("now", type_=UserSession.expires_at.type), User.active.is_(True))
    )


BUILDERS = {"token": _by_token, "session": _by_session}


async def caller_and_period(reads: LoopConnection, kind: str, credential_hash: str, period_code: str,
                      now: datetime) -> PollRow | None:
    """None when the credential is not valid now, the period is unknown, or the read could not run."""
    row = await reads.first(kind, BUILDERS[kind], credential=credential_hash, period=period_code, now=now)
    return PollRow(*row) if row is not None else None
