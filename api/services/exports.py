"""Write tables as CSV or XLSX for people: Vietnamese headers, frozen header row, column widths and
number formats. Rows are streamed (openpyxl write-only mode), so a national ranking of 10,000 units
does not sit in memory as cell objects.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy.orm import Session

from api.db.repositories import exports as exports_repo
from api.db.repositories import value_imports
from api.domain import Tier, TimelinessStatus, UnitKind, display
from api.domain.audit import action_name, entity_name
from api.domain.awards import ProposalStatus, Recipient
from api.domain.inspections import FindingStatus
from api.domain.nominations import NARRATIVE_SECTIONS, NominationStatus
from api.domain.periods import VIETNAM
from api.domain.permissions import Role
from api.domain.safety_models import MODEL_KINDS, MODEL_STATUSES
from api.domain.search import (
    AuditSort,
    BonusSort,
    ExemplarSort,
    InspectionSort,
    ModelSort,
    NarrativeSort,
    NominationSort,
    ProposalSort,
    SubmissionSort,
    UnitSort,
    UserSort,
)
from api.domain.spreadsheet import inert
from api.domain.submissions import SubmissionStatus
from api.services import (
    accounts,
    audit,
    awards,
    bonuses,
    exemplars,
    inspections,
    models_registry,
    narratives,
    nominations,
    periods,
    scores,
    scoring,
    submissions,
    units,
)
from api.services.access import Principal
from api.services.imports.columns import VALUE_COLUMNS

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
DECIMAL_FORMAT = "#,##0.00"
INTEGER_FORMAT = "#,##0"
HEADER_FILL = PatternFill("solid", start_color="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=13)
WRAP = Alignment(wrap_text=True, vertical="top")


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"

    @property
    def media_type(self) -> str:
        if self is ExportFormat.CSV:
            return "text/csv; charset=utf-8"
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float = 14
    number_format: str | None = None
    wrap: bool = False


@dataclass
class Sheet:
    """One worksheet: an optional title line above the header, then the header, then the rows."""

    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    title: str | None = None
    # Called once with the worksheet before rows are written (data validation, merged cells, ...).
    prepare: Callable[[WriteOnlyWorksheet, int], None] | None = field(default=None)
    # Styles a data cell: (cell, 0-based data row index, 0-based column index) -> None.
    style_cell: Callable[[WriteOnlyCell, int, int], None] | None = field(default=None)


def cell_value(value: object) -> object:
    """What goes into a cell, for every writer of this module: exact scores rounded for display only
    here, to 2 places (the domain's `display`); text never a formula (`api.domain.spreadsheet`)."""
    if isinstance(value, Fraction):
        return display(value)
    return inert(value)


def write_xlsx(target: BinaryIO, sheets: Sequence[Sheet]) -> None:
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(sheet.name[:31]), sheet)
    workbook.save(target)


def _write_sheet(worksheet: WriteOnlyWorksheet, sheet: Sheet) -> None:
    header_row = 1
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    if sheet.title:
        header_row = 3
        worksheet.merged_cells.ranges.add(f"A1:{get_column_letter(len(sheet.columns))}1")
    worksheet.freeze_panes = f"A{header_row + 1}"
    if sheet.prepare is not None:
        sheet.prepare(worksheet, header_row)
    if sheet.title:
        title = WriteOnlyCell(worksheet, cell_value(sheet.title))
        title.font = TITLE_FONT
        worksheet.append([title])
        worksheet.append([])
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(worksheet, cell_value(column.title))
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        header.append(cell)
    worksheet.append(header)
    # A cell of no style goes as its bare value, which openpyxl writes as it writes an unstyled cell: styling
    # a cell object looks its style up in the workbook's, most of a large plain export's time (docs/import.md).
    plain = [column.number_format is None and not column.wrap and sheet.style_cell is None
             for column in sheet.columns]
    for row_index, values in enumerate(sheet.rows):
        row = []
        for index, (column, value) in enumerate(zip(sheet.columns, values, strict=True)):
            if plain[index]:
                row.append(cell_value(value))
                continue
            cell = WriteOnlyCell(worksheet, cell_value(value))
            if column.number_format is not None:
                cell.number_format = column.number_format
            if column.wrap:
                cell.alignment = WRAP
            if sheet.style_cell is not None:
                sheet.style_cell(cell, row_index, index)
            row.append(cell)
        worksheet.append(row)


