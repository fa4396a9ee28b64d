"""The same document as other extractors print it must mean the same: the same document info,
amounts, indicator weights and scores. Every sample is rewritten in each variant:
- number formats: full-width digits ('２．３８', as some PDF extractors and OCR engines emit),
  thousands separators ('3,131,700.00'), cells padded with spaces;
- blank cells around rows: an empty margin column, blank cells after the last one;
- whole lines: double spacing, page numbers between rows, `<br>` inside long text cells.

(Found with it: full-width amounts in a row labelled 合计 made it look like a header line, so
the "三公" 合计 of 003 and zero rows of two other samples were lost.)
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLES

from ingest.parse_document import parse_path

SAMPLE_FILES = sorted(SAMPLES.rglob("*.txt"))
_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_DECIMAL = re.compile(r"(-?)(\d+)(\.\d+)")  # amounts; codes (no decimals) never get separators


def _full_width(cell: str) -> str:
    return cell.translate(_FULL_WIDTH) if _NUMBER.fullmatch(cell.strip()) else cell


def _thousands(cell: str) -> str:
    m = _DECIMAL.fullmatch(cell.strip())
    return f"{m.group(1)}{int(m.group(2)):,}{m.group(3)}" if m else cell


def _padded(cell: str) -> str:
    return f" {cell}  " if _NUMBER.fullmatch(cell.strip()) else cell


def _in_cells(rewrite):
    """A variant that rewrites each cell of each table row."""
    return lambda lines: ["\t".join(rewrite(c) for c in line.split("\t")) if "\t" in line else line for line in lines]


def _in_rows(rewrite):
    """A variant that rewrites each table row as a whole."""
    return lambda lines: [rewrite(line) if "\t" in line else line for line in lines]


def _double_spaced(lines: list[str]) -> list[str]:
    return [out for line in lines for out in (line, "")]


def _page_numbers_between_rows(lines: list[str]) -> list[str]:
    out = []
    for k, line in enumerate(lines):
        out.append(line)
        if "\t" in line and k % 13 == 5:
            out += ["", f"- {k // 40 + 1} -", ""]
    return out


def _line_break(cell: str) -> str:
    return (
        cell[: len(cell) // 2] + "<br>" + cell[len(cell) // 2 :]
        if len(cell) > 8 and not any(ch.isdigit() for ch in cell)
        else cell
    )


VARIANTS = {
    # number formats
    "full_width": _in_cells(_full_width),
    "thousands": _in_cells(_thousands),
    "padded": _in_cells(_padded),
    # the empty cells extractors emit around a row: columns are read from each table's own
    # header, so neither may change a number (the wide "三公" layout used to take its amounts
    # from column 0, and lost them behind a blank margin column)
    "blank_margin_column": _in_rows(lambda line: "\t" + line),
    "trailing_blank_cells": _in_rows(lambda line: line + "\t\t"),
    # whole lines: double spacing, page numbers between rows, HTML line breaks in long text
    # cells (a row whose two halves were one blank line apart used to stay two rows in
    # performance tables)
    "double_spaced": _double_spaced,
    "page_numbers": _page_numbers_between_rows,
    "br_in_cells": _in_cells(_line_break),
}


def meaning(parsed):
    info = parsed.info
    amounts = Counter((a.table_no, a.row_kind, a.subject_code, a.measure, a.amount) for a in parsed.amounts)
    indicators = Counter((i.project_no, i.indicator_name, i.weight, i.score) for i in parsed.performance.indicators)
    return (info.doc_kind, info.year, info.unit_name, info.amount_unit), amounts, indicators


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name[:12] for p in SAMPLE_FILES])
def test_extraction_variant_means_the_same(path: Path, variant: str, tmp_path: Path):
    lines = VARIANTS[variant](path.read_text(encoding="utf-8").split("\n"))
    copy = tmp_path / path.name
    copy.write_text("\n".join(lines), encoding="utf-8")
    info, amounts, indicators = meaning(parse_path(copy, path.name))
    original_info, original_amounts, original_indicators = meaning(parse_path(path, path.name))
    assert info == original_info
    assert amounts == original_amounts
    assert indicators == original_indicators
