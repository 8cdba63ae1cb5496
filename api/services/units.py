"""Units (the organisation tree) and emulation groups."""

from sqlalchemy.orm import Session

from api.db.models import Unit
from api.db.repositories import audit, units
from api.domain import text
from api.services import scoring
from api.services.access import Principal
from api.services.errors import FieldProblem, Invalid, NotFound


def get(session: Session, code: str) -> Unit:
    unit = units.by_code(session, code)
    if unit is None or not unit.active:
        raise NotFound(f"Không tìm thấy đơn vị «{code}».")
    return unit


def search(session: Session, principal: Principal, *, kind, group, parent, q, page: int, page_size: int):
    principal.require("units:read")
    group_id = parent_id = None
    if group:
        found = units.group_by_code(session, group)
        if found is None:
            return [], 0
        group_id = found.id
    if parent:
        parent_id = get(session, parent).id
    return units.search(session, kind=kind, group_id=group_id, parent_id=parent_id, q=q,
                        offset=(page - 1) * page_size, limit=page_size)


def one(session: Session, principal: Principal, code: str) -> tuple[Unit, str | None, str | None]:
    principal.require("units:read")
    unit = get(session, code)
    parent = units.by_id(session, unit.parent_id) if unit.parent_id else None
    codes = {g.id: g.code for g, _ in units.groups_with_counts(session)}
    return unit, parent.code if parent else None, codes.get(unit.group_id)


def tree(session: Session, principal: Principal) -> list[dict]:
    """The whole tree as nested dicts, built from one query."""
    principal.require("units:read")
    nodes: dict[int, dict] = {}
    parents: dict[int, int | None] = {}
    for unit_id, parent_id, code, name, kind, group in units.all_for_tree(session):
        nodes[unit_id] = {"code": code, "name": name, "kind": kind, "group": group, "children": []}
        parents[unit_id] = parent_id
    roots = []
    for unit_id, node in nodes.items():
        parent_id = parents[unit_id]
        (nodes[parent_id]["children"] if parent_id in nodes else roots).append(node)
    return roots


def groups(session: Session, principal: Principal):
    principal.require("units:read")
    return units.groups_with_counts(session)


def _resolve(session: Session, field: str, parent_code: str | None, group_code: str | None):
    problems = []
    parent = units.by_code(session, text.code(parent_code)) if parent_code else None
    if parent_code and parent is None:
        problems.append(FieldProblem(["body", "parent"], "Không có đơn vị cấp trên với mã này."))
    group = units.group_by_code(session, text.code(group_code)) if group_code else None
    if group_code and group is None:
        problems.append(FieldProblem(["body", "group"], "Không có cụm, khối thi đua với mã này."))
    if problems:
        raise Invalid(f"Không thể lưu đơn vị «{field}».", problems)
    return parent, group


def _snapshot(unit: Unit, parent, group) -> dict:
    return {"name": unit.name, "kind": unit.kind, "parent": parent.code if parent else None,
            "group": group.code if group else None}


def create(session: Session, principal: Principal, data: dict) -> Unit:
    principal.require("units:write")
    data = {**data, "code": text.code(data["code"])}
    if units.code_taken(session, data["code"]):
        raise Invalid("Mã đơn vị đã tồn tại.", [FieldProblem(["body", "code"], "Mã đơn vị đã tồn tại.")])
    parent, group = _resolve(session, data["code"], data.get("parent"), data.get("group"))
    unit = units.add(session, Unit(code=data["code"], name=data["name"], kind=data["kind"],
                                   parent_id=parent.id if parent else None, group_id=group.id if group else None,
                                   active=True))
    audit.record(session, actor=principal.username, action="unit.create", entity="unit", entity_key=unit.code,
                 after=_snapshot(unit, parent, group))
    if unit.group_id is not None:
        scoring.unit_changed(session, unit, left_group_id=None)
    return unit


def update(session: Session, principal: Principal, code: str, changes: dict) -> Unit:
    principal.require("units:write")
    unit = get(session, code)
    old_parent = units.by_id(session, unit.parent_id) if unit.parent_id else None
    old_group = next((g for g, _ in units.groups_with_counts(session) if g.id == unit.group_id), None)
    before = _snapshot(unit, old_parent, old_group)
    parent_code = changes["parent"] if "parent" in changes else before["parent"]
    group_code = changes["group"] if "group" in changes else before["group"]
    parent, group = _resolve(session, code, parent_code, group_code)
    if parent is not None and _is_descendant_or_self(session, parent, unit):
        raise Invalid("Cấp trên không hợp lệ.", [FieldProblem(["body", "parent"], "Không thể đặt đơn vị con làm cấp trên.")])
    left_group_id, old_kind = unit.group_id, unit.kind
    unit.name = changes.get("name") or unit.name
    unit.kind = changes.get("kind") or unit.kind
    unit.parent_id, unit.group_id = (parent.id if parent else None), (group.id if group else None)
    session.flush()
    audit.record(session, actor=principal.username, action="unit.update", entity="unit", entity_key=code,
                 before=before, after=_snapshot(unit, parent, group))
    if (unit.group_id, unit.kind) != (left_group_id, old_kind):
        scoring.unit_changed(session, unit, left_group_id)
    return unit


def _is_descendant_or_self(session: Session, candidate: Unit, unit: Unit) -> bool:
    node = candidate
    while node is not None:
        if node.id == unit.id:
            return True
        node = units.by_id(session, node.parent_id) if node.parent_id else None
    return False
