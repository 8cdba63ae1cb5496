"""Nominations with a dossier of real files, timely awards and the units' narratives over HTTP, on SQLite and
on PostgreSQL: a unit nominates, the standing body returns and then accepts into a proposal, Sở Nội vụ
decides, and the decision keeps the dossier; the 2028 review's consolidated report carries the units'
difficulties and proposals."""

from datetime import UTC, datetime
from io import BytesIO

import pytest
from awards_support import API
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from api.db.models import AuditEntry, Period, Score, Unit

YEAR, REVIEW = "2026-Y", "2028-S"
UNIT, OTHER_UNIT = "CAX-001", "CAX-002"
# A real (tiny) PDF: the type is checked by content, not by the file name.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
INDIVIDUAL = {
    "unit": UNIT,
    "period": YEAR,
    "recipient": "individual",
    "nominee_name": "Nguyễn Văn An",
    "nominee_title": "Đại úy, Phó Trưởng Công an phường",
    "achievements": "Trực tiếp bắt giữ 02 đối tượng trộm cắp tài sản, vận động 15 hộ giao nộp vũ khí.",
}
DIFFICULTY = "Thiếu camera an ninh tại 03 tổ dân phố giáp ranh; kinh phí duy trì tổ tự quản chưa được bố trí."
PROPOSAL = "Đề nghị UBND tỉnh hỗ trợ kinh phí lắp đặt camera an ninh cho các tổ dân phố giáp ranh."


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request) -> str:
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_database")


@pytest.fixture
def settings(database_url, tmp_path):
    """The shared clients (reviewer, noivu, ...) on this module's engine, files in the test's own folder."""
    from api.settings import Settings

    return Settings(
        database_url=database_url,
        evidence_dir=tmp_path / "evidence",
        evidence_max_bytes=64 * 1024,
        frontend_dist=tmp_path / "no-spa",
    )


@pytest.fixture
def engine(database_url):
    made = create_engine(database_url)
    yield made
    made.dispose()


@pytest.fixture
def excellent_unit(engine):
    """The reporter's unit first and excellent in the locked 2026 annual ranking, clear of vetoes."""
    with Session(engine) as db, db.begin():
        period = db.scalar(select(Period).where(Period.code == YEAR))
        unit_id = db.scalar(select(Unit.id).where(Unit.code == UNIT))
        score = db.scalar(select(Score).where(Score.period_id == period.id, Score.unit_id == unit_id))
        score.rank, score.tier, score.final_tier, score.rank_status = 1, "XUAT_SAC", "XUAT_SAC", "ranked"
        score.veto_failed, score.explanation = [], {**score.explanation, "veto_failed": []}
        period.status = "locked"


def upload(
    client, path: str, name: str = "ho-so-khen-thuong.pdf", content: bytes = PDF, kind="application/pdf"
):
    return client.post(path, files={"file": (name, content, kind)})


def audit_actions(engine, entity: str, key: str) -> list[str]:
    with Session(engine) as db:
        return list(
            db.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity == entity, AuditEntry.entity_key == key)
                .order_by(AuditEntry.id)
            )
        )