def write_csv(target: BinaryIO, columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> None:
    """UTF-8 with a byte-order mark (so Excel shows the accents), comma-separated, dates dd/mm/yyyy,
    decimals with a point: the file is for machines as much as for people."""
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow([cell_value(column.title) for column in columns])
    for values in rows:
        writer.writerow([_csv_text(value) for value in values])
    text.flush()
    text.detach()


def _csv_text(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if value is None:
        return ""
    return cell_value(value)


@dataclass(frozen=True)
class Export:
    """A table ready to be written as CSV or XLSX."""

    filename: str
    title: str
    columns: Sequence[Column]
    rows: list[Sequence[object]]

    def write(self, target: BinaryIO, export_format: ExportFormat) -> None:
        if export_format is ExportFormat.CSV:
            write_csv(target, self.columns, self.rows)
        else:
            write_xlsx(target, [Sheet(self.filename[:31], self.columns, self.rows, title=self.title)])


def _fraction(text: object) -> Fraction | None:
    return None if text is None else Fraction(str(text))


RANKING_COLUMNS = (
    Column("Hạng", 7, INTEGER_FORMAT),
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    Column("Cụm, khối thi đua", 12),
    Column("Tổng điểm", 11, DECIMAL_FORMAT),
    Column("Xếp loại", 30),
    Column("Kỷ luật nhất", 11, DECIMAL_FORMAT),
    Column("Trung thành nhất", 11, DECIMAL_FORMAT),
    Column("Gần dân nhất", 11, DECIMAL_FORMAT),
    Column("Chỉ tiêu phủ quyết không đạt", 18),
    Column("Trạng thái báo cáo", 14),
)


def ranking_export(session: Session, principal: Principal, period_code: str, group: str | None,
                   q: str | None = None) -> Export:
    """The ranking of a period (a group, or all groups; the units ``q`` finds), as the ranking page shows it."""
    period, _tag = scores.ranking_etag(session, principal, period_code, group, None)
    ranking = scores.ranking(session, period, group, None, q)
    rows = [
        [
            item["rank"], item["unit"]["code"], item["unit"]["name"], item["group"],
            _fraction(item["total_exact"]), item["tier_label"],
            *(_fraction(item["pillars"].get(pillar)) for pillar in ("KL", "TT", "GD")),
            ", ".join(item["veto_failed"]) or None,
            SubmissionStatus(item["submission_status"]).label if item["submission_status"] else "Chưa báo cáo",
        ]
        for item in ranking["items"]
    ]  # fmt: skip
    suffix = f"-{group}" if group else ""
    return Export(f"xep-hang-{period.code}{suffix}", f"Bảng xếp hạng phong trào “Ba nhất” - {period.name}",
                  RANKING_COLUMNS, rows)  # fmt: skip


EXPLAINED_COLUMNS = (
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 32),
    Column("Mã chỉ tiêu", 10),
    Column("Trụ cột", 8),
    Column("Giá trị đã nhập", 16),
    Column("Yêu cầu", 30, wrap=True),
    Column("Áp dụng", 9),
    Column("Đạt", 7),
    Column("Mức đạt", 9, DECIMAL_FORMAT),
    Column("Trọng số", 9, DECIMAL_FORMAT),
    Column("Điểm", 9, DECIMAL_FORMAT),
    Column("Phủ quyết", 9),
    Column("Tổng điểm đơn vị", 12, DECIMAL_FORMAT),
    Column("Xếp loại", 28),
)


def explained_export(session: Session, principal: Principal, period_code: str, group: str | None) -> Export:
    """Every indicator of every ranked unit with its value, rule, attainment and points; a reporter
    gets its own unit's only, as from ``GET /scores/{period}/{unit}``."""
    period, _tag = scores.ranking_etag(session, principal, period_code, group, None)
    group_id = units.group_id(session, group)
    rows: list[Sequence[object]] = []
    stored = exports_repo.explained_scores(session, period.id, group_id, principal.score_detail_units)
    explained = scoring.explanations(session, period, {unit_id: explanation for unit_id, *_row, explanation in stored})
    for unit_id, code, name, total, final_tier, _stored in stored:
        tier = Tier[final_tier].label
        for item in explained[unit_id].get("indicators", []):
            rows.append([
                code, name, item["code"], item["pillar"], _value_text(item.get("value")),
                item.get("rule_text"), yes_no(item.get("applicable")), yes_no(item.get("met")),
                _fraction(item.get("attainment")), _fraction(item.get("weight")), _fraction(item.get("points")),
                yes_no(item.get("veto")), _fraction(total), tier,
            ])  # fmt: skip
    return Export(f"diem-chi-tiet-{period.code}", f"Điểm chi tiết theo chỉ tiêu - {period.name}",
                  EXPLAINED_COLUMNS, rows)  # fmt: skip


def yes_no(flag: object) -> str | None:
    return None if flag is None else "Có" if flag else "Không"


def _value_text(value: dict | None) -> str | None:
    if not value:
        return None
    if value.get("denominator") is not None:
        return f"{value['numerator']}/{value['denominator']}"
    if value.get("count") is not None:
        return str(value["count"])
    if value.get("flag") is not None:
        return yes_no(value["flag"])
    if value.get("date"):
        return date.fromisoformat(value["date"]).strftime("%d/%m/%Y")
    return None


VALUE_EXPORT_COLUMNS = tuple(
    Column(spec.title, 14 if spec.field != "note" else 40, DATE_FORMAT if spec.field == "date" else None)
    for spec in VALUE_COLUMNS.specs
)


def values_export(session: Session, principal: Principal, period_code: str) -> Export:
    """Raw values of a period in the import file's own columns, so the file imports back as is.
    A reporter gets its own unit; reviewers and leadership every unit."""
    principal.require("submissions:read")
    period = submissions.period_of(session, period_code)
    unit_ids = principal.score_detail_units
    rows = [
        [unit, period.code, indicator, numerator, denominator, count, yes_no(flag), _as_date(day), note]
        for unit, indicator, numerator, denominator, count, flag, day, note in value_imports.values_of_period(
            session, period.id, unit_ids
        )
    ]
    return Export(f"so-lieu-{period.code}", f"Số liệu đã nhập - {period.name}", VALUE_EXPORT_COLUMNS, rows)


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))



