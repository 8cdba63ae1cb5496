"""One transaction owner: only api/services/transaction.py commits or rolls back a session, and no
listener on the Session class does work behind a commit."""

import ast
from pathlib import Path

API_DIR = Path(__file__).resolve().parent.parent / "api"
OWNER = API_DIR / "services" / "transaction.py"
# Savepoints (SessionTransaction objects), not the request's transaction; the SQLite writer session
# subclass and the event-loop connection release locks of their own; `transaction.commit(...)` is the owner.
ALLOWED_RECEIVERS = {"transaction", "row", "outer", "_nested", "super()", "fairy"}


def ends_of_transactions(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"commit", "rollback"}:
            receiver = ast.unparse(node.func.value)
            if receiver not in ALLOWED_RECEIVERS:
                found.append(f"{path.relative_to(API_DIR.parent)}:{node.lineno} {receiver}.{node.func.attr}()")
    return found


def test_only_the_owner_commits_or_rolls_back():
    offenders = [hit for path in API_DIR.rglob("*.py") if path != OWNER for hit in ends_of_transactions(path)]
    assert offenders == []
    assert ends_of_transactions(OWNER), "the rule would pass vacuously if the owner's own calls were not seen"


def test_no_listener_on_the_session_class():
    sources = "\n".join(path.read_text(encoding="utf-8") for path in API_DIR.rglob("*.py"))
    assert "listens_for(Session" not in sources
    assert 'event.listen(Session,' not in sources
