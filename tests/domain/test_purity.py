"""The domain stays pure: import-linter contracts hold, and it runs in a bare Python without site-packages."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCORE_ONE_UNIT = """
import sys
sys.path.insert(0, {root!r})
import api.domain as d
assert not [name for name in sys.modules if name.split('.')[0] in {{'pydantic', 'sqlalchemy', 'fastapi'}}]
catalog = d.load_catalog(d.default_catalog_path())
period = catalog.period('2026-H1')
values = {{'SN-01': d.Value(date=period.start), 'SN-02': d.Value(numerator=19, denominator=20),
          'SN-03': d.Value(count=0), 'SN-06': d.Value(count=2)}}
score = d.score_unit(d.UnitKind.COMMUNE, catalog, values, period, catalog.scheme)
print(score.total, score.tier.name)
"""


def test_import_linter_contracts_are_kept():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is a dev dependency"
    result = subprocess.run(
        [lint_imports], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The domain imports only the standard library KEPT" in result.stdout


def test_domain_runs_without_site_packages():
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", SCORE_ONE_UNIT.format(root=str(ROOT))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # SN-02 at 95% misses its 100% target: KL 100, GD 50 -> 75
    assert result.stdout.split() == ["75", "TOT"]
