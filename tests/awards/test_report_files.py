"""The Word and Excel builders: open the files again and read the numbers back."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import load_workbook

from api.domain.awards import BudgetLine, summarize_budget
from api.services.reports import build_budget_xlsx, build_docx, build_xlsx
from api.services.reports.docx_report import place_and_date
from api.services.reports.formatting import vn_money, vn_number, vn_percent


def table_with_header(doc, first_header, second_header):
    for table in doc.tables:
        cells = [cell.text for cell in table.rows[0].cells]
        if cells[:2] == [first_header, second_header]:
            return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError(f"no table starting with {first_header}, {second_header}")


def test_place_and_date_pads_small_days_and_months():
    assert place_and_date("Hưng Yên", date(2026, 2, 5)) == "Hưng Yên, ngày 05 tháng 02 năm 2026"
    assert place_and_date("Hưng Yên", date(2026, 11, 30)) == "Hưng Yên, ngày 30 tháng 11 năm 2026"


def test_vietnamese_number_display_rounds_half_up():
    assert vn_number(Fraction(1234567, 1000)) == "1.234,57"
    assert vn_number(Fraction(1, 200)) == "0,01"
    assert vn_number(Fraction(272, 3)) == "90,67"
    assert vn_money(18_720_000) == "18.720.000"
    assert vn_percent(Fraction(5, 6)) == "83,33%"


def test_docx_has_administrative_layout(sample_report, report_output):
    content = build_docx(sample_report)
    (report_output / "bao-cao-2026-H1.docx").write_bytes(content)
    doc = Document(BytesIO(content))
    header_text = "\n".join(cell.text for cell in doc.tables[0].rows[0].cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header_text
    assert "Độc lập - Tự do - Hạnh phúc" in header_text
    assert f"Số: {sample_report.number}" in header_text
    assert "Hưng Yên, ngày 25 tháng 6 năm 2026" in header_text
    signature = "\n".join(cell.text for cell in doc.tables[-1].rows[0].cells)
    assert "Nơi nhận:" in signature and sample_report.signer_name in signature
    body = "\n".join(paragraph.text for paragraph in doc.paragraphs)
    assert "BÁO CÁO" in body and sample_report.period_name in body
    assert round(doc.sections[0].page_width.mm) == 210


def test_docx_numbers_match_the_data(sample_report):
    doc = Document(BytesIO(build_docx(sample_report)))
    reporting = table_with_header(doc, "Cụm, khối thi đua", "Phải báo cáo")
    total = sample_report.reporting_total
    assert reporting[-1] == [
        "Toàn tỉnh",
        str(total.expected),
        str(total.on_time),
        str(total.late),
        str(total.missing),
        vn_percent(Fraction(total.on_time + total.late, total.expected)),
        vn_percent(Fraction(total.on_time, total.expected)),
    ]
    assert len(reporting) == len(sample_report.reporting) + 2
    ranking = table_with_header(doc, "Hạng", "Đơn vị")
    communes = sample_report.rankings[0].rows
    assert [row[2] for row in ranking[1:]] == [vn_number(row.total) for row in communes]
    assert ranking[4][4] == "TT-05"
    body = "\n".join(paragraph.text for paragraph in doc.paragraphs)
    money = sum(award.amount for award in sample_report.awards)
    assert f"tổng kinh phí dự kiến {vn_money(money)} đồng" in body
    inspections = table_with_header(doc, "Ngày", "Đơn vị được kiểm tra")
    assert inspections[1][0] == "12/05/2026" and inspections[1][4] == "3,50"


def test_docx_data_rows_are_styled_as_the_first(sample_report):
    """The rows after a table's first data row are copies of its XML (docx_report._table): each keeps the
    plain 12 pt runs and the column's alignment, numbers right and names left."""
    doc = Document(BytesIO(build_docx(sample_report)))
    ranking = next(table for table in doc.tables if table.rows[0].cells[0].text == "Hạng")
    assert len(ranking.rows) > 3
    first = [cell.paragraphs[0].alignment for cell in ranking.rows[1].cells]
    assert {WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT} <= set(first)
    for row in ranking.rows[1:]:
        paragraphs = [cell.paragraphs[0] for cell in row.cells]
        assert [paragraph.alignment for paragraph in paragraphs] == first
        assert all(p.runs[0].bold is False and p.runs[0].font.size.pt == 12 for p in paragraphs)
    texts = [[cell.text for cell in row.cells] for row in ranking.rows[1:]]
    assert len({tuple(row) for row in texts}) == len(texts), "every row has its own texts"