SUBMISSION_COLUMNS = (
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    Column("Cụm, khối thi đua", 12),
    Column("Trạng thái", 14),
    Column("Nộp lần đầu", 17, DATETIME_FORMAT),
    Column("Nộp gần nhất", 17, DATETIME_FORMAT),
)
# Every report of a period fits one export (a province has a few hundred units, the nation 10,000).
_ALL = 100_000


def submissions_export(session: Session, principal: Principal, period_code: str, *, status: SubmissionStatus | None,
                       group: str | None, q: str | None, sort: SubmissionSort | None) -> Export:
    """The review queue (or any status) of a period as listed by ``GET /submissions``, on one sheet."""
    rows, _total = submissions.listing(session, principal, period=period_code, unit=None, status=status, group=group,
                                       page=1, page_size=_ALL, q=q, sort=sort)
    period = submissions.period_of(session, period_code)
    title = f"Báo cáo của các đơn vị{f' - {status.label}' if status else ''} - {period.name}"
    return Export(f"bao-cao-{period.code}", title, SUBMISSION_COLUMNS, [
        [unit.code, unit.name, group_code, SubmissionStatus(row.status).label, _local(row.first_submitted_at),
         _local(row.submitted_at)]
        for row, unit, group_code, _period in rows
    ])


REPORTING_STATUS_COLUMNS = (
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    Column("Cụm, khối thi đua", 12),
    Column("Tình trạng", 18),
    Column("Số ngày muộn", 10, INTEGER_FORMAT),
    Column("Trạng thái báo cáo", 14),
    Column("Nộp lần đầu", 17, DATETIME_FORMAT),
)


