"""The readers (ingest/readers/): what a file is, what its pages say, why it is refused.

Geometry rules are tested on PDFs written by hand (tests/pdfmaker.py) with coordinates we
choose: a ruled table with a merged header cell, a white box behind highlighted words, an
image page. Real documents are tested in test_pdf_documents.py.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from ingest import readers
from ingest.parse_document import parse_path
from ingest.readers import pdf as pdf_reader
from ingest.readers import sniff
from ingest.text import UnreadableDocument
from tests.pdfmaker import grid, image, line, make_pdf, text, white_box


def read(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return readers.read_document(path, name)


def refused(tmp_path: Path, name: str, data: bytes) -> str:
    with pytest.raises(UnreadableDocument) as info:
        read(tmp_path, name, data)
    return str(info.value)


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "<x/>")
    return buf.getvalue()


# ------------------------------------------------------------------ what a file is


def test_kind_comes_from_the_bytes_not_the_name():
    assert sniff.kind_of(b"") == sniff.EMPTY
    assert sniff.kind_of(b"  \n") == sniff.EMPTY
    assert sniff.kind_of(b"%PDF-1.7\n...") == sniff.PDF
    assert sniff.kind_of(b"\n\n<!DOCTYPE html><html><head><title>x</title>") == sniff.HTML
    assert sniff.kind_of("\ufeff<html lang='zh'>".encode()) == sniff.HTML
    assert sniff.kind_of(_zip(["[Content_Types].xml", "xl/workbook.xml"])) == sniff.XLSX
    assert sniff.kind_of(_zip(["[Content_Types].xml", "word/document.xml"])) == sniff.DOCX
    assert sniff.kind_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100) == sniff.OLE2
    assert sniff.kind_of("部门收支总表\t合计\n".encode()) == sniff.TEXT


def test_every_suffix_the_refresh_sends_has_a_reader():
    from ingest.pipeline.inputs import INPUT_SUFFIXES

    assert INPUT_SUFFIXES == readers.SUFFIXES
    assert {".pdf", ".txt", ".md", ".docx"} <= INPUT_SUFFIXES


# ------------------------------------------------------------------ refusals say what and what to do


def test_html_saved_as_pdf_is_refused_as_a_web_page(tmp_path):
    page = "<!DOCTYPE html><html><head><title>重庆市财政局门户网站</title></head><body>…</body></html>"
    reason = refused(tmp_path, "2026年部门预算.pdf", page.encode())
    assert "HTML web page" in reason and "重庆市财政局门户网站" in reason and "download" in reason


def test_empty_download_is_refused_with_its_size(tmp_path):
    reason = refused(tmp_path, "预算.pdf", b"")
    assert reason.startswith("empty file (0 bytes)") and "download the document again" in reason


def test_word_document_is_refused_with_what_to_do(tmp_path):
    reason = refused(tmp_path, "预算.docx", _zip(["[Content_Types].xml", "word/document.xml"]))
    assert "Word document" in reason and "save it as PDF" in reason
    # a Word file saved under a .pdf name is still a Word file
    assert "Word document" in refused(tmp_path, "预算.pdf", _zip(["word/document.xml"]))


def test_encrypted_pdf_is_refused_asking_for_an_unprotected_copy(tmp_path):
    reason = refused(tmp_path, "locked.pdf", make_pdf([[text(50, 800, "secret")]], encrypt=True))
    assert reason.startswith("encrypted PDF that needs a password")


def test_truncated_pdf_is_refused_as_damaged(tmp_path):
    data = make_pdf([[text(50, 800, "Budget 2026")]])
    assert refused(tmp_path, "cut.pdf", data[:200]).startswith("damaged PDF")


def test_scan_without_ocr_engine_is_refused_with_the_install_hint(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader.ocr, "available_engine", lambda: (None, "no OCR engine is installed (install X)"))
    reason = refused(tmp_path, "scan.pdf", make_pdf([[image(0, 0, 595, 842)], [image(0, 0, 595, 842)]]))
    assert reason == "scanned PDF (2 pages of images, no text layer) and no OCR engine is installed (install X)"


def test_a_pdf_named_txt_is_read_as_a_pdf(tmp_path):
    doc = read(tmp_path, "budget.txt", make_pdf([[text(50, 800, "Budget summary 2026")]]))
    assert doc.lines == ["Budget summary 2026"] and doc.encoding == "pdf text layer"


# ------------------------------------------------------------------ page geometry → lines


def _table_page() -> list[str]:
    """A title, then a ruled table whose header cell 'Code' spans the two code columns
    (no ruling line between them in the header row), an amount cell wrapped over two lines,
    and a text line below."""
    ops = [text(50, 800, "Expenditure table 2026"), text(50, 785, "Unit: yuan")]
    ops += [line(50, y, 350, y) for y in (770, 750, 730, 700)]
    ops += [line(x, 770, x, 700) for x in (50, 250, 350)]
    ops += [line(150, 750, 150, 700)]  # splits the code columns below the header only
    ops += [text(55, 755, "Code"), text(255, 755, "Amount")]
    ops += [text(55, 735, "201"), text(155, 735, "01"), text(255, 735, "1,935.36")]
    ops += [text(55, 715, "Total"), text(255, 718, "1,935"), text(255, 705, ".36")]  # wrapped in its cell
    ops += [text(50, 680, "Note: this table lists the budget.")]
    return ops


def test_table_rows_come_out_tab_separated_between_the_text_lines(tmp_path):
    doc = read(tmp_path, "t.pdf", make_pdf([_table_page()]))
    assert doc.lines == [
        "Expenditure table 2026",
        "Unit: yuan",
        "Code\t\tAmount",  # the merged header cell's text stands in the first column it spans
        "201\t01\t1,935.36",
        "Total\t\t1,935.36",  # a cell's wrapped lines are one value
        "Note: this table lists the budget.",
    ]


def test_every_line_knows_its_page(tmp_path):
    doc = read(tmp_path, "t.pdf", make_pdf([[text(50, 800, "Cover")], _table_page()]))
    assert doc.pages == [1] + [2] * 6
    assert doc.page(1) == 1 and doc.page(4) == 2


def test_words_on_white_highlight_boxes_stay_in_their_text_line(tmp_path):
    # a word processor's invisible boxes behind every run of the line: no ruling lines
    ops = [white_box(48, 696, 76, 16), text(50, 700, "Revenue budget"), white_box(124, 696, 42, 16)]
    ops += [text(127, 700, "1935.36"), white_box(166, 696, 30, 16), text(169, 700, "yuan")]
    doc = read(tmp_path, "h.pdf", make_pdf([ops]))
    assert doc.lines == ["Revenue budget 1935.36 yuan"]


def test_a_one_row_grid_with_text_beside_it_is_a_highlight_not_a_table(tmp_path):
    # visible boxes drawn around words inside a sentence
    ops = [text(50, 700, "The budget is"), *grid(112, 712, [45, 30], 16, 1), text(115, 700, "417.41")]
    ops += [text(160, 700, "wan"), text(190, 700, "in 2026.")]
    doc = read(tmp_path, "b.pdf", make_pdf([ops]))
    assert doc.lines == ["The budget is 417.41 wan in 2026."]


def test_a_one_row_table_alone_on_its_line_is_a_table(tmp_path):
    # the last row of a table continued on a new page: nothing beside it
    ops = [*grid(50, 712, [100, 100], 16, 1), text(55, 700, "Total"), text(155, 700, "417.41")]
    doc = read(tmp_path, "r.pdf", make_pdf([ops]))
    assert doc.lines == ["Total\t417.41"]


def test_a_number_set_on_a_lower_baseline_stays_on_its_title_line(tmp_path):
    ops = [text(50, 700, "Report of", 16), text(130, 698.7, "2026", 16), text(170, 700, "budget", 16)]
    doc = read(tmp_path, "y.pdf", make_pdf([ops]))
    assert doc.lines == ["Report of 2026 budget"]


def test_a_cell_number_set_a_little_above_or_below_its_unit_stays_on_its_line(tmp_path):
    """017_17f2ee926e.pdf page 31 prints '≤184.94' (DejaVuSans) 3.3 pt lower than its unit '万元'
    (SimSun) in one cell; read by tops within 3 pt, the cell came out '万元≤184.94'. Here:
    'wan' 3.5 pt above '<=184.94' (10 pt text) reads after it; a wrapped cell (lines 13 pt
    apart) still reads line by line."""
    ops = [*grid(50, 760, [120, 120], 40, 2)]
    ops += [text(55, 735, "Total cost"), text(175, 735, "<=184.94"), text(218, 738.5, "wan")]
    ops += [text(55, 695, "Area"), text(175, 702, "<=5137"), text(175, 689, "m2")]
    doc = read(tmp_path, "u.pdf", make_pdf([ops]))
    assert doc.lines == ["Total cost\t<=184.94wan", "Area\t<=5137m2"]


def test_image_pages_are_told_apart_from_cover_and_blank_pages(tmp_path):
    import pdfplumber

    data = make_pdf([[image(0, 0, 595, 842)], [text(200, 400, "Bureau 2026")], [], [text(50, 800, "x"), image(0, 0, 595, 500)]])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert [pdf_reader.is_image_page(p) for p in pdf.pages] == [True, False, False, True]


def test_a_text_pdf_with_one_scanned_page_keeps_its_text_and_says_which_page_was_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader.ocr, "available_engine", lambda: (None, "no OCR engine is installed"))
    doc = read(tmp_path, "m.pdf", make_pdf([[text(50, 800, "Budget 2026")], [image(0, 0, 595, 842)]]))
    assert doc.lines == ["Budget 2026"]
    assert doc.encoding == "pdf text layer; pages 2 are images, not read (no OCR engine is installed)"


def test_text_files_still_read_as_text(tmp_path):
    doc = read(tmp_path, "a.txt", "部门收支总表\n收入\t100\n".encode("gb18030"))
    assert doc.lines[:2] == ["部门收支总表", "收入\t100"] and doc.pages is None and doc.encoding == "gb18030"


def test_parse_path_reads_pdfs(tmp_path):
    path = tmp_path / "t.pdf"
    path.write_bytes(make_pdf([_table_page()]))
    parsed = parse_path(path, "t.pdf")
    assert parsed.source.lines[3] == "201\t01\t1,935.36" and parsed.source.encoding == "pdf text layer"


# ------------------------------------------------------------------ spreadsheets

EXCEL = Path(__file__).resolve().parent / "fixtures" / "excel"


def test_xls_sheet_rows_as_printed_and_hidden_sheets_skipped(tmp_path):
    """三公经费支出表.xls: the 三公 table of 015_5c96c5f19d.pdf (page 20) typed into a legacy
    .xls, amounts formatted '#,##0.00', title merged over A1:G1, a hidden draft sheet."""
    doc = readers.read_document(EXCEL / "三公经费支出表.xls")
    assert doc.encoding == "spreadsheet (xls)"
    assert doc.lines[4] == "合计\t8.00\t3.00\t\t5.00\t\t5.00"  # stored 8.0, shown 8.00
    assert doc.lines[2] == "部门名称\t三公经费预（决）算数（财政拨款）\t\t\t\t\t"  # merged over B3:G3
    assert doc.pages == [1] * 6 + [2]  # the hidden sheet '草稿' (99.00) is not a page
    assert not any("99" in line for line in doc.lines)
    parsed = parse_path(EXCEL / "三公经费支出表.xls", "三公经费支出表.xls")
    assert [t.table_kind for t in parsed.tables] == ["three_public"]
    # 小计 8.00 | 公务接待费 3.00 | 因公出国 (blank) | 公务用车购置及运行费 5.00 | 购置 (blank) | 运行费 5.00
    assert [(a.subject_name, a.amount) for a in parsed.amounts] == [
        ("合计", 8.0),
        ("公务接待费", 3.0),
        ("公务用车购置及运行维护费", 5.0),
        ("公务用车运行维护费", 5.0),
    ]
    assert parsed.info.year == 2026 and parsed.info.unit_name == "长沙市信访局"


def test_xlsx_cells_read_through_their_number_formats(tmp_path):
    from tests.xlsxmaker import make_xlsx

    money = "#,##0.00"
    rows = [
        ["部门：某局", None, None, "单位：万元"],
        ["收入", None, "支出", None],
        ["项目", "预算数", "项目", "预算数"],
        ["一般公共预算拨款收入", (1935.36, money), "一般公共服务支出", (1935.36, money)],
        ["增长率", (0.0288, "0.00%"), "减少", (-5, "#,##0.00;(#,##0.00)")],
        ["人数", 12, "日期", None],
    ]
    data = make_xlsx({"部门收支总表": rows, "草稿": [["x"]]}, merged={"部门收支总表": ["A2:B2"]}, hidden={"草稿"})
    doc = read(tmp_path, "预算.xlsx", data)
    assert doc.lines == [
        "部门收支总表",  # the sheet's name names the table its rows do not title
        "部门：某局\t\t\t单位：万元",
        "收入\t\t支出\t",
        "项目\t预算数\t项目\t预算数",
        "一般公共预算拨款收入\t1,935.36\t一般公共服务支出\t1,935.36",
        "增长率\t2.88%\t减少\t(5.00)",
        "人数\t12\t日期\t",
    ]
    assert doc.pages == [1] * 7 and doc.encoding == "spreadsheet (xlsx)"


def test_a_sheet_name_is_no_title_when_the_sheet_prints_one(tmp_path):
    from tests.xlsxmaker import make_xlsx

    data = make_xlsx({"Sheet1": [["x"], ["2026年部门收支总表"]], "收支总表": [["2026年部门收支总表"], ["收入", 1]]})
    doc = read(tmp_path, "a.xlsx", data)
    assert doc.lines == ["x", "2026年部门收支总表", "2026年部门收支总表\t", "收入\t1"]


def test_number_formats():
    from ingest.readers.numfmt import display

    assert display(8.0, "0.00") == "8.00"
    assert display(408696000, "#,##0") == "408,696,000"
    assert display(1234.5, "#,##0.00_);[Red](#,##0.00)") == "1,234.50"
    assert display(-1234.5, "#,##0.00_);[Red](#,##0.00)") == "(1,234.50)"
    assert display(-3.2, "0.0") == "-3.2"
    assert display(0.925, "0.0%") == "92.5%"
    assert display(12.5, '0.00"万元"') == "12.50万元"
    assert display(0.1 + 0.2, "General") == "0.3"
    assert display(2010101.0, "General") == "2010101"  # a code stored as a number stays a code
    assert display("财政拨款\n收入", None) == "财政拨款 收入"


def test_spreadsheets_that_are_not_workbooks_are_refused(tmp_path):
    html = b"<html><body><table><tr><td>1</td></tr></table></body></html>"
    assert "HTML table saved under a .xls name" in refused(tmp_path, "a.xls", html)
    assert "CSV or tab-separated export" in refused(tmp_path, "b.xls", "收入,100\n".encode())
    assert refused(tmp_path, "c.xlsx", _zip(["xl/workbook.xml"])).startswith("damaged spreadsheet")


def test_password_protected_and_legacy_word_files_are_refused_by_what_they_are(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200
    locked = ole + "EncryptedPackage".encode("utf-16-le")
    assert refused(tmp_path, "预算.xlsx", locked).startswith("password-protected Office file")
    assert refused(tmp_path, "预算.doc", ole + "WordDocument".encode("utf-16-le")).startswith("a Word document")
