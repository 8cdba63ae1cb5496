"""Units (the organisation tree) and emulation groups."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.db.models import EmulationGroup, Unit
from api.db.repositories import audit, units
from api.domain import text
from api.domain.search import UnitSort
from api.services import scoring
from api.services.access import Principal
from api.services.errors import FieldProblem, Invalid, NotFound


def get(session: Session, code: str) -> Unit:
    unit = units.by_code(session, code)
    if unit is None or not unit.active:
        raise NotFound(f"Không tìm thấy đơn vị «{code}».")
    return unit


def group_id(session: Session, group: str | None) -> int | None:
    """The id of the emulation group ``group`` (None: every group); 404 naming it when unknown."""
    if not group:
        return None
    found = units.group_by_code(session, group)
    if found is None:
        raise NotFound(f"Không tìm thấy cụm, khối thi đua «{group}».")
    return found.id


def search(session: Session, principal: Principal, *, kind, group, parent, q, page: int, page_size: int,
           sort: UnitSort | None = None):
    principal.require("units:read")
    parent_id = get(session, parent).id if parent else None
    return units.search(session, kind=kind, group_id=group_id(session, group), parent_id=parent_id, q=q,
                        offset=(page - 1) * page_size, limit=page_size, sort=sort)


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
    new = NewUnit(data["code"], data["name"], data["kind"], parent, group)
    return insert(session, principal, [new])[new]


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
    change(session, principal, [UnitChange(unit, before, changes.get("name"), changes.get("kind"), parent, group)])
    return unit


@dataclass(frozen=True, slots=True)
class NewUnit:
    """A unit to create whose code is free and whose parent and group were found (the parent may be
    another new unit of the same batch, listed before it)."""

    code: str
    name: str
    kind: str
    parent: "Unit | NewUnit | None"
    group: EmulationGroup | None


@dataclass(frozen=True, slots=True)
class UnitChange:
    """A checked change of a unit: ``before`` is its audit snapshot; None name or kind keeps it."""

    unit: Unit
    before: dict
    name: str | None
    kind: str | None
    parent: Unit | NewUnit | None
    group: EmulationGroup | None


def insert(session: Session, principal: Principal, new: Sequence[NewUnit]) -> dict[NewUnit, Unit]:
    """Create checked units in a few statements (the form creates one, an import thousands): inserted
    in order, one audit entry each, scored and ranked in every open period at commit. The units made."""
    made: dict[NewUnit, Unit] = {}
    for row in new:
        parent = made[row.parent] if isinstance(row.parent, NewUnit) else row.parent
        if parent is not None and parent.id is None:
            session.flush()  # a parent created just before: its id is needed now
        made[row] = Unit(code=row.code, name=row.name, kind=row.kind, parent_id=parent.id if parent else None,
                         group_id=row.group.id if row.group else None, active=True)
        session.add(made[row])
    session.flush()
    audit.record_many(session, actor=principal.username, action="unit.create", entity="unit",
                      changes=[(unit.code, None, _snapshot(unit, row.parent, row.group)) for row, unit in made.items()])
    scoring.units_changed(session, [(unit, None) for unit in made.values() if unit.group_id is not None])
    return made


def change(session: Session, principal: Principal, changes: Sequence[UnitChange],
           made: Mapping[NewUnit, Unit] | None = None) -> None:
    """Apply checked changes of units (a new parent may be a unit ``made`` by :func:`insert`), audited,
    rescoring those moved or of another kind at commit."""
    moved = []
    for row in changes:
        unit = row.unit
        parent = made[row.parent] if isinstance(row.parent, NewUnit) and made else row.parent
        left_group_id, old_kind = unit.group_id, unit.kind
        unit.name = row.name or unit.name
        unit.kind = row.kind or unit.kind
        unit.parent_id, unit.group_id = (parent.id if parent else None), (row.group.id if row.group else None)
        if (unit.group_id, unit.kind) != (left_group_id, old_kind):
            moved.append((unit, left_group_id))
    session.flush()
    audit.record_many(session, actor=principal.username, action="unit.update", entity="unit",
                      changes=[(row.unit.code, row.before, _snapshot(row.unit, row.parent, row.group))
                               for row in changes])
    scoring.units_changed(session, moved)


def _is_descendant_or_self(session: Session, candidate: Unit, unit: Unit) -> bool:
    node = candidate
    while node is not None:
        if node.id == unit.id:
            return True
        node = units.by_id(session, node.parent_id) if node.parent_id else None
    return False