def reporting_status_export(session: Session, principal: Principal, period_code: str, *, group: str | None,
                            q: str | None, timeliness: TimelinessStatus | None) -> Export:
    """Who reported on time, late or not yet (``GET /periods/{code}/reporting-status``), one row a unit."""
    period, _groups, rows = periods.reporting_status(session, principal, period_code, group, q, timeliness)
    return Export(f"tinh-hinh-bao-cao-{period.code}", f"Tình hình báo cáo - {period.name}", REPORTING_STATUS_COLUMNS, [
        [row["unit"], row["name"], row["group"], row["timeliness_label"], row["days_late"] or None,
         SubmissionStatus(row["status"]).label if row["status"] else "Chưa báo cáo", _local(row["first_submitted_at"])]
        for row in rows
    ])


USER_COLUMNS = (
    Column("Tên đăng nhập", 18),
    Column("Họ và tên", 28),
    Column("Vai trò", 24),
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    Column("Tình trạng", 16),
)


def users_export(session: Session, principal: Principal, *, q: str | None, role: Role | None, active: bool | None,
                 sort: UserSort | None) -> Export:
    """The accounts as listed by ``GET /users`` (admins)."""
    rows = accounts.list_users(session, principal, q=q, role=role, active=active, sort=sort)
    return Export("tai-khoan", "Danh sách tài khoản", USER_COLUMNS, [
        [user.username, user.full_name, Role(user.role).label, unit.code if unit else None, unit.name if unit else None,
         "Đã khóa" if not user.active else "Chờ kích hoạt" if user.activation_hash is not None else "Đang hoạt động"]
        for user, unit in rows
    ])


UNIT_COLUMNS = (
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 40),
    Column("Loại đơn vị", 24),
    Column("Mã đơn vị cấp trên", 16),
    Column("Cụm, khối thi đua", 12),
)


def units_export(session: Session, principal: Principal, *, kind: str | None, group: str | None, q: str | None,
                 sort: UnitSort | None) -> Export:
    """The active units as listed by ``GET /units``, every page."""
    rows, _total = units.search(session, principal, kind=kind, group=group, parent=None, q=q, page=1,
                                page_size=_ALL, sort=sort)
    return Export("don-vi", "Danh sách đơn vị", UNIT_COLUMNS, [
        [unit.code, unit.name, UnitKind(unit.kind).label, parent, group_code] for unit, parent, group_code in rows
    ])


INSPECTION_COLUMNS = (
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    Column("Chủ đề", 32, wrap=True),
    Column("Đơn vị kiểm tra", 28),
    Column("Ngày dự kiến", 12, DATE_FORMAT),
    Column("Ngày kiểm tra", 12, DATE_FORMAT),
    Column("Chỉ tiêu", 10),
    Column("Kết luận", 44, wrap=True),
    Column("Điểm trừ", 9, DECIMAL_FORMAT),
    Column("Tình trạng kết luận", 16),
    Column("Biện pháp khắc phục chưa xong", 12, INTEGER_FORMAT),
)


def inspections_export(session: Session, principal: Principal, *, unit: str | None, period: str | None, pending: bool,
                       q: str | None, sort: InspectionSort | None) -> Export:
    """The findings of the inspections ``GET /inspections`` lists, one row each, in its order (an inspection
    without findings yet: one row without them)."""
    views = inspections.list_inspections(session, principal, unit_code=unit, period_code=period, pending=pending,
                                         q=q, sort=sort)
    rows = []
    for view in views:
        inspection = view.inspection
        head = [view.unit.code, view.unit.name, inspection.topic,
                view.inspector.name if view.inspector else "Cơ quan Thường trực", inspection.planned_on,
                inspection.inspected_on]
        rows.extend([*head, finding.indicator_code, finding.description, Fraction(finding.points),
                     FindingStatus(finding.status).label,
                     sum(1 for action in view.actions[finding.id] if action.status == "open")]
                    for finding in view.findings)
        if not view.findings:
            rows.append([*head, None, None, None, None, None])
    return Export("kiem-tra-chuyen-de", "Kết luận kiểm tra chuyên đề", INSPECTION_COLUMNS, rows)


