"""Shapes shared by every resource: problems and pages."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

# Dates people enter (periods, inspections, decisions) lie within the movement's working horizon: a year
# 9999 or 0001 is a typing error, refused with 422 naming the field before it reaches any computation.
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2100, 12, 31)
InputDate = Annotated[date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
# Page numbers of every list: page x page size stays far inside the databases' integers (no overflow
# into a 500 on a huge page number), and no list of the application has that many pages.
MAX_PAGE = 100_000


class InputModel(BaseModel):
    """A request body: unknown fields are refused, so nobody can post read-only ones (status, unit, scores)."""

    model_config = ConfigDict(extra="forbid")


class ProblemError(BaseModel):
    loc: list[str | int]
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, with the invalid fields listed in ``errors``."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[ProblemError] = []


def problem_responses(*statuses: int) -> dict[int | str, dict]:
    return {
        status: {"model": Problem, "content": {"application/problem+json": {}}, "description": "Lỗi"}
        for status in statuses
    }


# Every authenticated route may answer these.
COMMON_PROBLEMS = problem_responses(401, 403, 404, 422)
