"""Rows of a DuckDB result written to a file: CSV for Excel, .xlsx, or Parquet.

Each writer streams the result in batches (a mart of millions of rows never sits in memory
whole) and takes the column descriptions, where there are any, from the warehouse's own
comments, so an exported file carries its data dictionary with it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..render import jsonable, text_value

BATCH_ROWS = 50_000
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit (1,048,576) less the header row
FORMATS = ("csv", "xlsx", "parquet")


class ExportTooLarge(Exception):
    """The result does not fit the chosen format (an Excel sheet holds 1,048,576 rows)."""


@dataclass
class Column:
    name: str
    type: str  # DuckDB's type, e.g. 'VARCHAR', 'DECIMAL(18,6)'
    description: str = ""


def columns_of(cursor: duckdb.DuckDBPyConnection, descriptions: dict[str, str] | None = None) -> list[Column]:
    descriptions = descriptions or {}
    return [Column(d[0], str(d[1]), descriptions.get(d[0], "")) for d in cursor.description or []]


def csv_cell(value) -> str:
    """What a CSV cell holds: '' for NULL, exact decimals, lists and structs as JSON."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(jsonable(value), ensure_ascii=False)
    return text_value(value)


def write_csv(cursor: duckdb.DuckDBPyConnection, columns: Sequence[Column], out: Path, bom: bool = True) -> int:
    """CSV with a header row; UTF-8 with a BOM by default, so that Excel on a Chinese Windows
    opens 中文 as text instead of mojibake; CRLF line ends (RFC 4180). Returns the row count."""
    n = 0
    with out.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([c.name for c in columns])
        while rows := cursor.fetchmany(BATCH_ROWS):
            writer.writerows([csv_cell(v) for v in row] for row in rows)
            n += len(rows)
    return n


def _xlsx_value(value):
    """Numbers stay numbers (Excel sums them), text stays text (codes keep leading zeros)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    return csv_cell(value)


def write_xlsx(
    cursor: duckdb.DuckDBPyConnection, columns: Sequence[Column], out: Path, title: str = "data", about: str = ""
) -> int:
    """An .xlsx workbook: the rows on the first sheet (header frozen), and a second sheet
    '字段说明' listing every column with its type and description."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "data")
    sheet.freeze_panes = "A2"
    for i, column in enumerate(columns):
        letter = _column_letter(i)
        sheet.column_dimensions[letter].width = min(max(len(column.name) + 2, 10), 40)
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    n = 0
    while rows := cursor.fetchmany(BATCH_ROWS):
        n += len(rows)
        if n > XLSX_MAX_ROWS:
            raise ExportTooLarge(f"more than {XLSX_MAX_ROWS:,} rows: too many for one Excel sheet; export to .csv or .parquet")
        for row in rows:
            sheet.append([_xlsx_value(v) for v in row])
    legend = book.create_sheet(title="字段说明")
    if about:
        legend.append([about])
        legend.append([])
    legend.append(["column 字段", "type 类型", "description 说明"])
    for column in columns:
        legend.append([column.name, column.type, column.description])
    book.save(out)
    return n


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_parquet(cursor: duckdb.DuckDBPyConnection, columns: Sequence[Column], out: Path, about: str = "") -> int:
    """Parquet (zstd) with each column's description in its field metadata and the table's
    in the file metadata; types as DuckDB has them (DECIMAL stays exact)."""
    reader = cursor.fetch_record_batch(BATCH_ROWS)
    descriptions = {c.name: c.description for c in columns}
    fields = [
        field.with_metadata({"description": descriptions[field.name]}) if descriptions.get(field.name) else field
        for field in reader.schema
    ]
    schema = pa.schema(fields, metadata={"description": about} if about else None)
    n = 0
    with pq.ParquetWriter(str(out), schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(pa.RecordBatch.from_arrays(batch.columns, schema=schema))
            n += batch.num_rows
    return n
