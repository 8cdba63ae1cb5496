"""Text folded for searching, the same on SQLite and PostgreSQL: the database compares stored folded text
with a folded query, so neither engine's collation or accent functions (``unaccent`` is an extension,
SQLite has none) decide what matches.

Folding: Unicode NFD with the combining marks dropped, "đ"/"Đ" as "d" (a letter of its own, not a "d" with
a mark), lower case, runs of white space as one space. "Công an phường Phố Hiến" -> "cong an phuong pho hien".
The SPA folds the same way for the lists it filters itself (frontend/src/lib/search-text.ts).
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("đ", "d").replace("Đ", "d").lower().split())
