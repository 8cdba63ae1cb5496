"""Every write leaves an audit record: each unsafe operation of ``authz_matrix.yaml``, performed once by a caller
the matrix allows, on a fresh copy of the demo database, must add an audit entry naming that caller.

A new write route gets a matrix row (``test_authz_matrix`` insists), so it is exercised here too, and fails
until its service records what it changed."""

from collections.abc import Callable

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from api.db.models import Period, Score, Unit
from tests.security.matrix import ACCOUNTS, MATRIX, allowed_callers, send
from tests.security.support import count_indicator, reset_to_draft

API = "/api/v1"
SIGN_IN = "POST /api/v1/auth/login"
ACTIVATE = "POST /api/v1/auth/activate"
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
WRITES = sorted(operation for operation in MATRIX["operations"] if operation.startswith(UNSAFE))

# Operations that change no data, so they owe no audit entry.
NO_CHANGE = {
    # The what-if score: computed from the posted values and returned, nothing is stored.
    "POST /api/v1/scores/{period}/{unit}/preview",
}

# The first of these the matrix allows performs the operation; token_scores_read cannot write at all.
PREFERRED_CALLERS = ("admin", "reviewer", "home_affairs", "finance", "province_office", "reporter", "leader",
                     "api_client", "inspector", "anonymous")
# Notifications belong to a unit: only a unit's own user can mark one read.
CALLER_FOR = {"POST /api/v1/notifications/{notification_id}/read": "reporter"}

# An award proposal the annual ranking makes eligible (the matrix's half-year one is refused on its data).
ELIGIBLE_PROPOSAL = {"period": "2026-Y", "unit": "CAX-010", "recipient": "collective", "form": "CO-TD-UBND"}

# The matrix's bodies only need to pass authorization: where one changes nothing (an import of a header
# row) or is refused on its data (a period that exists, an ineligible unit), a body that writes replaces it.
ROW_CHANGES = {
    "POST /api/v1/periods": {"json": {  # the seed already holds the matrix's 2027-H1
        "code": "2040-H1", "name": "6 tháng đầu năm 2040", "kind": "half_year",
        "start": "2040-01-01", "end": "2040-06-30", "due": "2040-07-10",
    }},
    "POST /api/v1/award-proposals": {"json": ELIGIBLE_PROPOSAL},
    "POST /api/v1/imports/units": {"file": {
        "name": "don-vi.csv", "type": "text/csv",
        "content": "code,name,kind,parent,group\nUBX-998,Phường nhập thử,commune,,\n",
    }},
    "POST /api/v1/imports/users": {"file": {
        "name": "tai-khoan.csv", "type": "text/csv",
        "content": "username,full_name,role,unit,password\ncanbo.nhap,Cán bộ nhập thử,leader,,MatKhau@2026\n",
    }},
    "POST /api/v1/imports/activities": {"file": {
        "name": "hoat-dong.csv", "type": "text/csv",
        "content": "unit,period,indicator,date,description\nCAX-001,2026-H1,GD-08,2026-02-03,Thăm hộ nghèo\n",
    }},
    "POST /api/v1/imports/values": {"file": {
        "name": "so-lieu.csv", "type": "text/csv",
        "content": "period,unit,indicator,numerator,denominator,count,flag,date,note\n"
                   "2026-H1,CAX-001,{count_indicator},,,7,,,\n",
    }},
}


def _rank_first(sqlite_url: str) -> None:
    """Make CAX-010 first (ranked on an approved report), excellent and clear of vetoes in the 2026 annual
    ranking, and lock that period, as an award proposal requires."""
    engine = create_engine(sqlite_url)
    try:
        with Session(engine) as db, db.begin():
            score = db.scalar(select(Score).join(Period, Score.period_id == Period.id).join(Unit, Score.unit_id == Unit.id)
                              .where(Period.code == ELIGIBLE_PROPOSAL["period"], Unit.code == ELIGIBLE_PROPOSAL["unit"]))
            score.rank, score.tier, score.final_tier = 1, "XUAT_SAC", "XUAT_SAC"
            score.rank_status = "ranked"
            db.scalar(select(Period).where(Period.code == ELIGIBLE_PROPOSAL["period"])).status = "locked"
            score.veto_failed, score.explanation = [], {**score.explanation, "veto_failed": []}
    finally:
        engine.dispose()


def _created(response) -> int:
    assert response.status_code in (200, 201), response.text
    return response.json()["id"]


def _matrix_made(clients, caller: str, create: str) -> int:
    """The id of what the matrix's ``POST`` row ``create`` makes, sent with its body by ``caller``."""
    return _created(clients(caller).post(create.removeprefix("POST "), json=MATRIX["operations"][create]["json"]))


