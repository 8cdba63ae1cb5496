"""The server's clock, so that a browser with a wrong clock still counts days to deadlines correctly."""

from datetime import date, datetime

from pydantic import BaseModel, Field


class ClockOut(BaseModel):
    now: datetime = Field(description="The server's current instant (UTC).")
    today: date = Field(description="Today's date in Vietnam, the calendar of every deadline.")
    timezone: str = Field(description="The time zone of deadlines.", examples=["Asia/Ho_Chi_Minh"])
