"""Excel workbooks: the consolidated report (one sheet per section) and the budget estimate for Sở Tài chính.

Cells hold numbers, not text, so that the receiving office can sum and filter, and no text is ever a
formula (`api.domain.spreadsheet.inert`); scores are rounded half
up to two places here (the only rounding), percentages are stored as ratios with a percent format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from api.domain.appraisal import AppraisalStatus
from api.domain.awards import AWARD, BudgetLine, BudgetTotal
from api.domain.spreadsheet import inert
from api.services.reports.formatting import rounded, vn_date
from api.services.reports.model import ConsolidatedReport, inspection_status

PERCENT = "0.00%"
SCORE = "0.00"
MONEY = "#,##0"
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _sheet(
    workbook: Workbook,
    title: str,
    heading: str,
    columns: Sequence[tuple[str, int, str | None]],
    rows: Sequence[Sequence[object]],
) -> Worksheet:
    """A sheet with a merged heading, a bold header row on row 3, data from row 4, filters and frozen panes.

    ``columns`` are (header, width, number format or None).
    """
    sheet = workbook.create_sheet(title)
    sheet.cell(1, 1, inert(heading)).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    for index, (header, width, _) in enumerate(columns, start=1):
        cell = sheet.cell(3, index, inert(header))
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row_index, values in enumerate(rows, start=4):
        for index, (value, (_, _, number_format)) in enumerate(zip(values, columns, strict=True), start=1):
            cell = sheet.cell(row_index, index, inert(value))
            cell.border = BORDER
            if number_format:
                cell.number_format = number_format
    sheet.row_dimensions[3].height = 32
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if rows:
        sheet.auto_filter.ref = f"A3:{get_column_letter(len(columns))}{len(rows) + 3}"
    return sheet


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _score(value) -> object:
    return rounded(value) if value is not None else None


def build_xlsx(report: ConsolidatedReport) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    suffix = f"{report.period_name} ({vn_date(report.start)} - {vn_date(report.end)})"
    _sheet(
        workbook,
        "Báo cáo",
        f"Tình hình gửi báo cáo - {suffix}",
        [
            ("Cụm, khối thi đua", 40, None),
            ("Phải báo cáo", 12, None),
            ("Đúng hạn", 11, None),
            ("Muộn", 9, None),
            ("Chưa gửi", 10, None),
            ("Tỷ lệ gửi", 11, PERCENT),
            ("Tỷ lệ đúng hạn", 13, PERCENT),
        ],
        [
            (
                row.group,
                row.expected,
                row.on_time,
                row.late,
                row.missing,
                rounded(row.rate, 4),
                rounded(row.on_time_rate, 4),
            )
            for row in (*report.reporting, report.reporting_total)
        ],
    )
    _sheet(
        workbook,
        "Xếp loại",
        f"Phân loại mức độ hoàn thành nhiệm vụ - {suffix}",
        [
            ("Cụm, khối thi đua", 40, None),
            ("Hoàn thành xuất sắc", 12, None),
            ("Hoàn thành tốt", 12, None),
            ("Hoàn thành", 12, None),
            ("Không hoàn thành", 12, None),
            ("Chưa xếp loại", 12, None),
            ("Tổng số", 10, None),
        ],
        [
            (row.group, row.excellent, row.good, row.completed, row.not_completed, row.unscored, row.total)
            for row in report.tiers
        ],
    )
    _sheet(
        workbook,
        "Xếp hạng",
        f"Xếp hạng trong cụm, khối thi đua - {suffix}",
        [
            ("Cụm, khối thi đua", 32, None),
            ("Hạng", 7, None),
            ("Mã đơn vị", 14, None),
            ("Đơn vị", 40, None),
            ("Tổng điểm", 11, SCORE),
            ("Xếp loại", 30, None),
            ("Chỉ tiêu phủ quyết không đạt", 22, None),
        ],
        [
            (
                ranking.group,
                row.rank,
                row.unit_code,
                row.unit_name,
                _score(row.total),
                row.tier,
                ", ".join(row.veto_failed),
            )
            for ranking in report.rankings
            for row in ranking.rows
        ],
    )
    _sheet(
        workbook,
        "Chỉ tiêu chưa đạt",
        f"Các chỉ tiêu có nhiều đơn vị chưa đạt - {suffix}",
        [
            ("Mã", 9, None),
            ("Chỉ tiêu", 60, None),
            ("Số đơn vị chưa đạt", 14, None),
            ("Số đơn vị áp dụng", 14, None),
            ("Tỷ lệ chưa đạt", 12, PERCENT),
        ],
        [
            (
                row.code,
                row.name,
                row.failed,
                row.applicable,
                rounded(row.failed / row.applicable, 4) if row.applicable else None,
            )
            for row in report.failed_indicators
        ],
    )
    _sheet(
        workbook,
        "Kiểm tra",
        f"Kiểm tra chuyên đề - {suffix}",
        [
            ("Ngày", 12, "DD/MM/YYYY"),
            ("Đơn vị được kiểm tra", 40, None),
            ("Tình trạng", 16, None),
            ("Số tồn tại", 10, None),
            ("Điểm trừ", 10, SCORE),
            ("Khắc phục chưa xong", 14, None),
        ],
        [
            (
                row.inspected_on,
                row.unit_name,
                inspection_status(row),
                row.findings,
                rounded(row.deduction_points),
                row.open_actions,
            )
            for row in report.inspections
        ],
    )
    _sheet(
        workbook,
        "Khen thưởng",
        f"Đề xuất khen thưởng - {suffix}",
        [
            ("Tập thể, cá nhân", 34, None),
            ("Đơn vị", 34, None),
            ("Hình thức", 34, None),
            ("Tình trạng", 24, None),
            ("Tiền thưởng (đồng)", 16, MONEY),
        ],
        [
            *((row.recipient, row.unit_name, row.form_name, row.status, row.amount) for row in report.awards),
            ("Tổng cộng", None, None, None, report.award_money_total),
        ],
    )
    for title, heading, rows in (
        ("Khó khăn, vướng mắc", "Khó khăn, vướng mắc", [(r.unit_name, r.difficulties) for r in report.difficulties]),
        ("Đề xuất, kiến nghị", "Đề xuất, kiến nghị", [(r.unit_name, r.proposals) for r in report.proposals]),
    ):
        sheet = _sheet(workbook, title, f"{heading} của các đơn vị - {suffix}",
                       [("Đơn vị", 36, None), ("Nội dung", 100, None)], rows)
        for row in sheet.iter_rows(min_row=4, min_col=2, max_col=2):
            row[0].alignment = Alignment(wrap_text=True, vertical="top")
    return _save(workbook)


def build_budget_xlsx(
    totals: Sequence[BudgetTotal], lines: Sequence[BudgetLine], unit_names: Mapping[str, str]
) -> bytes:
    """The estimate (dự toán kinh phí) per year and unit, proposed and appraised by Sở Tài chính, with the
    detail lines it sums and each activity line's appraisal (award money is at the legal rates)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        "Dự toán",
        "Dự toán kinh phí thực hiện phong trào thi đua “Ba nhất”",
        [
            ("Năm", 8, None),
            ("Mã đơn vị", 14, None),
            ("Đơn vị", 40, None),
            ("Kinh phí hoạt động đề nghị (đồng)", 18, MONEY),
            ("Tiền thưởng (đồng)", 18, MONEY),
            ("Tổng đề nghị (đồng)", 18, MONEY),
            ("Kinh phí hoạt động thẩm định (đồng)", 18, MONEY),
            ("Tổng thẩm định (đồng)", 18, MONEY),
        ],
        [
            *(
                (
                    total.year,
                    total.unit_code,
                    unit_names.get(total.unit_code, total.unit_code),
                    total.activities,
                    total.awards,
                    total.total,
                    total.appraised_activities,
                    total.appraised_total,
                )
                for total in totals
            ),
            (
                "Tổng cộng",
                None,
                None,
                sum(t.activities for t in totals),
                sum(t.awards for t in totals),
                sum(t.total for t in totals),
                sum(t.appraised_activities for t in totals),
                sum(t.appraised_total for t in totals),
            ),
        ],
    )
    _sheet(
        workbook,
        "Chi tiết",
        "Chi tiết các khoản dự toán và kết quả thẩm định của Sở Tài chính",
        [
            ("Năm", 8, None),
            ("Mã đơn vị", 14, None),
            ("Loại", 16, None),
            ("Nội dung", 50, None),
            ("Số đề nghị (đồng)", 18, MONEY),
            ("Thẩm định", 20, None),
            ("Số thẩm định (đồng)", 18, MONEY),
            ("Lý do trả lại", 40, None),
        ],
        [
            (
                line.year,
                line.unit_code,
                "Tiền thưởng" if line.category == AWARD else "Hoạt động",
                line.description,
                line.amount,
                line.status.label if line.status else "Theo định mức",
                line.appraised_amount if line.status is AppraisalStatus.APPRAISED else None,
                line.return_reason,
            )
            for line in lines
        ],
    )
    return _save(workbook)
