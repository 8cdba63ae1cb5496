"""Shapes shared by every resource: problems and pages."""

from pydantic import BaseModel, ConfigDict


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
