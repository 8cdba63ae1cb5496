"""Helpers shared by the security tests: the reporter's demo submission, brought back to draft."""

SUBMISSION = "/api/v1/submissions/2026-H1/CAX-001"


def reset_to_draft(reviewer, reporter, submission: str = SUBMISSION) -> str:
    """Return the submission to its reporter (it is seeded as submitted or approved) and give its ETag."""
    status = reporter.get(submission).json()["status"]
    if status == "submitted":
        assert reviewer.post(f"{submission}/return", json={"reason": "Bổ sung số liệu"}).status_code == 200
    elif status == "approved":
        assert reviewer.post(f"{submission}/reopen", json={"reason": "Bổ sung số liệu"}).status_code == 200
    return reporter.get(submission).headers["etag"]


def count_indicator(reporter) -> str:
    """The code of an indicator measured as a count, which any whole number satisfies."""
    indicators = reporter.get(SUBMISSION).json()["indicators"]
    return next(i["code"] for i in indicators if i["measure"] == "count")
