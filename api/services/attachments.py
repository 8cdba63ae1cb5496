"""Files attached to a nomination (its dossier) or to a narrative, stored as evidence files are."""

from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from api.db.nomination_models import Attachment
from api.db.repositories import audit, rows
from api.services import evidence
from api.services.access import Principal
from api.services.errors import Forbidden, NotFound


def attach(
    session: Session,
    principal: Principal,
    *,
    owner: dict[str, int],
    entity: str,
    entity_key: str,
    filename: str,
    stream: BinaryIO,
    folder: Path,
    max_bytes: int,
) -> Attachment:
    """Check and store the file (type by content, size), its row and the audit entry."""
    stored = evidence.store(session, principal, filename, stream, folder, max_bytes)
    file = rows.add(session, Attachment(**owner, **stored.fields()))
    audit.record(
        session,
        actor=principal.username,
        action=f"{entity}.attach",
        entity=entity,
        entity_key=entity_key,
        after={"file": file.filename, "sha256": file.sha256},
    )
    return file


def one_of(files: list[Attachment], file_id: int) -> Attachment:
    found = next((file for file in files if file.id == file_id), None)
    if found is None:
        raise NotFound("Không tìm thấy tệp đính kèm.")
    return found


def remove(
    session: Session, principal: Principal, file: Attachment, *, entity: str, entity_key: str, folder: Path
) -> None:
    """Its uploader takes a file back; the bytes go once the removal commits."""
    if file.uploaded_by != principal.username:
        raise Forbidden("Chỉ người đã tải tệp lên mới được gỡ tệp này.")
    audit.record(
        session,
        actor=principal.username,
        action=f"{entity}.detach",
        entity=entity,
        entity_key=entity_key,
        before={"file": file.filename, "sha256": file.sha256},
    )
    rows.remove(session, file)
    evidence.discard(session, folder / file.storage_key)