def _failed_delivery(clients) -> dict:
    """A subscription with one delivery that failed (written directly: failing takes 24 hours of retries)."""
    from api import clock
    from api.db.integration_models import WebhookDelivery

    subscription = _matrix_made(clients, "admin", "POST /api/v1/webhooks")
    with clients("admin").app.state.write_sessions.begin() as db:
        delivery = WebhookDelivery(subscription_id=subscription, event="scores.changed", payload={}, status="failed",
                                   attempts=20, created_at=clock.now())
        db.add(delivery)
        db.flush()
        return {"subscription_id": subscription, "delivery_id": delivery.id}


def _proposal(clients, *steps: tuple[str, str, dict | None]) -> dict:
    proposal = _created(clients("reviewer").post(f"{API}/award-proposals", json=ELIGIBLE_PROPOSAL))
    for caller, action, body in steps:
        assert clients(caller).post(f"{API}/award-proposals/{proposal}/{action}", json=body).status_code == 200
    return {"proposal_id": proposal}


def _inspection_done(clients) -> int:
    reviewer = clients("reviewer")
    inspection = _matrix_made(clients, "reviewer", "POST /api/v1/inspections")
    assert reviewer.post(f"{API}/inspections/{inspection}/done", json={"inspected_on": "2026-05-02"}).status_code == 200
    return inspection


def _finding(clients) -> int:
    inspection = _inspection_done(clients)
    added = clients("reviewer").post(f"{API}/inspections/{inspection}/findings",
                                     json={"description": "Chậm báo cáo", "points": "1"})
    assert added.status_code == 201, added.text
    return added.json()["findings"][0]["id"]


def _proposed_finding(clients) -> dict:
    """A finding the commune's committee proposes on its commune police, awaiting the standing body."""
    inspector = clients("inspector")
    inspection = _matrix_made(clients, "inspector", "POST /api/v1/inspections")
    assert inspector.post(f"{API}/inspections/{inspection}/done", json={"inspected_on": "2026-05-02"}).status_code == 200
    added = inspector.post(f"{API}/inspections/{inspection}/findings", json={"description": "Chậm báo cáo", "points": "1"})
    assert added.status_code == 201, added.text
    return {"finding_id": added.json()["findings"][0]["id"]}


def _action(clients) -> int:
    return _created(clients("reviewer").post(f"{API}/inspection-findings/{_finding(clients)}/actions",
                                             json={"description": "Khắc phục", "due_on": "2026-10-01"}))


def _notification(clients) -> int:
    """A reminder to the reporter's unit, whose report is first returned to it."""
    reset_to_draft(clients("reviewer"), clients("reporter"))
    assert clients("admin").post(f"{API}/reminders/send", json={"period": "2026-H1"}).status_code == 200
    notes = clients("reporter").get(f"{API}/notifications").json()
    assert notes, "sending reminders gave the reporter's unit no notification"
    return notes[0]["id"]


def _awaiting_activation(clients) -> dict:
    """An account imported without a password: its name, and (for the activation) a body with its code."""
    imported = clients("admin").post(f"{API}/imports/users", files={"file": (
        "tai-khoan.csv", "username,full_name,role,unit,password\nchua.kich.hoat,Cán bộ chưa kích hoạt,leader,,\n",
        "text/csv")})  # fmt: skip
    assert imported.status_code == 200, imported.text
    code = imported.json()["activation_codes"][0]["code"]
    return {"username": "chua.kich.hoat",
            "json": {"username": "chua.kich.hoat", "code": code, "password": "KichHoat@2026"}}  # fmt: skip


def _draft(clients) -> dict:
    reset_to_draft(clients("reviewer"), clients("reporter"))
    return {}


def _approved(clients) -> dict:
    assert clients("reviewer").post(f"{API}/submissions/2026-H1/CAX-001/approve").status_code == 200
    return {}


def _locked(clients) -> dict:
    assert clients("admin").post(f"{API}/periods/2026-H1/lock").status_code == 200
    return {}


def _activity(clients) -> dict:
    reset_to_draft(clients("reviewer"), clients("reporter"))
    body = MATRIX["operations"]["POST /api/v1/submissions/{period}/{unit}/activities"]["json"]
    return {"activity_id": _created(clients("reporter").post(f"{API}/submissions/2026-H1/CAX-001/activities",
                                                             json=body))}


def _evidence(clients) -> dict:
    reset_to_draft(clients("reviewer"), clients("reporter"))
    upload = clients("reporter").post(f"{API}/submissions/2026-H1/CAX-001/values/GD-03/evidence",
                                      files={"file": ("bien-ban.pdf", b"%PDF-1.4 test", "application/pdf")})
    return {"evidence_id": _created(upload)}