def test_a_unit_nominates_an_individual_with_a_dossier_that_reaches_a_decision(
    reporter, login, reviewer, noivu, leader, engine, excellent_unit
):
    made = reporter.post(f"{API}/nominations", json=INDIVIDUAL)
    assert made.status_code == 201, made.text
    nomination = made.json()
    assert (nomination["status"], nomination["unit"]["code"], nomination["period"]) == (
        "submitted",
        UNIT,
        YEAR,
    )
    key = nomination["id"]
    files = f"{API}/nominations/{key}/files"
    stored = upload(reporter, files)
    assert stored.status_code == 201, stored.text
    assert (stored.json()["content_type"], stored.json()["size"]) == ("application/pdf", len(PDF))
    assert (
        upload(reporter, files, "thanh-tich.pdf", b"not a pdf at all", "application/pdf").status_code == 415
    )
    assert upload(reporter, files, content=b"%PDF-1.4\n" + b"0" * 70_000).status_code == 413

    # Another unit's reporter learns nothing of it; the standing body's queue holds it with its file.
    other = login("baocao.xa")
    assert other.get(f"{API}/nominations/{key}").status_code == 404
    assert other.get(f"{API}/nominations").json() == []
    assert reporter.get(f"{API}/nominations", params={"unit": OTHER_UNIT}).status_code == 404
    queue = reviewer.get(f"{API}/nominations", params={"status": "submitted", "period": YEAR}).json()
    assert [(item["id"], [f["filename"] for f in item["files"]]) for item in queue] == [
        (key, ["ho-so-khen-thuong.pdf"])
    ]

    # Returned with a reason (required), corrected and sent again by the unit.
    assert reviewer.post(f"{API}/nominations/{key}/return", json={"reason": " "}).status_code == 422
    assert noivu.post(f"{API}/nominations/{key}/return", json={"reason": "Thiếu"}).status_code == 403
    returned = reviewer.post(
        f"{API}/nominations/{key}/return", json={"reason": "Bổ sung biên bản họp xét của đơn vị"}
    )
    assert (returned.json()["status"], returned.json()["return_reason"]) == (
        "returned",
        "Bổ sung biên bản họp xét của đơn vị",
    )
    assert reviewer.post(f"{API}/nominations/{key}/accept", json={"form": "BK-CT-UBND"}).status_code == 409
    assert upload(reporter, files, "bien-ban-hop-xet.pdf").status_code == 201
    again = reporter.post(
        f"{API}/nominations/{key}/resubmit", json={**INDIVIDUAL, "nominee_title": "Thiếu tá"}
    )
    assert (again.json()["status"], again.json()["nominee_title"], again.json()["return_reason"]) == (
        "submitted",
        "Thiếu tá",
        None,
    )

    # Accepted into a proposal: eligibility is the unit's (a flag is for collectives only).
    refused = reviewer.post(f"{API}/nominations/{key}/accept", json={"form": "CO-TD-UBND"})
    assert refused.status_code == 409 and "cá nhân" in refused.json()["detail"]
    accepted = reviewer.post(f"{API}/nominations/{key}/accept", json={"form": "BK-CT-UBND"})
    assert accepted.status_code == 200, accepted.text
    proposal = accepted.json()["proposal"]
    assert (accepted.json()["status"], proposal["status"]) == ("accepted", "proposed")
    assert upload(reporter, files).status_code == 409  # the dossier is closed once accepted

    assert noivu.post(f"{API}/award-proposals/{proposal['id']}/forward").status_code == 200
    decided = noivu.post(
        f"{API}/award-proposals/{proposal['id']}/decision",
        json={"number": "2151/QĐ-UBND", "date": "2026-12-20", "approved": True},
    ).json()
    assert (decided["status"], decided["person_name"], decided["person_title"]) == (
        "approved",
        "Nguyễn Văn An",
        "Thiếu tá",
    )
    assert (decided["nomination_id"], decided["achievements"]) == (key, INDIVIDUAL["achievements"])
    assert [file["filename"] for file in decided["dossier"]] == [
        "ho-so-khen-thuong.pdf",
        "bien-ban-hop-xet.pdf",
    ]

    # The decision keeps its dossier: the file downloads from the proposal, byte for byte.
    listed = leader.get(f"{API}/award-proposals", params={"status": "approved"}).json()["items"]
    dossier = next(item for item in listed if item["id"] == proposal["id"])["dossier"]
    download = leader.get(f"{API}/award-proposals/{proposal['id']}/dossier/{dossier[0]['id']}")
    assert (download.status_code, download.content, download.headers["content-type"]) == (
        200,
        PDF,
        "application/pdf",
    )
    assert leader.get(f"{API}/award-proposals/{proposal['id']}/dossier/999999").status_code == 404
    assert reporter.get(f"{API}/nominations/{key}/files/{dossier[0]['id']}").content == PDF
    assert reporter.get(f"{API}/nominations/{key}").json()["proposal"]["decision_number"] == "2151/QĐ-UBND"
    assert audit_actions(engine, "nomination", str(key)) == [
        "nomination.create",
        "nomination.attach",
        "nomination.return",
        "nomination.attach",
        "nomination.resubmit",
        "nomination.accept",
    ]


