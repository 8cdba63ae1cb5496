"""Characters no text of the application may hold, wherever it comes from (JSON, URL, import file).

C0 control characters (but tab, line feed and carriage return, which notes may hold), DEL, C1 control
characters, UTF-16 surrogates and the non-characters U+FFFE and U+FFFF: PostgreSQL refuses a NUL in
text (a driver error, a 500 without this rule), SQLite would store any of them, and none is ever typed
by a person.
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# In a path or a query string not even tab or a line break has a use.
FORBIDDEN_IN_URL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str, pattern: re.Pattern[str] = FORBIDDEN) -> str | None:
    """``"U+0000"`` for the first forbidden character of ``text``, None when there is none."""
    found = pattern.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def message(code: str) -> str:
    return f"Không được chứa ký tự điều khiển hoặc ký tự không hợp lệ (mã {code})."


# Bidirectional and invisible format characters: U+202E turns "evil\u202efdp.exe" into "evilexe.pdf" on
# screen. A file name never needs them.
_BIDI_AND_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
FILE_NAME_MAX = 255


def file_name(given: str | None, fallback: str = "minh-chung") -> str:
    """A file name fit to store and show: its last path part (``/`` or ``\\``), NFC, without control,
    bidirectional or invisible characters, leading dots or spaces, at most 255 characters; the fallback
    when nothing is left."""
    text = unicodedata.normalize("NFC", given or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _ANY_CONTROL.sub("", _BIDI_AND_INVISIBLE.sub("", " ".join(text.split())))
    text = text.lstrip(". ").rstrip()
    return text[:FILE_NAME_MAX] or fallback


def code(given: str) -> str:
    """A code (unit, group) in its one spelling: NFKC (full-width letters and digits become ASCII),
    stripped, upper case; "cax-001", " Cax-001 " and "ＣＡＸ－００１" are CAX-001."""
    return unicodedata.normalize("NFKC", given).strip().upper()


def username(given: str) -> str:
    """A user name in its one spelling: NFKC, stripped, lower case."""
    return unicodedata.normalize("NFKC", given).strip().lower()
