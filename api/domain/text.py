"""Characters no text of the application may hold, wherever it comes from (JSON, URL, import file).

C0 control characters (but tab, line feed and carriage return, which notes may hold), DEL, C1 control
characters, UTF-16 surrogates and the non-characters U+FFFE and U+FFFF: PostgreSQL refuses a NUL in
text (a driver error, a 500 without this rule), SQLite would store any of them, and none is ever typed
by a person.
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# In a path or a query string not even tab or a line break has a use.
FORBIDDEN_IN_URL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str, pattern: re.Pattern[str] = FORBIDDEN) -> str | None:
    """``"U+0000"`` for the first forbidden character of ``text``, None when there is none."""
    found = pattern.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def message(code: str) -> str:
    return f"Không được chứa ký tự điều khiển hoặc ký tự không hợp lệ (mã {code})."