def test_xlsx_numbers_match_the_data(sample_report, report_output):
    content = build_xlsx(sample_report)
    (report_output / "bao-cao-2026-H1.xlsx").write_bytes(content)
    workbook = load_workbook(BytesIO(content))
    assert workbook.sheetnames == [
        "Báo cáo",
        "Xếp loại",
        "Xếp hạng",
        "Chỉ tiêu chưa đạt",
        "Kiểm tra",
        "Khen thưởng",
        "Khó khăn, vướng mắc",
        "Đề xuất, kiến nghị",
    ]
    reporting = workbook["Báo cáo"]
    last = 4 + len(sample_report.reporting)
    total = sample_report.reporting_total
    assert [reporting.cell(last, col).value for col in range(1, 6)] == [
        "Toàn tỉnh",
        total.expected,
        total.on_time,
        total.late,
        total.missing,
    ]
    assert Decimal(str(reporting.cell(last, 6).value)) == Decimal("0.8333")
    ranking = workbook["Xếp hạng"]
    rows = [row for ranking_group in sample_report.rankings for row in ranking_group.rows]
    read_back = [ranking.cell(index, 5).value for index in range(4, 4 + len(rows))]
    assert read_back == [None if row.total is None else float(round(row.total, 2)) for row in rows]
    tiers = workbook["Xếp loại"]
    assert tiers.cell(4, 7).value == sample_report.tiers[0].total
    awards = workbook["Khen thưởng"]
    total_row = 4 + len(sample_report.awards)
    assert awards.cell(total_row, 5).value == sum(award.amount for award in sample_report.awards)
    assert workbook["Kiểm tra"].cell(4, 1).value.date() == date(2026, 5, 12)
    difficulties, proposals = workbook["Khó khăn, vướng mắc"], workbook["Đề xuất, kiến nghị"]
    assert [difficulties.cell(4, col).value for col in (1, 2)] == [
        "Công an xã Thử Nghiệm 3", sample_report.narratives[0].difficulties]
    assert difficulties.max_row == 4 and proposals.cell(4, 1).value == "Sở Tài chính"


def test_docx_gathers_the_units_difficulties_and_proposals(sample_report):
    """Plan V.2: the standing body finds the difficulties to remove; each unit's text under its name."""
    body = [paragraph.text for paragraph in Document(BytesIO(build_docx(sample_report))).paragraphs]
    start = body.index("VI. KHÓ KHĂN, VƯỚNG MẮC")
    assert body[start + 1:start + 4] == [
        "- Công an xã Thử Nghiệm 3:", "Thiếu camera an ninh tại 03 thôn.", "Chưa bố trí kinh phí tổ tự quản."]
    start = body.index("VII. ĐỀ XUẤT, KIẾN NGHỊ")
    assert body[start + 1:start + 3] == ["- Sở Tài chính:", "Đề nghị hướng dẫn thanh quyết toán kinh phí khen thưởng."]
    empty = Document(BytesIO(build_docx(replace(sample_report, narratives=())))).paragraphs
    assert "Các đơn vị không nêu nội dung này trong báo cáo." in [paragraph.text for paragraph in empty]


def test_budget_workbook_sums_lines(report_output):
    lines = [
        BudgetLine(2026, "CAT", "activity", "Hội nghị triển khai phong trào", 45_000_000),
        BudgetLine(2026, "CAT", "award", "Cờ thi đua của UBND tỉnh - Công an xã Thử Nghiệm 1", 18_720_000),
        BudgetLine(2026, "SVHTTDL", "activity", "Pano, khẩu hiệu tuyên truyền", 30_000_000),
    ]
    content = build_budget_xlsx(summarize_budget(lines), lines, {"CAT": "Công an tỉnh"})
    (report_output / "du-toan-2026.xlsx").write_bytes(content)
    sheet = load_workbook(BytesIO(content))["Dự toán"]
    assert [sheet.cell(4, col).value for col in range(1, 7)] == [
        2026,
        "CAT",
        "Công an tỉnh",
        45_000_000,
        18_720_000,
        63_720_000,
    ]
    assert sheet.cell(5, 3).value == "SVHTTDL"
    assert sheet.cell(6, 6).value == sum(line.amount for line in lines)