def _proposed_baseline(clients) -> dict:
    made = clients("reporter").post(f"{API}/baselines", json={"unit": "CAX-001", "numerator": 1, "denominator": 50})
    return {"baseline_id": _created(made)}


def _budget_item(clients, *steps: tuple[str, str, dict]) -> dict:
    """A proposed activity line of the budget (the matrix's row), then taken through ``steps``."""
    body = MATRIX["operations"]["POST /api/v1/budget/items"]["json"]
    made = clients("reviewer").post(f"{API}/budget/items", json=body)
    assert made.status_code == 201, made.text
    item = max(line["id"] for line in made.json()["lines"] if line["id"] is not None)
    for caller, action, step in steps:
        assert clients(caller).post(f"{API}/budget/items/{item}/{action}", json=step).status_code == 200
    return {"item_id": item}


def _scheme_draft(clients) -> dict:
    return {"draft_id": _created(clients("reviewer").post(f"{API}/schemes/drafts", json={"code": "2027.4"}))}


def _nomination(clients, *, returned: bool = False) -> dict:
    """A timely nomination of the reporter's unit (Sở Nội vụ or the standing body may accept it whatever the
    rankings), returned to the unit when ``returned``."""
    made = _matrix_made(clients, "reporter", "POST /api/v1/nominations")
    if returned:
        back = clients("reviewer").post(f"{API}/nominations/{made}/return", json={"reason": "Thiếu biên bản"})
        assert back.status_code == 200, back.text
    return {"nomination_id": made}


def _nomination_file(clients) -> dict:
    made = _nomination(clients)
    upload = clients("reporter").post(f"{API}/nominations/{made['nomination_id']}/files",
                                      files={"file": ("ho-so.pdf", b"%PDF-1.4 test", "application/pdf")})
    return made | {"file_id": _created(upload)}


def _narrative(clients) -> dict:
    saved = clients("reporter").put(f"{API}/narratives/2026-H1/CAX-001", json={"difficulties": "Thiếu kinh phí"})
    assert saved.status_code == 200, saved.text
    return {}


def _narrative_file(clients) -> dict:
    _narrative(clients)
    upload = clients("reporter").post(f"{API}/narratives/2026-H1/CAX-001/files",
                                      files={"file": ("bao-cao.pdf", b"%PDF-1.4 test", "application/pdf")})
    return {"file_id": _created(upload)}


# What an operation needs to exist before it can succeed, as path parameters (or {} when it only sets state;
# "json": the body to send instead of the matrix's).
ARRANGE: dict[str, Callable] = {
    "DELETE /api/v1/tokens/{token_id}": lambda clients: {
        "token_id": _matrix_made(clients, "admin", "POST /api/v1/tokens")},
    "DELETE /api/v1/webhooks/{subscription_id}": lambda clients: {
        "subscription_id": _matrix_made(clients, "admin", "POST /api/v1/webhooks")},
    "POST /api/v1/webhooks/{subscription_id}/redeliver": _failed_delivery,
    "POST /api/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/redeliver": _failed_delivery,
    "DELETE /api/v1/bonuses/{bonus_id}": lambda clients: {
        "bonus_id": _matrix_made(clients, "reviewer", "POST /api/v1/bonuses")},
    "PUT /api/v1/models/{model_id}": lambda clients: {
        "model_id": _matrix_made(clients, "reviewer", "POST /api/v1/models")},
    "POST /api/v1/inspections/{inspection_id}/done": lambda clients: {
        "inspection_id": _matrix_made(clients, "reviewer", "POST /api/v1/inspections")},
    "POST /api/v1/inspections/{inspection_id}/findings": lambda clients: {"inspection_id": _inspection_done(clients)},
    "POST /api/v1/inspection-findings/{finding_id}/actions": lambda clients: {"finding_id": _finding(clients)},
    "POST /api/v1/inspection-findings/{finding_id}/decision": _proposed_finding,
    "PATCH /api/v1/corrective-actions/{action_id}": lambda clients: {"action_id": _action(clients)},
    "POST /api/v1/notifications/{notification_id}/read": lambda clients: {"notification_id": _notification(clients)},
    "POST /api/v1/award-proposals/{proposal_id}/return": lambda clients: _proposal(clients),
    "POST /api/v1/award-proposals/{proposal_id}/forward": lambda clients: _proposal(clients),
    "POST /api/v1/award-proposals/{proposal_id}/resubmit": lambda clients: _proposal(
        clients, ("home_affairs", "return", {"reason": "Thiếu hồ sơ"})),
    "POST /api/v1/award-proposals/{proposal_id}/decision": lambda clients: _proposal(
        clients, ("home_affairs", "forward", None)),
    "POST /api/v1/users/{username}/activation": _awaiting_activation,
    ACTIVATE: _awaiting_activation,
    "POST /api/v1/submissions/{period}/{unit}/reopen": _approved,
    "POST /api/v1/submissions/{period}/{unit}/submit": _draft,
    "PUT /api/v1/submissions/{period}/{unit}/values": _draft,
    "POST /api/v1/submissions/{period}/{unit}/values/{indicator}/evidence": _draft,
    "DELETE /api/v1/submissions/{period}/{unit}/evidence/{evidence_id}": _evidence,
    "POST /api/v1/imports/values": _draft,
    "POST /api/v1/imports/activities": _draft,
    "POST /api/v1/submissions/{period}/{unit}/activities": _draft,
    "DELETE /api/v1/submissions/{period}/{unit}/activities/{activity_id}": _activity,
    "POST /api/v1/baselines/{baseline_id}/review": _proposed_baseline,
    "PATCH /api/v1/schemes/drafts/{draft_id}": _scheme_draft,
    "POST /api/v1/schemes/drafts/{draft_id}/activate": _scheme_draft,
    "POST /api/v1/periods/{code}/unlock": _locked,
    "POST /api/v1/budget/items/{item_id}/appraise": _budget_item,
    "POST /api/v1/budget/items/{item_id}/return": _budget_item,
    "POST /api/v1/budget/items/{item_id}/resubmit": lambda clients: _budget_item(
        clients, ("finance", "return", {"reason": "Thiếu thuyết minh"})),
    "POST /api/v1/nominations/{nomination_id}/resubmit": lambda clients: _nomination(clients, returned=True),
    "POST /api/v1/nominations/{nomination_id}/accept": _nomination,
    "POST /api/v1/nominations/{nomination_id}/return": _nomination,
    "POST /api/v1/nominations/{nomination_id}/files": _nomination,
    "DELETE /api/v1/nominations/{nomination_id}/files/{file_id}": _nomination_file,
    "POST /api/v1/narratives/{period}/{unit}/files": _narrative,
    "DELETE /api/v1/narratives/{period}/{unit}/files/{file_id}": _narrative_file,
}