def test_a_collective_nomination_names_the_unit_and_a_wrong_file_is_taken_back(reporter, reviewer, engine):
    body = {
        "unit": UNIT,
        "period": YEAR,
        "recipient": "collective",
        "achievements": "Giữ vững ANTT trên địa bàn.",
    }
    made = reporter.post(f"{API}/nominations", json=body).json()
    assert made["nominee_name"] == "Công an phường Phố Hiến"
    file = upload(reporter, f"{API}/nominations/{made['id']}/files").json()
    assert reviewer.delete(f"{API}/nominations/{made['id']}/files/{file['id']}").status_code == 403
    assert reporter.delete(f"{API}/nominations/{made['id']}/files/{file['id']}").status_code == 204
    assert reporter.get(f"{API}/nominations/{made['id']}").json()["files"] == []
    assert reporter.get(f"{API}/nominations/{made['id']}/files/{file['id']}").status_code == 404
    assert audit_actions(engine, "nomination", str(made["id"]))[-1] == "nomination.detach"

    half_year = reporter.post(f"{API}/nominations", json={**body, "period": "2026-H1"})
    assert half_year.status_code == 422 and half_year.json()["errors"][0]["loc"] == ["body", "period"]
    nameless = reporter.post(f"{API}/nominations", json={**INDIVIDUAL, "nominee_name": ""})
    assert nameless.status_code == 422 and nameless.json()["errors"][0]["loc"] == ["body", "nominee_name"]
    assert reporter.post(f"{API}/nominations", json={**body, "unit": OTHER_UNIT}).status_code == 404
    assert reviewer.post(f"{API}/nominations", json=body).status_code == 403


def test_home_affairs_processes_a_timely_award_outside_the_calendar(
    reporter, reviewer, noivu, leader, clock, login
):
    clock.set_now(datetime(2026, 12, 5, 9, tzinfo=UTC))
    timely = {
        **INDIVIDUAL,
        "period": None,
        "timely": True,
        "achievements": "Dũng cảm cứu 03 người bị nạn trong vụ cháy nhà dân ngày 02/12.",
    }
    made = reporter.post(f"{API}/nominations", json=timely)
    assert made.status_code == 201, made.text
    key = made.json()["id"]
    assert (made.json()["timely"], made.json()["period"]) == (True, None)
    assert upload(reporter, f"{API}/nominations/{key}/files").status_code == 201
    assert [item["id"] for item in noivu.get(f"{API}/nominations", params={"timely": "true"}).json()] == [key]

    refused = noivu.post(f"{API}/nominations/{key}/accept", json={"form": "CO-TD-UBND"})
    assert (
        refused.status_code == 409 and "cá nhân" in refused.json()["detail"]
    )  # the flag: collectives, yearly
    accepted = noivu.post(f"{API}/nominations/{key}/accept", json={"form": "BK-CT-UBND"})
    assert accepted.status_code == 200, accepted.text
    proposal_id = accepted.json()["proposal"]["id"]
    proposal = next(
        p
        for p in leader.get(f"{API}/award-proposals", params={"timely": "true"}).json()["items"]
        if p["id"] == proposal_id
    )
    assert (proposal["timely"], proposal["period"], len(proposal["dossier"])) == (True, None, 1)
    assert proposal["amount"] == 2_340_000  # 1.0 x lương cơ sở
    assert noivu.post(f"{API}/award-proposals/{proposal_id}/forward").status_code == 200
    decided = noivu.post(
        f"{API}/award-proposals/{proposal_id}/decision",
        json={"number": "15/QĐ-UBND", "date": "2026-12-05", "approved": True},
    )
    assert decided.json()["status"] == "approved"
    # Its money enters the budget of the year it was proposed in, at the legal rate in Sở Tài chính's
    # appraised estimate too, and it is reported in the periods that hold its day (the year 2026, not its
    # first half).
    budget = login("taichinh").get(f"{API}/budget", params={"year": 2026}).json()
    row = next(row for row in budget["totals"] if row["unit"] == UNIT)
    assert (row["awards"], row["appraised_total"]) == (2_340_000, row["appraised_activities"] + 2_340_000)
    reported = leader.get(f"{API}/reports/{YEAR}").json()["awards"]
    assert [(row["recipient"], row["form_name"]) for row in reported] == [
        ("Nguyễn Văn An", "Bằng khen của Chủ tịch UBND tỉnh (khen thưởng kịp thời)")
    ]
    assert leader.get(f"{API}/reports/2026-H1").json()["awards"] == []
    # Sở Nội vụ processes only timely nominations; a period's are the standing body's.
    regular = reporter.post(f"{API}/nominations", json=INDIVIDUAL).json()
    assert (
        noivu.post(f"{API}/nominations/{regular['id']}/accept", json={"form": "BK-CT-UBND"}).status_code
        == 403
    )
    assert (
        reporter.post(f"{API}/nominations/{regular['id']}/accept", json={"form": "BK-CT-UBND"}).status_code
        == 403
    )


