"""Spreadsheets (.xlsx, .xlsm, .xls) → SourceDocument: each sheet's rows as tab-separated lines.

Portals publish the budget tables themselves as workbooks, one table a sheet. Each cell is
read as the sheet shows it (numfmt.py): a workbook stores 8 and shows '8.00', and the parser
tells an amount from a column number or a code partly by its decimals. That needs the cells'
number formats, which python-calamine does not give; openpyxl (MIT) reads them from .xlsx and
xlrd (BSD) from the legacy binary .xls.

A merged cell's value stands in its top-left cell and the others are empty, as in a PDF's
table, so the parser reads both the same way. A sheet is a page: `pages` holds the sheet's
position among the visible sheets. Hidden sheets are skipped (lookups and drafts, not what
was published). A sheet whose rows print no table title but whose name is one
('部门收支总表', '表3 支出总表') gets its name as a first line, so its table is recognised.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from ..model import SourceDocument
from ..text import UnreadableDocument
from .numfmt import display

TITLE_ROWS = 5  # a table's title is printed in its first rows


def read_excel(path: Path, data: bytes, source_path: str) -> SourceDocument:
    sheets = _xls_sheets(data) if data.startswith(b"\xd0\xcf\x11\xe0") else _xlsx_sheets(data)
    lines: list[str] = []
    pages: list[int] = []
    for sheet_no, (name, rows) in enumerate(sheets, start=1):
        sheet_lines = sheet_rows(rows)
        if sheet_lines and names_the_table(name, sheet_lines):
            sheet_lines.insert(0, name.strip())
        lines.extend(sheet_lines)
        pages.extend([sheet_no] * len(sheet_lines))
    if not any(line.strip() for line in lines):
        raise UnreadableDocument("spreadsheet without any filled cell in its visible sheets")
    return SourceDocument(
        source_file=path.name,
        source_path=source_path,
        content_sha256=hashlib.sha256(data).hexdigest(),
        encoding="spreadsheet (xls)" if data.startswith(b"\xd0\xcf\x11\xe0") else "spreadsheet (xlsx)",
        lines=lines,
        pages=pages,
    )


def sheet_rows(rows: list[list[str]]) -> list[str]:
    """Tab-separated lines, every row as wide as the sheet's used range (a table's grid);
    empty rows at the end dropped."""
    width = max((len(r) for r in rows), default=0)
    out = ["\t".join(r + [""] * (width - len(r))) for r in rows]
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return out


def names_the_table(sheet_name: str, sheet_lines: list[str]) -> bool:
    """The sheet's name is a table title and its first rows print none."""
    from ..titles import title_kind

    if title_kind(sheet_name) is None:
        return False
    return not any(title_kind(line) for line in sheet_lines[:TITLE_ROWS])


def _xlsx_sheets(data: bytes) -> Iterator[tuple[str, list[list[str]]]]:
    import openpyxl

    try:
        with warnings.catch_warnings():  # 'no default style' and the like: not the user's concern
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl's own errors
        raise UnreadableDocument(f"damaged spreadsheet ({type(exc).__name__}: {exc}); download it again") from exc
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            sheet.reset_dimensions()  # tools other than Excel often record a wrong used range
            rows = [[display(c.value, getattr(c, "number_format", None)) for c in row] for row in sheet.iter_rows()]
            yield sheet.title, _trim_columns(rows)
    finally:
        book.close()


def _xls_sheets(data: bytes) -> Iterator[tuple[str, list[list[str]]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd.XLRDError and struct errors on damage
        raise UnreadableDocument(f"damaged spreadsheet ({type(exc).__name__}: {exc}); download it again") from exc
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if sheet.visibility != 0:
            continue
        rows = []
        for r in range(sheet.nrows):
            row = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                elif cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_EMPTY):
                    value = None
                row.append(display(value, fmt))
            rows.append(row)
        yield sheet.name, _trim_columns(rows)
        book.unload_sheet(index)


def _trim_columns(rows: list[list[str]]) -> list[list[str]]:
    """Drop empty columns at the right (formatted but never filled)."""
    width = max((max((k + 1 for k, v in enumerate(r) if v), default=0) for r in rows), default=0)
    return [r[:width] for r in rows]
