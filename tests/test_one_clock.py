"""One clock: nothing in the application reads the system time except api/clock.py."""

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from api import clock

API_DIR = Path(__file__).resolve().parent.parent / "api"
SYSTEM_TIME = {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"), ("time", "time"),
               ("datetime", "today")}


def system_time_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and (node.func.value.id, node.func.attr) in SYSTEM_TIME):
            found.append(f"{path.relative_to(API_DIR.parent)}:{node.lineno}")
    return found


def test_only_the_clock_reads_the_system_time():
    offenders = [hit for path in API_DIR.rglob("*.py") if path.name != "clock.py" for hit in system_time_calls(path)]
    assert offenders == []
    assert system_time_calls(API_DIR / "clock.py"), "the rule would pass vacuously if the clock itself was not seen"


def test_the_clock_starts_at_the_instant_set_and_advances(clock_reset):
    instant = datetime(2026, 11, 30, 16, 59, 30, tzinfo=UTC)  # 23:59:30 on 30/11 in Vietnam
    clock.set_now(instant)
    first = clock.now()
    assert timedelta_seconds(first - instant) < 5
    assert clock.today() == date(2026, 11, 30)
    assert clock.now() >= first
    clock.set_now(datetime(2026, 11, 30, 17, 0, tzinfo=UTC))  # midnight in Vietnam
    assert clock.today() == date(2026, 12, 1)


def test_the_clock_refuses_a_naive_instant(clock_reset):
    with pytest.raises(ValueError):
        clock.set_now(datetime(2026, 12, 5, 9, 0))


def test_banhat_now_sets_the_clock_of_the_app(monkeypatch, clock_reset, tmp_path):
    from api.settings import Settings, apply_clock

    monkeypatch.setenv("BANHAT_NOW", "2031-06-01T08:00:00+07:00")
    apply_clock(Settings(database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}"))
    assert clock.today() == date(2031, 6, 1)


def timedelta_seconds(delta) -> float:
    return abs(delta.total_seconds())


@pytest.fixture
def clock_reset():
    yield
    clock.set_now(None)
