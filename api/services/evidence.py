"""Evidence files: checked by content (not by name), size-limited, stored outside the database."""

import hashlib
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import filetype
from sqlalchemy.orm import Session

from api import clock
from api.db.models import EvidenceFile, SubmissionValue
from api.db.repositories import audit, submissions
from api.domain import text
from api.services.access import Principal
from api.services.errors import Conflict, Forbidden, NotFound, PayloadTooLarge, UnsupportedMedia
from api.services.submissions import Loaded, ensure_editable

ALLOWED_TYPES = frozenset({
    "application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff",
    "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
})
CHUNK = 1024 * 1024
# Keys in ``Session.info``: files written in the transaction, removed by the transaction owner if it rolls
# back, and files whose rows the transaction deleted, removed only once it commits (api.services.transaction).
_WRITTEN = "banhat_evidence_written"
_DELETED = "banhat_evidence_deleted"


@dataclass(frozen=True)
class StoredFile:
    """A checked file written to the evidence folder, with the metadata its row keeps."""

    filename: str
    content_type: str
    size: int
    sha256: str
    storage_key: str
    uploaded_by: str
    uploaded_at: datetime

    def fields(self) -> dict:
        return asdict(self)


def store(session: Session, principal: Principal, filename: str, stream: BinaryIO, folder: Path,
          max_bytes: int) -> StoredFile:
    """Check a file by its content and size and write it under a new key, removed again if the transaction
    rolls back: evidence, a nomination's dossier and a narrative's attachments alike."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"Tệp vượt quá giới hạn {max_bytes // (1024 * 1024)} MB.")
    kind = filetype.guess(data)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise UnsupportedMedia("Chỉ nhận tệp PDF, ảnh hoặc tài liệu Office (kiểm tra theo nội dung tệp).")
    key = uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    (folder / key).write_bytes(data)
    session.info.setdefault(_WRITTEN, []).append(folder / key)
    return StoredFile(text.file_name(filename), kind.mime, len(data), hashlib.sha256(data).hexdigest(), key,
                      principal.username, clock.now())


def discard(session: Session, path: Path) -> None:
    """The file of a row the transaction deletes: removed once (and only if) it commits."""
    session.info.setdefault(_DELETED, []).append(path)


def stored_path(folder: Path, storage_key: str) -> Path:
    """The bytes of a stored file, or 404 if they are gone from the server."""
    path = folder / storage_key
    if not path.is_file():
        raise NotFound("Tệp không còn trên máy chủ.")
    return path


def attach(session: Session, principal: Principal, loaded: Loaded, indicator: str, filename: str,
           stream: BinaryIO, folder: Path, max_bytes: int) -> EvidenceFile:
    principal.require_unit("values:write", loaded.unit.id)
    ensure_editable(loaded)
    row = next((r for r in submissions.values_of(session, loaded.submission.id) if r.indicator_code == indicator),
               None) if loaded.submission else None
    if row is None:
        raise Conflict("Hãy nhập và lưu giá trị của chỉ tiêu trước khi đính kèm minh chứng.")
    stored = store(session, principal, filename, stream, folder, max_bytes)
    file = submissions.add(session, EvidenceFile(value_id=row.id, **stored.fields()))
    audit.record(session, actor=principal.username, action="evidence.attach", entity="submission",
                 entity_key=loaded.key, after={"indicator": indicator, "file": file.filename, "sha256": file.sha256})
    return file


def _of_submission(session: Session, loaded: Loaded, evidence_id: int) -> tuple[EvidenceFile, SubmissionValue]:
    found = submissions.evidence(session, evidence_id)
    if found is None or loaded.submission is None or found[1].submission_id != loaded.submission.id:
        raise NotFound("Không tìm thấy tệp minh chứng.")
    return found


def find(session: Session, loaded: Loaded, evidence_id: int, folder: Path) -> tuple[EvidenceFile, Path]:
    """The file if it belongs to this submission (the caller's right to read it was checked on load)."""
    found, _value = _of_submission(session, loaded, evidence_id)
    return found, stored_path(folder, found.storage_key)


def remove(session: Session, principal: Principal, loaded: Loaded, evidence_id: int, folder: Path) -> None:
    """Its uploader takes a file back while the report is editable; the bytes go once the removal commits."""
    principal.require_unit("values:write", loaded.unit.id)
    ensure_editable(loaded)
    found, value = _of_submission(session, loaded, evidence_id)
    if found.uploaded_by != principal.username:
        raise Forbidden("Chỉ người đã tải tệp minh chứng lên mới được gỡ tệp này.")
    audit.record(session, actor=principal.username, action="evidence.remove", entity="submission",
                 entity_key=loaded.key, before={"indicator": value.indicator_code, "file": found.filename,
                                                "sha256": found.sha256})
    submissions.remove(session, found)
    discard(session, folder / found.storage_key)


def keep_written(session: Session) -> None:
    """The transaction committed: its files stay, and the files of the rows it deleted go."""
    session.info.pop(_WRITTEN, None)
    for path in session.info.pop(_DELETED, ()):
        path.unlink(missing_ok=True)


def remove_written(session: Session) -> None:
    """The transaction rolled back: a file whose row is gone would be stored forever with nothing pointing at
    it, and a file whose removal was undone stays."""
    session.info.pop(_DELETED, None)
    for path in session.info.pop(_WRITTEN, ()):
        path.unlink(missing_ok=True)
