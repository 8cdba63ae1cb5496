"""The consolidated report as a Vietnamese administrative Word document (layout after Nghị định 30/2020).

A4, Times New Roman 13, margins 20/20/30/15 mm; the national motto header, number, place and date,
sections with tables, and the "Nơi nhận" and signature block.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from datetime import date
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from api.services.reports.formatting import vn_date, vn_money, vn_number, vn_percent
from api.services.reports.model import ConsolidatedReport, inspection_status

FONT = "Times New Roman"
LEFT, CENTER, RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def _write(cell_or_doc, text: str, *, bold=False, italic=False, size=13, align=LEFT, first=False):
    """Add a paragraph (or fill a cell's first one) with one run of the given style."""
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(3)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _fill(cell: _Cell, text: str, *, bold=False, align=LEFT) -> None:
    _write(cell, text, bold=bold, size=12, align=align, first=True)


def _table(
    doc,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[int],
    numeric: Sequence[int],
) -> Table:
    """A bordered table: bold centred header; the ``numeric`` column indexes are right-aligned.

    The first data row is styled through python-docx and every other row is a copy of its XML with its own
    texts: styling each cell's paragraph and run through python-docx took most of a report's second of CPU
    (the rankings of every group), and every data row is styled alike (docs/awards-and-reports.md)."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _fill(cell, header, bold=True, align=CENTER)
    repeat = OxmlElement("w:tblHeader")  # repeat the header row on every page the table spans
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    if rows:
        first = table.add_row()
        for index, (cell, value) in enumerate(zip(first.cells, rows[0], strict=True)):
            _fill(cell, value, align=RIGHT if index in numeric else LEFT)
    _set_widths(table, widths_mm)  # before the copies, which take the first row's widths with its XML
    for values in rows[1:]:
        row = deepcopy(first._tr)
        table._tbl.append(row)
        for cell, value in zip(row.tc_lst, values, strict=True):
            Paragraph(cell.p_lst[0], table).runs[0].text = value
    doc.add_paragraph()
    return table


def _set_widths(table: Table, widths_mm: Sequence[int]) -> None:
    """Fixed widths on both the grid (read by LibreOffice) and every cell (read by Word)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _borderless(doc, cols: int, widths_mm: Sequence[int]) -> Table:
    table = doc.add_table(rows=1, cols=cols)
    _set_widths(table, widths_mm)
    return table


def place_and_date(place: str, day: date) -> str:
    """NĐ 30/2020: days below 10 and months below 3 take a leading zero ("ngày 05 tháng 02")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _heading(doc, text: str) -> None:
    _write(doc, text, bold=True).paragraph_format.space_before = Pt(6)


def _header(doc, report: ConsolidatedReport) -> None:
    left, right = _borderless(doc, 2, (65, 100)).rows[0].cells
    _write(left, report.issuer_parent, size=12, align=CENTER, first=True)
    _write(left, report.issuer, bold=True, size=12, align=CENTER)
    _write(left, f"Số: {report.number}", size=13, align=CENTER)
    _write(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=CENTER, first=True)
    _write(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=CENTER)
    _write(right, place_and_date(report.place, report.issued_on), italic=True, align=CENTER)
    doc.add_paragraph()
    _write(doc, "BÁO CÁO", bold=True, size=14, align=CENTER)
    _write(
        doc,
        f"Kết quả thực hiện phong trào thi đua “Ba nhất: Kỷ luật nhất - Trung thành nhất - "
        f"Gần dân nhất” {report.period_name}",
        bold=True,
        align=CENTER,
    )
    _write(doc, "Kính gửi: " + "; ".join(report.recipients) + ".", align=CENTER)


def _reporting(doc, report: ConsolidatedReport) -> None:
    _heading(doc, "I. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO")
    total = report.reporting_total
    _write(
        doc,
        f"Kỳ báo cáo từ ngày {vn_date(report.start)} đến ngày {vn_date(report.end)}: "
        f"{total.on_time + total.late}/{total.expected} đơn vị đã gửi báo cáo (đạt "
        f"{vn_percent(total.rate)}), trong đó {total.on_time} đơn vị gửi đúng hạn, {total.late} "
        f"đơn vị gửi muộn, {total.missing} đơn vị chưa gửi.",
    )
    rows = [
        (
            row.group,
            str(row.expected),
            str(row.on_time),
            str(row.late),
            str(row.missing),
            vn_percent(row.rate),
            vn_percent(row.on_time_rate),
        )
        for row in (*report.reporting, total)
    ]
    _table(
        doc,
        ("Cụm, khối thi đua", "Phải báo cáo", "Đúng hạn", "Muộn", "Chưa gửi", "Tỷ lệ gửi", "Tỷ lệ đúng hạn"),
        rows,
        (45, 20, 18, 16, 18, 22, 26),
        numeric=range(1, 7),
    )


def _tiers(doc, report: ConsolidatedReport) -> None:
    _heading(doc, "II. KẾT QUẢ CHẤM ĐIỂM, XẾP LOẠI")
    _write(doc, "1. Phân loại theo mức độ hoàn thành nhiệm vụ", italic=True)
    rows = [
        (
            row.group,
            str(row.excellent),
            str(row.good),
            str(row.completed),
            str(row.not_completed),
            str(row.unscored),
            str(row.total),
        )
        for row in report.tiers
    ]
    _table(
        doc,
        (
            "Cụm, khối thi đua",
            "Hoàn thành xuất sắc",
            "Hoàn thành tốt",
            "Hoàn thành",
            "Không hoàn thành",
            "Chưa xếp loại",
            "Tổng số",
        ),
        rows,
        (45, 20, 20, 20, 20, 20, 20),
        numeric=range(1, 7),
    )
    _write(doc, "2. Xếp hạng trong từng cụm, khối thi đua", italic=True)
    for ranking in report.rankings:
        _write(doc, ranking.group, bold=True, size=12)
        rows = [
            (
                str(row.rank) if row.rank else "-",
                row.unit_name,
                vn_number(row.total) if row.total is not None else "-",
                row.tier,
                ", ".join(row.veto_failed) or "-",
            )
            for row in ranking.rows
        ]
        _table(
            doc,
            ("Hạng", "Đơn vị", "Tổng điểm", "Xếp loại", "Chỉ tiêu phủ quyết không đạt"),
            rows,
            (14, 55, 20, 46, 30),
            numeric=(0, 2),
        )


def _failed(doc, report: ConsolidatedReport) -> None:
    _heading(doc, "III. CÁC CHỈ TIÊU CÓ NHIỀU ĐƠN VỊ CHƯA ĐẠT")
    rows = [
        (
            row.code,
            row.name,
            str(row.failed),
            str(row.applicable),
            vn_percent(row.failed / row.applicable) if row.applicable else "-",
        )
        for row in report.failed_indicators
    ]
    _table(
        doc,
        ("Mã", "Chỉ tiêu", "Số đơn vị chưa đạt", "Số đơn vị áp dụng", "Tỷ lệ chưa đạt"),
        rows,
        (16, 83, 22, 22, 22),
        numeric=(2, 3, 4),
    )


def _inspections(doc, report: ConsolidatedReport) -> None:
    _heading(doc, "IV. CÔNG TÁC KIỂM TRA CHUYÊN ĐỀ")
    done = sum(1 for row in report.inspections if row.done)
    _write(
        doc,
        f"Trong kỳ có {len(report.inspections)} cuộc kiểm tra theo kế hoạch, đã tiến hành {done} "
        f"cuộc; tổng số điểm trừ {vn_number(sum(row.deduction_points for row in report.inspections))}.",
    )
    rows = [
        (
            vn_date(row.inspected_on),
            row.unit_name,
            inspection_status(row),
            str(row.findings),
            vn_number(row.deduction_points),
            str(row.open_actions),
        )
        for row in report.inspections
    ]
    _table(
        doc,
        ("Ngày", "Đơn vị được kiểm tra", "Tình trạng", "Số tồn tại", "Điểm trừ", "Khắc phục chưa xong"),
        rows,
        (24, 55, 26, 18, 18, 24),
        numeric=(3, 4, 5),
    )


def _awards(doc, report: ConsolidatedReport) -> None:
    _heading(doc, "V. ĐỀ XUẤT KHEN THƯỞNG")
    _write(
        doc,
        f"Đề xuất {len(report.awards)} trường hợp khen thưởng, tổng kinh phí dự kiến "
        f"{vn_money(report.award_money_total)} đồng.",
    )
    rows = [
        (row.recipient, row.unit_name, row.form_name, row.status, vn_money(row.amount))
        for row in report.awards
    ]
    _table(
        doc,
        ("Tập thể, cá nhân", "Đơn vị", "Hình thức", "Tình trạng", "Tiền thưởng (đồng)"),
        rows,
        (40, 35, 40, 25, 25),
        numeric=(4,),
    )


def _narrative_section(doc, heading: str, rows: Sequence[tuple[str, str]]) -> None:
    """One unit's text after another, its name in bold; each line of its text a paragraph."""
    _heading(doc, heading)
    if not rows:
        _write(doc, "Các đơn vị không nêu nội dung này trong báo cáo.", italic=True)
    for unit_name, text in rows:
        _write(doc, f"- {unit_name}:", bold=True, size=13)
        for line in text.splitlines():
            if line.strip():
                _write(doc, line.strip())


def _difficulties(doc, report: ConsolidatedReport) -> None:
    _narrative_section(doc, "VI. KHÓ KHĂN, VƯỚNG MẮC",
                       [(row.unit_name, row.difficulties) for row in report.difficulties])


def _proposals(doc, report: ConsolidatedReport) -> None:
    _narrative_section(doc, "VII. ĐỀ XUẤT, KIẾN NGHỊ", [(row.unit_name, row.proposals) for row in report.proposals])


def _signature(doc, report: ConsolidatedReport) -> None:
    left, right = _borderless(doc, 2, (85, 80)).rows[0].cells
    _write(left, "Nơi nhận:", bold=True, italic=True, size=12, first=True)
    for recipient in (*report.recipients, "Lưu: VT"):
        _write(left, f"- {recipient};", size=11)
    for index, line in enumerate(report.signer_title):
        _write(right, line, bold=True, align=CENTER, first=index == 0)
    for _ in range(3):
        right.add_paragraph()
    _write(right, report.signer_name, bold=True, align=CENTER)


def build_docx(report: ConsolidatedReport) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    _header(doc, report)
    for part in (_reporting, _tiers, _failed, _inspections, _awards, _difficulties, _proposals):
        part(doc, report)
    _signature(doc, report)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
