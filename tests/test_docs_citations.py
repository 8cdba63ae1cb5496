"""Code cites only documents that exist: every `docs/<name>.md` named in the code, the SPA, the
migrations and the tests is a file of the repository."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("api", "frontend/src", "migrations", "tests")
SUFFIXES = {".py", ".ts", ".tsx", ".mjs", ".js", ".json", ".yaml", ".md", ".html", ".css"}
CITATION = re.compile(r"(?<![\w./-])docs/[\w./-]+?\.md\b")


def citations() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file() or "node_modules" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                for cited in CITATION.findall(line):
                    found.setdefault(cited, []).append(f"{path.relative_to(ROOT)}:{number}")
    return found


def test_the_scan_finds_citations():
    assert "docs/scoring.md" in citations()


def test_every_cited_document_exists():
    missing = {cited: places for cited, places in citations().items() if not (ROOT / cited).is_file()}
    assert not missing, f"cited but not in the repository: {missing}"
