"""The server's clock: the SPA counts days to deadlines from it, not from the browser's clock."""

from fastapi import APIRouter

from api import clock
from api.domain.periods import VIETNAM
from api.schemas.clock import ClockOut

router = APIRouter(prefix="/clock", tags=["clock"])


@router.get("", response_model=ClockOut)
def current_time() -> ClockOut:
    return ClockOut(now=clock.now(), today=clock.today(), timezone=VIETNAM.key)
