"""One word for one thing (docs/glossary.md): the variants the glossary rejects are not shown to users,
in the SPA's sources or in the API's messages, e-mails and documents."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = (ROOT / "frontend" / "src", ROOT / "api")
SUFFIXES = {".py", ".ts", ".tsx"}
# Rejected variant -> the glossary's word (case-insensitive; "trễ" alone also names other things).
REJECTED = {r"trễ hạn": "Muộn", r"chỉ tiêu loại trừ": "Chỉ tiêu phủ quyết"}


def test_the_glossary_lists_the_rejected_variants():
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").lower()
    for variant, kept in REJECTED.items():
        assert variant in glossary and kept.lower() in glossary


def test_no_rejected_variant_is_shown_to_users():
    found = []
    for top in SCANNED:
        for path in sorted(top.rglob("*")):
            if path.suffix not in SUFFIXES or "__tests__" in path.parts or path.name == "schema.d.ts":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for variant, kept in REJECTED.items():
                    if re.search(variant, line, re.IGNORECASE):
                        found.append(f"{path.relative_to(ROOT)}:{number}: “{variant}” (say “{kept}”)")
    assert not found, "\n".join(found)
