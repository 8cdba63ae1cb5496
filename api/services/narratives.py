"""The units' narratives of a period: achievements, models, difficulties and proposals, with attachments.

In a review period (sơ kết 2028, tổng kết 2030) the narrative is the unit's report, not scored; in the
others it goes beside the scored report. The consolidated report gathers its difficulties and proposals.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from api import clock
from api.db.models import Period, Unit
from api.db.nomination_models import Attachment, Narrative
from api.db.repositories import audit, rows
from api.db.repositories import nominations as repo
from api.domain.nominations import NARRATIVE_SECTIONS
from api.domain.search import NarrativeSort
from api.services import attachments
from api.services.access import Principal
from api.services.audit import fields
from api.services.errors import Conflict, NotFound
from api.services.lookups import period_by_code, unit_by_code

ENTITY = "narrative"


@dataclass(frozen=True)
class NarrativeView:
    period: Period
    unit: Unit
    narrative: Narrative | None
    files: tuple[Attachment, ...]


def _views(session: Session, period: Period, found: list[tuple[Narrative, Unit]]) -> list[NarrativeView]:
    files = repo.files_of(session, narrative_ids=[narrative.id for narrative, _unit in found])
    return [
        NarrativeView(period, unit, narrative, tuple(files.get(narrative.id, ())))
        for narrative, unit in found
    ]


def _located(
    session: Session, principal: Principal, period_code: str, unit_code: str, permission: str
) -> tuple[Period, Unit]:
    principal.require(permission)
    period, unit = period_by_code(session, period_code), unit_by_code(session, unit_code)
    if not principal.sees_unit(unit.id):
        raise NotFound("Không tìm thấy báo cáo của đơn vị này.")
    return period, unit


def get(session: Session, principal: Principal, period_code: str, unit_code: str) -> NarrativeView:
    period, unit = _located(session, principal, period_code, unit_code, "narratives:read")
    narrative = repo.narrative(session, period.id, unit.id)
    if narrative is None:
        return NarrativeView(period, unit, None, ())
    return _views(session, period, [(narrative, unit)])[0]


def list_of_period(session: Session, principal: Principal, period_code: str, q: str | None = None,
                   sort: NarrativeSort | None = None) -> list[NarrativeView]:
    """The narratives written in a period: every unit's for the provincial bodies, a reporter's own; ``q``:
    of the units it finds by name or code."""
    principal.require("narratives:read")
    period = period_by_code(session, period_code)
    unit_id = None if principal.reaches_all_units else principal.unit_id or -1
    return _views(session, period, repo.narratives_of_period(session, period.id, unit_id, q, sort))


def _editable(
    session: Session, principal: Principal, period_code: str, unit_code: str
) -> tuple[Period, Unit]:
    period, unit = _located(session, principal, period_code, unit_code, "narratives:write")
    if period.status == "locked":
        raise Conflict("Kỳ báo cáo đã khóa: không sửa được báo cáo thuyết minh.")
    return period, unit


def save(
    session: Session, principal: Principal, period_code: str, unit_code: str, texts: dict[str, str]
) -> NarrativeView:
    """The unit's own narrative, written whole (each section may be empty) while the period is open."""
    period, unit = _editable(session, principal, period_code, unit_code)
    narrative = repo.narrative(session, period.id, unit.id)
    before = fields(narrative, *NARRATIVE_SECTIONS) if narrative else None
    if narrative is None:
        narrative = Narrative(period_id=period.id, unit_id=unit.id)
    for section in NARRATIVE_SECTIONS:
        setattr(narrative, section, texts.get(section, "").strip())
    narrative.updated_by, narrative.updated_at = principal.username, clock.now()
    rows.add(session, narrative)
    audit.record(
        session,
        actor=principal.username,
        action="narrative.save",
        entity=ENTITY,
        entity_key=f"{period.code}/{unit.code}",
        before=before,
        after=fields(narrative, *NARRATIVE_SECTIONS),
    )
    return get(session, principal, period.code, unit.code)


def attach(
    session: Session,
    principal: Principal,
    period_code: str,
    unit_code: str,
    filename: str,
    stream: BinaryIO,
    folder: Path,
    max_bytes: int,
) -> Attachment:
    period, unit = _editable(session, principal, period_code, unit_code)
    narrative = repo.narrative(session, period.id, unit.id)
    if narrative is None:
        raise Conflict("Hãy lưu báo cáo thuyết minh trước khi đính kèm tệp.")
    return attachments.attach(
        session,
        principal,
        owner={"narrative_id": narrative.id},
        entity=ENTITY,
        entity_key=f"{period.code}/{unit.code}",
        filename=filename,
        stream=stream,
        folder=folder,
        max_bytes=max_bytes,
    )


def detach(
    session: Session, principal: Principal, period_code: str, unit_code: str, file_id: int, folder: Path
) -> None:
    period, unit = _editable(session, principal, period_code, unit_code)
    found = get(session, principal, period.code, unit.code)
    attachments.remove(
        session,
        principal,
        attachments.one_of(list(found.files), file_id),
        entity=ENTITY,
        entity_key=f"{period.code}/{unit.code}",
        folder=folder,
    )


def file_of(
    session: Session, principal: Principal, period_code: str, unit_code: str, file_id: int
) -> Attachment:
    return attachments.one_of(list(get(session, principal, period_code, unit_code).files), file_id)