def _caller(operation: str) -> str:
    if operation in CALLER_FOR:
        return CALLER_FOR[operation]
    allowed = allowed_callers(MATRIX["operations"][operation])
    return next(caller for caller in PREFERRED_CALLERS if caller in allowed)


def _actor(operation: str, caller: str, row: dict) -> str:
    """Who the entry must name: the caller's account, or for a sign-in or an activation, the account."""
    if operation in (SIGN_IN, ACTIVATE):
        return row["json"]["username"]
    return ACCOUNTS[caller]


@pytest.fixture
def clients(login, anonymous) -> Callable:
    """``clients(caller)``: one signed-in client per caller, made on first use."""
    made = {"anonymous": anonymous}

    def client(caller: str):
        if caller not in made:
            made[caller] = login(ACCOUNTS[caller])
        return made[caller]

    return client


def _entries_by(auditor, actor: str) -> int:
    page = auditor.get(f"{API}/audit", params={"actor": actor, "page_size": 1})
    assert page.status_code == 200, page.text
    return int(page.headers["X-Total-Count"])


def test_the_exceptions_are_writes_of_the_matrix():
    assert NO_CHANGE <= set(WRITES)
    assert set(ARRANGE) | set(ROW_CHANGES) | set(CALLER_FOR) <= set(WRITES)


@pytest.mark.parametrize("operation", [op for op in WRITES if op not in NO_CHANGE])
def test_every_write_leaves_an_audit_entry(operation, clients, login, sqlite_url):
    if "award-proposals" in operation:
        _rank_first(sqlite_url)
    row = MATRIX["operations"][operation] | ROW_CHANGES.get(operation, {})
    caller = _caller(operation)
    if "file" in row:
        content = row["file"]["content"].format(count_indicator=count_indicator(clients("reporter")))
        row = row | {"file": row["file"] | {"content": content}}
    params = MATRIX["params"] | ARRANGE.get(operation, lambda _clients: {})(clients)
    row = row | ({"json": params["json"]} if "json" in params else {})
    # A fresh session for a sign-out, so the other callers' sessions stay open; a separate one reads the log.
    performer = login(ACCOUNTS[caller]) if row.get("fresh_session") and caller != "anonymous" else clients(caller)
    auditor = login("admin")
    actor = _actor(operation, caller, row)
    before = _entries_by(auditor, actor)

    response = send(performer, operation, row, False, params)

    assert response.status_code < 300, f"{operation} as {caller}: {response.status_code} {response.text[:300]}"
    assert _entries_by(auditor, actor) > before, f"{operation} as {caller} left no audit entry"
