"""Evidence files: type checked by content, size-limited, stored on disk, readable only by readers."""

import io

from api_support import API, PERIOD, REPORTER_UNIT, assert_problem
from docx import Document

from api.db.models import EvidenceFile

URL = f"{API}/submissions/{PERIOD}/{REPORTER_UNIT}"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def editable_with_value(reviewer, reporter) -> str:
    """Make the reporter's submission editable, save KL-04, return an indicator code that has a value."""
    status = reporter.get(URL).json()["status"]
    if status == "submitted":
        reviewer.post(f"{URL}/return", json={"reason": "Bổ sung minh chứng"})
    elif status == "approved":
        reviewer.post(f"{URL}/reopen", json={"reason": "Bổ sung minh chứng"})
    etag = reporter.get(URL).headers["ETag"]
    assert reporter.put(f"{URL}/values", json={"values": [{"indicator": "KL-04", "count": 0}]},
                        headers={"If-Match": etag}).status_code == 200
    return "KL-04"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Biên bản kiểm tra")
    document.save(buffer)
    return buffer.getvalue()


def test_upload_pdf_and_office_then_download(reviewer, reporter, leader, settings):
    code = editable_with_value(reviewer, reporter)
    pdf = reporter.post(f"{URL}/values/{code}/evidence", files={"file": ("bien-ban.pdf", PDF, "application/pdf")})
    assert pdf.status_code == 201 and pdf.json()["content_type"] == "application/pdf"
    word = reporter.post(f"{URL}/values/{code}/evidence", files={"file": ("bao-cao.docx", docx_bytes(), "x/y")})
    assert word.status_code == 201 and "wordprocessingml" in word.json()["content_type"]
    stored = list(settings.evidence_dir.iterdir())
    assert len(stored) == 2 and PDF in [p.read_bytes() for p in stored]
    listed = reporter.get(URL).json()["indicators"]
    assert [f["filename"] for i in listed if i["code"] == code for f in i["evidence"]] == ["bien-ban.pdf", "bao-cao.docx"]
    download = leader.get(f"{URL}/evidence/{pdf.json()['id']}")
    assert download.status_code == 200 and download.content == PDF
    assert "bien-ban.pdf" in download.headers["content-disposition"]
    assert reporter.get(f"{URL}/history").json()[-1]["action"] == "evidence.attach"


def test_file_type_is_checked_by_content_not_name(reviewer, reporter, count_rows):
    code = editable_with_value(reviewer, reporter)
    response = reporter.post(f"{URL}/values/{code}/evidence",
                             files={"file": ("virus.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")})
    assert_problem(response, 415)
    assert count_rows(EvidenceFile) == 0


def test_file_size_is_limited(reviewer, reporter, settings, count_rows):
    code = editable_with_value(reviewer, reporter)
    big = PDF + b"0" * settings.evidence_max_bytes
    assert_problem(reporter.post(f"{URL}/values/{code}/evidence", files={"file": ("lon.pdf", big, "application/pdf")}), 413)
    assert count_rows(EvidenceFile) == 0


def test_evidence_needs_a_saved_value(reviewer, reporter):
    editable_with_value(reviewer, reporter)
    cleared = reporter.put(f"{URL}/values", json={"values": [{"indicator": "TT-07", "flag": None}]},
                           headers={"If-Match": reporter.get(URL).headers["ETag"]})
    assert next(i for i in cleared.json()["indicators"] if i["code"] == "TT-07")["value"] is None
    response = reporter.post(f"{URL}/values/TT-07/evidence", files={"file": ("a.pdf", PDF, "application/pdf")})
    assert_problem(response, 409)


def test_other_reporter_cannot_download(reviewer, reporter, login):
    code = editable_with_value(reviewer, reporter)
    uploaded = reporter.post(f"{URL}/values/{code}/evidence", files={"file": ("a.pdf", PDF, "application/pdf")}).json()
    login("admin").post(f"{API}/users", json={"username": "baocao.cax2", "full_name": "B", "password": "matkhau-dai",
                                              "role": "reporter", "unit": "CAX-002"})
    stranger = login("baocao.cax2", "matkhau-dai")
    assert stranger.get(f"{URL}/evidence/{uploaded['id']}").status_code == 404


def test_an_upload_whose_transaction_fails_leaves_no_file(reviewer, reporter, settings, count_rows, monkeypatch):
    from api.services import evidence
    from api.services.errors import Conflict

    code = editable_with_value(reviewer, reporter)
    stored = set(settings.evidence_dir.glob("*"))
    rows = count_rows(EvidenceFile)

    def audit_refuses(*_args, **_kwargs):
        raise Conflict("Nhật ký không ghi được.")

    monkeypatch.setattr(evidence.audit, "record", audit_refuses)
    assert_problem(reporter.post(f"{URL}/values/{code}/evidence", files={"file": ("a.pdf", PDF, "application/pdf")}), 409)
    assert set(settings.evidence_dir.glob("*")) == stored and count_rows(EvidenceFile) == rows


def test_the_uploader_removes_a_file_while_the_report_is_editable(reviewer, reporter, login, settings, count_rows):
    code = editable_with_value(reviewer, reporter)
    kept = reporter.post(f"{URL}/values/{code}/evidence", files={"file": ("giu-lai.pdf", PDF, "application/pdf")})
    wrong = reporter.post(f"{URL}/values/{code}/evidence", files={"file": ("nham.pdf", PDF, "application/pdf")})
    assert kept.status_code == wrong.status_code == 201

    assert reporter.delete(f"{URL}/evidence/{wrong.json()['id']}").status_code == 204
    listed = reporter.get(URL).json()["indicators"]
    assert [f["filename"] for i in listed if i["code"] == code for f in i["evidence"]] == ["giu-lai.pdf"]
    assert len(list(settings.evidence_dir.iterdir())) == 1 and count_rows(EvidenceFile) == 1
    removal = reporter.get(f"{URL}/history").json()[-1]
    assert removal["action"] == "evidence.remove" and removal["before"]["file"] == "nham.pdf"
    assert_problem(reporter.delete(f"{URL}/evidence/{wrong.json()['id']}"), 404)

    # Not someone else's upload, not another unit's report, not once the report is submitted.
    assert_problem(reviewer.delete(f"{URL}/evidence/{kept.json()['id']}"), 403)
    other = login("baocao.xa")
    assert other.delete(f"{URL}/evidence/{kept.json()['id']}").status_code in (403, 404)
    assert reporter.post(f"{URL}/submit", headers={"If-Match": reporter.get(URL).headers["ETag"]}).status_code == 200
    assert_problem(reporter.delete(f"{URL}/evidence/{kept.json()['id']}"), 409)
    assert count_rows(EvidenceFile) == 1 and len(list(settings.evidence_dir.iterdir())) == 1


def test_a_removal_whose_transaction_fails_keeps_the_file(reviewer, reporter, settings, count_rows, monkeypatch):
    from api.services import evidence
    from api.services.errors import Conflict

    code = editable_with_value(reviewer, reporter)
    made = reporter.post(f"{URL}/values/{code}/evidence", files={"file": ("a.pdf", PDF, "application/pdf")}).json()

    def audit_refuses(*_args, **_kwargs):
        raise Conflict("Nhật ký không ghi được.")

    monkeypatch.setattr(evidence.audit, "record", audit_refuses)
    assert_problem(reporter.delete(f"{URL}/evidence/{made['id']}"), 409)
    assert count_rows(EvidenceFile) == 1 and len(list(settings.evidence_dir.iterdir())) == 1
