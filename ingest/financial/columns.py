"""Column meaning of financial tables, from the table's own header.

Each column's meaning (合计 / 基本支出 / 人员经费 / 财政拨款 …) comes from the words its header
prints, matched against the template vocabulary (seeds/registry/template_vocabulary.csv:
`column_measure`, `income_column`); a per-kind default applies when the header is too damaged
to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import registry
from ..model import Table, TableRow
from ..text import compact

DEFAULT_MEASURES = {
    "expenditure_all": ["合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
    "gpb_func": ["合计", "基本支出", "项目支出"],
    "gov_fund": ["合计", "基本支出", "项目支出"],
    "state_capital": ["合计", "基本支出", "项目支出"],
    "basic_func": ["合计", "人员经费", "公用经费"],
    "basic_econ": ["合计", "人员经费", "公用经费"],
    "gpb_econ": ["合计", "人员经费", "公用经费", "项目支出"],
}


def classify_header(text: str, vocabulary: str = "column_measure") -> str | None:
    """The measure a column header names (first vocabulary rank found in it), or None."""
    t = compact(text)
    if not t:
        return None
    return registry.canonical(vocabulary, t)


def merged_headers(header_rows: list[TableRow], width: int) -> list[str]:
    """Join each column's header text over the header lines of one header block."""
    cols = [""] * width
    for row in header_rows:
        for i, cell in enumerate(row.cells[:width]):
            cols[i] += compact(cell)
    return cols


def bottom_headers(header_rows: list[TableRow], width: int) -> list[str]:
    """Each column's text on the lowest header line that has text there (栏次 numbers skipped)."""
    out = [""] * width
    for row in header_rows:
        for i, cell in enumerate(row.cells[:width]):
            c = compact(cell)
            if c and not re.fullmatch(r"[\d\W]+|栏次|行次", c):
                out[i] = c
    return out


def header_blocks(table: Table) -> list[list[TableRow]]:
    """Header lines grouped by page (consecutive line numbers, allowing blank lines)."""
    blocks: list[list[TableRow]] = []
    for row in table.header_rows:
        if blocks and row.line_no - blocks[-1][-1].line_no <= 3:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


@dataclass
class ColumnLayout:
    code_col: int | None
    name_col: int
    measures: dict[int, str]  # column index -> measure
    paired_code_col: int | None = None  # 政府经济科目编码 beside 部门经济科目编码
    paired_name_col: int | None = None


def func_layout(table: Table) -> ColumnLayout:
    """Where the code, the name and each measure stand, from the best-readable header block."""
    width = max([len(r.cells) for r in table.header_rows + table.rows] or [0])
    best: ColumnLayout | None = None
    best_score = -1
    for block in header_blocks(table) or [[]]:
        heads = merged_headers(block, width)
        code_col = next((i for i, h in enumerate(heads) if re.search(r"编码|代码", h) and "政府" not in h), None)
        name_col = next((i for i, h in enumerate(heads) if "名称" in h and "政府" not in h and i != code_col), None)
        paired_code = next((i for i, h in enumerate(heads) if re.search(r"编码|代码", h) and "政府" in h), None)
        paired_name = next((i for i, h in enumerate(heads) if "名称" in h and "政府" in h), None)
        if name_col is None:
            name_col = (code_col + 1) if code_col is not None else next((i for i, h in enumerate(heads) if "项目" in h), 0)
        start = max(c for c in (code_col, name_col, paired_code, paired_name) if c is not None) + 1
        measures = {}
        vocabulary = "income_column" if table.table_kind == "income" else "column_measure"
        bottoms = bottom_headers(block, width)
        for i in range(start, width):
            # the lowest header line names the column; a spanning header above it
            # ('一般公共预算基本支出' over 合计/人员经费/公用经费) only qualifies it
            m = classify_header(bottoms[i], vocabulary) or classify_header(heads[i], vocabulary)
            if m and m != "备注":
                measures[i] = m
        score = len(measures) + (2 if code_col is not None else 0) + len(set(measures.values()))
        if score > best_score:
            best_score = score
            best = ColumnLayout(code_col, name_col, measures, paired_code, paired_name)
    assert best is not None
    defaults = DEFAULT_MEASURES.get(table.table_kind)
    measure_list = list(best.measures.values())
    readable = (
        measure_list
        and len(set(measure_list)) == len(measure_list)
        and list(best.measures) == list(range(min(best.measures), min(best.measures) + len(best.measures)))
        and (len(measure_list) >= len(defaults or []) or ("合计" in measure_list and len(measure_list) >= 2))
    )
    if not readable and defaults:
        first = min(best.measures) if best.measures else max(c for c in (best.code_col, best.name_col) if c is not None) + 1
        best.measures = {first + k: m for k, m in enumerate(defaults)}
    # two columns read as the same measure stay apart (a column is one measure, never summed twice)
    seen: dict[str, int] = {}
    for col, m in sorted(best.measures.items()):
        seen[m] = seen.get(m, 0) + 1
        if seen[m] > 1:
            best.measures[col] = f"{m}(第{col + 1}栏)"
    return best
