"""Text bound for a spreadsheet cell is never a formula (CSV/formula injection, OWASP).

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or tab, carriage return or line
feed, which some programs skip before looking) as a formula: a unit name or a note typed as
``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0`` would run on the desk of whoever opens an export. Every
writer of CSV or XLSX (exports, import templates, report and budget workbooks) passes each value through
:func:`inert`: such text gets a leading apostrophe, as OWASP advises, and is written as text. Numbers,
dates and booleans are not text and stay what they are, so scores remain numbers a spreadsheet sums.
The full-width forms (``＝ ＋ － ＠``), which some spreadsheets with an East Asian input method also take
for formulas, are treated the same way.

:func:`typed` undoes it on the way back in: a value exported and imported again is unchanged.
"""

from __future__ import annotations

FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
QUOTE = "'"


def inert(value: object) -> object:
    """``value`` as it may go into a cell: text a spreadsheet would evaluate gets a leading apostrophe;
    anything else (numbers, dates, other text, None) is returned unchanged."""
    if value.__class__ is str and value and value[0] in FORMULA_TRIGGERS:
        return QUOTE + value
    return value


def typed(text: str) -> str:
    """Text read back from a cell: the apostrophe :func:`inert` added in front of a formula character
    is removed, so an exported note imports back as it was."""
    if len(text) > 1 and text[0] == QUOTE and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text
