"""One authorization model: the table in api/domain/permissions.py decides; every other module of the
API asks it for a permission by name and never compares a role."""

import ast
from pathlib import Path

from api.domain.permissions import (
    ROLE_PERMISSIONS,
    TOKEN_SCOPES,
    Permission,
    Role,
    granted,
    needs_unit,
    scope_grants,
    scopes_beyond,
)
from api.services.access import Principal

API_DIR = Path(__file__).resolve().parent.parent / "api"
TABLE = API_DIR / "domain" / "permissions.py"
ROLE_NAMES = {role.value for role in Role}
ASKING = {"require", "can", "require_unit"}


def _names_a_role(node: ast.AST) -> bool:
    """A role spelled out: a string literal, or a literal collection holding one."""
    if isinstance(node, ast.Constant):
        return node.value in ROLE_NAMES
    if isinstance(node, ast.Set | ast.Tuple | ast.List):
        return any(_names_a_role(element) for element in node.elts)
    if isinstance(node, ast.Call) and ast.unparse(node.func) in {"frozenset", "set", "tuple"}:
        return any(_names_a_role(argument) for argument in node.args)
    return False


def _is_a_callers_role(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "role" and ast.unparse(node.value) == "principal"


def role_decisions(path: Path, root: Path = API_DIR.parent) -> list[str]:
    """Comparisons with a role name or with the caller's role, and sets of role names kept aside."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_names_a_role(o) or _is_a_callers_role(o) for o in operands):
                found.append(f"{path.relative_to(root)}:{node.lineno} {ast.unparse(node)}")
        elif isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Set | ast.Call) \
                and _names_a_role(node.value):
            found.append(f"{path.relative_to(root)}:{node.lineno} {ast.unparse(node)}")
    return found


def asked_permissions(path: Path) -> list[tuple[str, int, str]]:
    """Every permission named in a ``principal.require/can/require_unit("...")`` call."""
    return [
        (str(path.relative_to(API_DIR.parent)), node.lineno, node.args[0].value)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ASKING
        and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
    ]


def test_no_role_is_compared_outside_the_table():
    offenders = [hit for path in API_DIR.rglob("*.py") if path != TABLE for hit in role_decisions(path)]
    assert offenders == []


def test_the_rule_sees_what_it_forbids(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'if principal.role == "reporter": pass\n'
        'if role in {"admin", "reviewer"}: pass\n'
        'STANDING_BODY = frozenset({"admin", "reviewer"})\n'
        'if principal.role in ALLOWED: pass\n'
        'if user.role != role: pass\n'  # a change of role, not a decision: allowed
    )
    hits = [line.split(" ", 1)[1] for line in role_decisions(sample, tmp_path)]
    assert sorted(hits) == sorted([
        "principal.role == 'reporter'",
        "role in {'admin', 'reviewer'}",
        "STANDING_BODY = frozenset({'admin', 'reviewer'})",
        "principal.role in ALLOWED",
    ])


def test_no_authorization_by_role_remains():
    sources = "\n".join(path.read_text(encoding="utf-8") for path in API_DIR.rglob("*.py"))
    assert "require_role" not in sources
    assert "has_role" not in sources


def test_every_asked_permission_is_in_the_table():
    asked = [hit for path in API_DIR.rglob("*.py") for hit in asked_permissions(path)]
    assert len(asked) > 40, "the rule would pass vacuously if the calls were not seen"
    assert [hit for hit in asked if hit[2] not in set(Permission)] == []


def test_every_permission_is_granted_and_asked_for():
    every_granted = set().union(*ROLE_PERMISSIONS.values())
    assert every_granted == set(Permission)
    named = {
        node.value
        for path in API_DIR.rglob("*.py") if path != TABLE
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert set(Permission) - named == set()


def test_a_token_carries_only_token_scopes():
    admin_everything = frozenset(Permission)
    assert granted(Role.ADMIN, admin_everything) == ROLE_PERMISSIONS[Role.ADMIN] & scope_grants(TOKEN_SCOPES)
    assert "inspections:write" not in granted(Role.ADMIN, admin_everything)
    assert granted(Role.ADMIN, frozenset({"scores:read"})) == {"scores:read", "periods:read", "units:read", "catalog:read"}
    assert "reports:read" not in granted(Role.API_CLIENT, frozenset({"reports:read"}))  # its role lacks it
    assert granted("no-such-role") == frozenset()


def test_a_token_holds_no_scope_its_role_lacks():
    assert scopes_beyond(Role.ADMIN, frozenset({"scores:read", "values:write"})) == ["values:write"]
    assert scopes_beyond(Role.REPORTER, frozenset({"values:write", "scores:read"})) == []


def test_reach_confines_a_reporter_to_its_unit():
    reporter = Principal(1, "baocao", Role.REPORTER, unit_id=7)
    token = Principal(1, "baocao", Role.REPORTER, unit_id=7, scopes=frozenset({"submissions:read"}))
    leader = Principal(2, "leader", Role.LEADER, unit_id=3)
    assert reporter.sees_unit(7) and not reporter.sees_unit(8)
    assert token.score_detail_units == [7]
    assert leader.sees_unit(8) and leader.score_detail_units is None
    assert needs_unit(Role.REPORTER) and not needs_unit(Role.LEADER)
