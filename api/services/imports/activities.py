"""Import dated activities (one row per activity) into the units' reports of a period.

Each row goes through the same service as the form (``services.activities.record``), so the rules,
the audit entries and the rescoring are theirs. A row that repeats an activity already recorded (same
unit, period, indicator, day and description) is left unchanged, so a file imported twice adds nothing.
"""

from __future__ import annotations

from typing import BinaryIO

from sqlalchemy.orm import Session

from api.services import activities, submissions
from api.services.access import Principal
from api.services.imports import cells
from api.services.imports.columns import ColumnSet, ColumnSpec
from api.services.imports.directory import import_rows, required
from api.services.imports.report import ImportReport

ACTIVITY_COLUMNS = ColumnSet(
    [
        ColumnSpec("unit", "Mã đơn vị", ("unit_code",), required=True),
        ColumnSpec("period", "Kỳ báo cáo", ("period_code", "mã kỳ"), required=True),
        ColumnSpec("indicator", "Mã chỉ tiêu", ("indicator_code", "chỉ tiêu"), required=True),
        ColumnSpec("date", "Ngày", ("ngày thực hiện", "day"), required=True),
        ColumnSpec("description", "Nội dung", ("nội dung hoạt động", "mô tả"), required=True),
        ColumnSpec("subject", "Lĩnh vực", ()),
        ColumnSpec("channel", "Hình thức", ()),
        ColumnSpec("evidence", "Minh chứng", ("số văn bản",)),
    ]
)
_READERS = {"date": cells.day, "description": cells.plain, "subject": cells.plain, "channel": cells.plain,
            "evidence": cells.plain}


def import_activities(session: Session, principal: Principal, file: BinaryIO, **options) -> ImportReport:
    principal.require("values:write")
    return import_rows(session, principal, file, "activities", ACTIVITY_COLUMNS, _activity_row,
                       readers=_READERS, **options)


def _activity_row(session: Session, principal: Principal, fields: dict[str, object]) -> str:
    period = required(fields, "period", "Thiếu mã kỳ báo cáo.")
    unit = required(fields, "unit", "Thiếu mã đơn vị.")
    loaded = submissions.load(session, principal, period, unit, "values:write")
    raw = {name: fields.get(name) for name in ("indicator", *activities.ACTIVITY_FIELDS)}
    code, activity = activities.parse(session, loaded, raw, [])
    for existing in activities.listing(session, loaded, code):
        if existing.day == activity.day and existing.description == activity.description:
            return "unchanged"
    activities.record(session, principal, loaded, raw, [])
    return "created"
