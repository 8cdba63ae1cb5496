"""Every action and every kind of record the API writes to the audit log has a Vietnamese name
(api/domain/audit.py)."""

import re
from pathlib import Path

from api.domain.appraisal import AppraisalAction
from api.domain.audit import ACTION_NAMES, ENTITY_NAMES, action_name, entity_name
from api.domain.awards import ProposalAction
from api.domain.inspections import FindingDecision
from api.domain.submissions import SubmissionAction

API = Path(__file__).resolve().parents[2] / "api"


def _sources() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in API.rglob("*.py") if "domain/audit" not in str(path))


def _recorded() -> set[str]:
    """The literal codes of the sources (action="unit.contact", ... else "model.update"), and the codes made
    from an enum (f"award.{action.value}") or an owner (f"{entity}.attach")."""
    sources = _sources()
    literal = set(re.findall(r'action(?:: str)? ?= ?"([a-z_]+\.[a-z_.]+)"', sources))
    literal |= set(re.findall(r'else "([a-z_]+\.[a-z_.]+)"', sources))
    made = {f"award.{a.value}" for a in ProposalAction} | {f"budget.{a.value}" for a in AppraisalAction}
    made |= {f"submission.{a.value}" for a in SubmissionAction} | {f"inspection.finding.{d.value}" for d in FindingDecision}
    made |= {f"{owner}.{verb}" for owner in ("nomination", "narrative") for verb in ("attach", "detach")}
    return literal | made


def test_every_recorded_action_has_a_name():
    recorded = _recorded()
    assert {"unit.contact", "session.refused", "model.update", "award.refuse"} <= recorded
    assert recorded - ACTION_NAMES.keys() == set()


def test_an_action_without_a_name_shows_its_code():
    assert action_name("unit.contact") == "Cập nhật thư điện tử đơn vị"
    assert action_name("something.new") == "something.new"


def test_every_kind_of_record_has_a_name():
    """The literal kinds (entity="unit") and a module's own (ENTITY = "nomination")."""
    sources = _sources()
    written = set(re.findall(r'entity="([a-z_]+)"', sources)) | set(re.findall(r'^ENTITY = "([a-z_]+)"', sources, re.MULTILINE))
    assert {"unit", "safety_model", "nomination", "narrative"} <= written
    assert written - ENTITY_NAMES.keys() == set()
    assert entity_name("safety_model") == "Mô hình tự quản" and entity_name("something_new") == "something_new"