def test_the_review_report_carries_the_units_difficulties_and_proposals(
    reporter, login, leader, admin, engine
):
    path = f"{API}/narratives/{REVIEW}/{UNIT}"
    empty = reporter.get(path).json()
    assert (empty["review"], empty["updated_at"], empty["editable"]) == (True, None, True)
    assert "không chấm điểm" in empty["role_label"]
    assert (
        reporter.post(f"{path}/files", files={"file": ("a.pdf", PDF, "application/pdf")}).status_code == 409
    )
    saved = reporter.put(
        path,
        json={
            "achievements": "Hoàn thành 100% chỉ tiêu 03 năm.",
            "difficulties": DIFFICULTY,
            "proposals": PROPOSAL,
        },
    )
    assert saved.status_code == 200, saved.text
    assert (saved.json()["difficulties"], saved.json()["models"], saved.json()["updated_by"]) == (
        DIFFICULTY,
        "",
        "baocao.cax",
    )
    attached = upload(reporter, f"{path}/files", "bao-cao-so-ket.pdf")
    assert attached.status_code == 201
    assert leader.get(f"{path}/files/{attached.json()['id']}").content == PDF
    assert login("baocao.xa").get(path).status_code == 404
    assert leader.put(path, json={"difficulties": "x"}).status_code == 403
    assert [item["unit"]["code"] for item in leader.get(f"{API}/narratives/{REVIEW}").json()] == [UNIT]
    assert audit_actions(engine, "narrative", f"{REVIEW}/{UNIT}") == ["narrative.save", "narrative.attach"]

    docx = leader.get(f"{API}/reports/{REVIEW}/report.docx")
    assert docx.status_code == 200, docx.text
    paragraphs = [paragraph.text for paragraph in Document(BytesIO(docx.content)).paragraphs]
    difficulties, proposals = (
        paragraphs.index("VI. KHÓ KHĂN, VƯỚNG MẮC"),
        paragraphs.index("VII. ĐỀ XUẤT, KIẾN NGHỊ"),
    )
    assert paragraphs[difficulties + 1 : difficulties + 3] == ["- Công an phường Phố Hiến:", DIFFICULTY]
    assert paragraphs[proposals + 1 : proposals + 3] == ["- Công an phường Phố Hiến:", PROPOSAL]
    workbook = load_workbook(BytesIO(leader.get(f"{API}/reports/{REVIEW}/report.xlsx").content))
    sheet = workbook["Khó khăn, vướng mắc"]
    assert (sheet.cell(4, 1).value, sheet.cell(4, 2).value) == ("Công an phường Phố Hiến", DIFFICULTY)
    assert workbook["Đề xuất, kiến nghị"].cell(4, 2).value == PROPOSAL
    assert leader.get(f"{API}/reports/{REVIEW}").json()["narratives"] == [
        {"unit_name": "Công an phường Phố Hiến", "difficulties": DIFFICULTY, "proposals": PROPOSAL}
    ]

    assert admin.post(f"{API}/periods/{REVIEW}/lock").status_code == 200
    assert reporter.put(path, json={"difficulties": "Sửa sau khi khóa"}).status_code == 409
    assert reporter.get(path).json()["editable"] is False