AUDIT_COLUMNS = (
    Column("Thời điểm", 17, DATETIME_FORMAT),
    Column("Tài khoản", 16),
    Column("Địa chỉ máy", 15),
    Column("Thao tác", 28),
    Column("Mã thao tác", 18),
    Column("Loại bản ghi", 22),
    Column("Mã loại bản ghi", 16),
    Column("Mã bản ghi", 18),
    Column("Lý do", 30, wrap=True),
    Column("Trước", 40, wrap=True),
    Column("Sau", 40, wrap=True),
)


def audit_export(session: Session, principal: Principal, *, entity: str | None, entity_key: str | None,
                 actor: str | None, since: datetime | None, until: datetime | None, q: str | None,
                 sort: AuditSort | None) -> Export:
    """The audit entries ``GET /audit`` finds, every page (at most :data:`_ALL`), in its order; the action
    and the kind of record by their Vietnamese names and their codes; before and after as JSON text."""
    entries, _total = audit.search(session, principal, entity=entity, entity_key=entity_key, actor=actor, since=since,
                                   until=until, page=1, page_size=_ALL, q=q, sort=sort)
    return Export("nhat-ky-he-thong", "Nhật ký hệ thống", AUDIT_COLUMNS, [
        [_local(entry.at), entry.actor, entry.client_address, action_name(entry.action), entry.action,
         entity_name(entry.entity), entry.entity, entry.entity_key,
         entry.reason, _json(entry.before), _json(entry.after)]
        for entry in entries
    ])


