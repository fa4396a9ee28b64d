"""Extraction variants mean the same. Amounts printed in other number formats: full-width digits ('２．３８', as
some PDF extractors and OCR engines emit), thousands separators ('3,131,700.00') and cells
padded with spaces. Every sample is rewritten in each format and must give the same
document info, amounts, indicator weights and scores as the original.

(Full-width amounts in a row labelled 合计 made it look like a header line, and the "三公"
合计 of 003 and the zero rows of two other samples were lost.)
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


FORMATS = {"full_width": _full_width, "thousands": _thousands, "padded": _padded}


def meaning(parsed):
    info = parsed.info
    amounts = Counter((a.table_no, a.row_kind, a.subject_code, a.measure, a.amount) for a in parsed.amounts)
    indicators = Counter((i.project_no, i.indicator_name, i.weight, i.score) for i in parsed.performance.indicators)
    return (info.doc_kind, info.year, info.unit_name, info.amount_unit), amounts, indicators


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name[:12] for p in SAMPLE_FILES])
def test_number_format_means_the_same(path: Path, fmt: str, tmp_path: Path):
    rewrite = FORMATS[fmt]
    lines = path.read_text(encoding="utf-8").split("\n")
    variant = tmp_path / path.name
    variant.write_text("\n".join("\t".join(rewrite(c) for c in line.split("\t")) if "\t" in line else line
                                 for line in lines), encoding="utf-8")
    original_info, original_amounts, original_indicators = meaning(parse_path(path, path.name))
    info, amounts, indicators = meaning(parse_path(variant, path.name))
    assert info == original_info
    assert amounts == original_amounts
    assert indicators == original_indicators


# Extractors also differ in the empty cells they emit around a row: a blank column on the
# left of every row (an empty margin column), or blank cells after the last one. Columns are
# read from each table's own header, so neither may change a number. (The wide "三公"
# layout used to take its amounts from column 0, and lost them behind a blank margin.)
ROW_VARIANTS = {"blank_margin_column": lambda line: "\t" + line, "trailing_blank_cells": lambda line: line + "\t\t"}


@pytest.mark.parametrize("variant", sorted(ROW_VARIANTS))
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name[:12] for p in SAMPLE_FILES])
def test_blank_cells_around_rows_mean_the_same(path: Path, variant: str, tmp_path: Path):
    rewrite = ROW_VARIANTS[variant]
    lines = path.read_text(encoding="utf-8").split("\n")
    copy = tmp_path / path.name
    copy.write_text("\n".join(rewrite(line) if "\t" in line else line for line in lines), encoding="utf-8")
    assert meaning(parse_path(copy, path.name)) == meaning(parse_path(path, path.name))


def _double_spaced(lines: list[str]) -> list[str]:
    return [out for line in lines for out in (line, "")]


def _page_numbers_between_rows(lines: list[str]) -> list[str]:
    out = []
    for k, line in enumerate(lines):
        out.append(line)
        if "\t" in line and k % 13 == 5:
            out += ["", f"- {k // 40 + 1} -", ""]
    return out


def _line_breaks_in_cells(lines: list[str]) -> list[str]:
    def cell(c: str) -> str:
        return c[: len(c) // 2] + "<br>" + c[len(c) // 2:] if len(c) > 8 and not any(ch.isdigit() for ch in c) else c
    return ["\t".join(cell(c) for c in line.split("\t")) if "\t" in line else line for line in lines]


# Whole-line variants: a blank line after every line (some extractors double-space), page
# numbers between rows of a table, and HTML line breaks inside long text cells. (A row whose
# two halves were one blank line apart used to stay two rows in performance tables.)
LINE_VARIANTS = {"double_spaced": _double_spaced, "page_numbers": _page_numbers_between_rows,
                 "br_in_cells": _line_breaks_in_cells}


@pytest.mark.parametrize("variant", sorted(LINE_VARIANTS))
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name[:12] for p in SAMPLE_FILES])
def test_line_variants_mean_the_same(path: Path, variant: str, tmp_path: Path):
    lines = LINE_VARIANTS[variant](path.read_text(encoding="utf-8").split("\n"))
    copy = tmp_path / path.name
    copy.write_text("\n".join(lines), encoding="utf-8")
    assert meaning(parse_path(copy, path.name)) == meaning(parse_path(path, path.name))
