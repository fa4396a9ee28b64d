"""The income side of the 收支总表 / 收入支出决算总表: canonical revenue lines and totals.

Labels are matched against the template vocabulary (`revenue_line`, `revenue_total` in
seeds/registry/template_vocabulary.csv)."""

from __future__ import annotations

import re

from .. import registry
from ..model import AmountCell, Table
from ..text import compact, parse_amount
from .columns import header_blocks, merged_headers


def revenue_label(text: str) -> str:
    """A printed income line label without numbering ('一、', '(1)', '1、') or decoration."""
    t = compact(text)
    t = re.sub(r"^(?:[一二三四五六七八九十]+[、.．]|[（(]\d+[)）]|\d+[、.．])", "", t)
    return t


def canonical_revenue(label: str) -> str | None:
    if label.startswith("其中"):
        return None
    return registry.canonical("revenue_line", label)


def _summary_columns(table: Table) -> tuple[int, int]:
    """The income side's label and amount columns: first '项目' column and the first
    column after it that is not 行次."""
    for block in header_blocks(table):
        width = max(len(r.cells) for r in block)
        heads = merged_headers(block, width)
        label_cols = [i for i, h in enumerate(heads) if "项目" in h]
        if label_cols:
            lc = label_cols[0]
            nxt = label_cols[1] if len(label_cols) > 1 else width
            for i in range(lc + 1, nxt):
                if "行次" not in heads[i] and "栏次" not in heads[i]:
                    return lc, i
    return 0, 1


_FLAT_PAIR = re.compile(
    r"((?:[一二三四五六七八九十]+、|[（(]\d+[)）]|\d+、)?[\u4e00-\u9fff（）()“”\"]{2,30})\s+((?:\d{1,2}\s+)?)(\d[\d,]*\.\s?\d{2})?"
)


def parse_summary_revenue(table: Table) -> list[AmountCell]:
    """Income lines of the 收支总表 / 收入支出决算总表: canonical revenue types and totals."""
    label_col, amount_col = _summary_columns(table)
    out: list[AmountCell] = []
    for row in table.rows:
        if len(row.cells) == 1:  # a page extracted as one line: read label/amount pairs
            for m in _FLAT_PAIR.finditer(row.cells[0]):
                label = revenue_label(m.group(1))
                amount_text = (m.group(3) or "").strip()
                kind = canonical_revenue(label)
                if kind and amount_text:
                    out.append(_revenue_cell(table, row, "item", kind, label, amount_text, None))
            continue
        if label_col >= len(row.cells):
            continue
        label = revenue_label(row.cells[label_col])
        text = row.cells[amount_col].strip() if amount_col < len(row.cells) else ""
        if not label or not compact(text):
            continue
        if registry.canonical("revenue_total", label):
            out.append(_revenue_cell(table, row, "total", None, label, text, amount_col))
            continue
        kind = canonical_revenue(label)
        out.append(_revenue_cell(table, row, "item" if kind else "other", kind, label, text, amount_col))
    return out


def _revenue_cell(table, row, row_kind, kind, label, text, col) -> AmountCell:
    return AmountCell(
        table_no=table.table_no,
        line_no=row.line_no,
        row_kind=row_kind,
        subject_scheme="revenue",
        subject_code=kind,
        subject_name=label,
        subject_code_printed=None,
        measure="收入",
        amount_text=text,
        amount=parse_amount(text),
        amount_unit=table.amount_unit,
        column_no=None if col is None else col + 1,
    )