def _json(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


PROPOSAL_COLUMNS = (
    Column("Kỳ", 10),
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    Column("Đối tượng", 24),
    Column("Hình thức", 30),
    Column("Trạng thái", 16),
    Column("Số tiền (đồng)", 14, INTEGER_FORMAT),
    Column("Số quyết định", 16),
    Column("Ngày quyết định", 12, DATE_FORMAT),
    Column("Lý do trả lại", 30, wrap=True),
)


def proposals_export(session: Session, principal: Principal, *, period: str | None, status: str | None,
                     timely: bool | None, q: str | None, sort: ProposalSort | None) -> Export:
    """The award proposals ``GET /award-proposals`` lists, in its order."""
    views = awards.list_proposals(session, principal, period, status, timely, q, sort)
    return Export("de-xuat-khen-thuong", "Đề xuất khen thưởng", PROPOSAL_COLUMNS, [
        [view.period_code or "Kịp thời", view.unit.code, view.unit.name,
         view.proposal.person_name or Recipient(view.proposal.recipient).label.capitalize(), view.form_name,
         ProposalStatus(view.proposal.status).label, view.proposal.amount, view.proposal.decision_number,
         view.proposal.decision_date, view.proposal.return_reason]
        for view in views
    ])


NOMINATION_COLUMNS = (
    Column("Kỳ", 10),
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    Column("Người, tập thể được đề nghị", 28),
    Column("Chức vụ", 20),
    Column("Thành tích", 44, wrap=True),
    Column("Trạng thái", 16),
    Column("Lý do trả lại", 30, wrap=True),
    Column("Cập nhật", 17, DATETIME_FORMAT),
)


def nominations_export(session: Session, principal: Principal, *, period: str | None, unit: str | None,
                       status: str | None, timely: bool | None, q: str | None, sort: NominationSort | None) -> Export:
    """The nominations ``GET /nominations`` lists (a reporter: its own unit's), in its order."""
    views = nominations.list_nominations(session, principal, period_code=period, unit_code=unit, status=status,
                                         timely=timely, q=q, sort=sort)
    return Export("de-nghi-khen-thuong", "Đề nghị khen thưởng của các đơn vị", NOMINATION_COLUMNS, [
        [view.period_code or "Kịp thời", view.unit.code, view.unit.name, view.nomination.nominee_name or view.unit.name,
         view.nomination.nominee_title, view.nomination.achievements, NominationStatus(view.nomination.status).label,
         view.nomination.return_reason, _local(view.nomination.updated_at)]
        for view in views
    ])


BONUS_COLUMNS = (
    Column("Kỳ", 10),
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    Column("Điểm thưởng", 10, DECIMAL_FORMAT),
    Column("Lý do", 44, wrap=True),
    Column("Người ghi", 16),
    Column("Thời điểm ghi", 17, DATETIME_FORMAT),
)


def bonuses_export(session: Session, principal: Principal, *, period: str | None, unit: str | None, q: str | None,
                   sort: BonusSort | None) -> Export:
    """The bonus entries ``GET /bonuses`` lists, in its order."""
    return Export("diem-thuong", "Điểm thưởng", BONUS_COLUMNS, [
        [period_code, unit_row.code, unit_row.name, Fraction(entry.points), entry.reason, entry.created_by,
         _local(entry.created_at)]
        for entry, unit_row, period_code in bonuses.list_bonuses(session, principal, period, unit, q, sort)
    ])


MODEL_COLUMNS = (
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    Column("Loại mô hình", 30),
    Column("Tên mô hình", 36, wrap=True),
    Column("Tình trạng", 16),
    Column("Ngày thành lập", 12, DATE_FORMAT),
    Column("Ghi chú", 30, wrap=True),
)


def models_export(session: Session, principal: Principal, *, unit: str | None, kind: str | None, q: str | None,
                  sort: ModelSort | None) -> Export:
    """The models ``GET /models`` lists, in its order, kinds and statuses by their names."""
    return Export("mo-hinh-tu-quan", "Mô hình tự quản", MODEL_COLUMNS, [
        [unit_row.code, unit_row.name, MODEL_KINDS.get(model.kind, model.kind), model.name,
         MODEL_STATUSES.get(model.status, model.status), model.established_on, model.note]
        for model, unit_row in models_registry.list_models(session, principal, unit, kind, q, sort)
    ])


EXEMPLAR_COLUMNS = (
    Column("Năm", 8),
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    Column("Đối tượng", 12),
    Column("Tên điển hình", 30),
    Column("Thành tích", 50, wrap=True),
    Column("Công bố công khai", 10),
)


def exemplars_export(session: Session, principal: Principal, *, q: str | None, sort: ExemplarSort | None) -> Export:
    """The exemplars ``GET /exemplars`` lists, in its order."""
    return Export("dien-hinh-tien-tien", "Điển hình tiên tiến", EXEMPLAR_COLUMNS, [
        [exemplar.year, unit_row.code, unit_row.name, Recipient(exemplar.recipient).label.capitalize(), exemplar.name,
         exemplar.achievement, "Có" if exemplar.published else "Không"]
        for exemplar, unit_row in exemplars.list_exemplars(session, principal, q, sort)
    ])


NARRATIVE_COLUMNS = (
    Column("Mã đơn vị", 16),
    Column("Tên đơn vị", 36),
    *(Column(title, 44, wrap=True) for title in NARRATIVE_SECTIONS.values()),
    Column("Tệp đính kèm", 10, INTEGER_FORMAT),
    Column("Người cập nhật", 16),
    Column("Cập nhật", 17, DATETIME_FORMAT),
)


def narratives_export(session: Session, principal: Principal, period: str, *, q: str | None,
                      sort: NarrativeSort | None) -> Export:
    """The narratives ``GET /narratives/{period}`` lists (a reporter: its own unit's), in its order."""
    views = narratives.list_of_period(session, principal, period, q, sort)
    return Export(f"thuyet-minh-{period}", f"Báo cáo thuyết minh kỳ {period}", NARRATIVE_COLUMNS, [
        [view.unit.code, view.unit.name, *(getattr(view.narrative, section) for section in NARRATIVE_SECTIONS),
         len(view.files), view.narrative.updated_by, _local(view.narrative.updated_at)]
        for view in views
    ])


def _local(moment: datetime | None) -> datetime | None:
    """A stored instant as Vietnam's wall-clock time, without a zone (a spreadsheet cell has none)."""
    return None if moment is None else moment.astimezone(VIETNAM).replace(tzinfo=None)
