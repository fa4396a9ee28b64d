"""The "三公" table: items (因公出国(境)费, 公务用车购置费, 公务用车运行维护费, 公务接待费) and
their 合计, per stage, in the tall (one line per item), wide (one line of 6 or 12 amounts) and
by-unit (one line per budget unit) layouts. Item words: `three_public_item` in
seeds/registry/template_vocabulary.csv."""

from __future__ import annotations

import re

from .. import registry
from ..model import AmountCell, Table
from ..text import compact, parse_amount
from .columns import merged_headers

THREE_PUBLIC_WIDE = ["合计", "因公出国(境)费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]


def three_public_item(label: str) -> str | None:
    """The contract's item for a printed "三公" line; None for sub-lines and parents."""
    t = compact(label)
    t = re.sub(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|其中[:：]?|[（(]\d+[)）])+", "", t)
    t = re.sub(r"^(?:[（(]\d+[)）])", "", t)
    item = registry.canonical("three_public_item", t)
    return None if item == "-" else item


def parse_three_public_by_unit(table: Table, doc_stage: str | None) -> list[AmountCell]:
    """The by-unit layout: one line per budget unit, column blocks per year (上年 / 本年 / 增减)
    each holding 合计, "三公" 小计, 因公出国, 公务接待, 公务用车 (小计, 购置, 运行), 会议费, 培训费.

    The block of the table's own year is this document's stage; its 合计 line (all units) is
    the department's figure. The block's bare 合计 also counts 会议费/培训费, so the "三公"
    total is the 小计 under the "三公" heading.
    """
    lines = sorted(table.header_rows + table.rows, key=lambda r: r.line_no)
    first_data = next((k for k, r in enumerate(lines) if sum(parse_amount(c) is not None for c in r.cells[2:]) >= 3), None)
    if first_data is None:
        return []
    head, data = lines[:first_data], lines[first_data:]
    width = max(len(r.cells) for r in lines)
    merged = merged_headers(head, width)
    year_m = re.search(r"((?:19|20)\d{2})", table.title)
    starts = []
    for r in head:
        for i, c in enumerate(r.cells[:width]):
            cc = compact(c)
            if re.fullmatch(r"(?:19|20)\d{2}年度?", cc) or cc.startswith("增减"):
                starts.append((i, cc))
    if not starts:
        return []
    starts.sort()
    chosen = next((k for k, (_, label) in enumerate(starts) if year_m and label.startswith(year_m.group(1))), None)
    if chosen is None:
        return []
    begin = starts[chosen][0]
    end = starts[chosen + 1][0] if chosen + 1 < len(starts) else width
    columns: dict[int, str] = {}
    for i in range(begin, end):
        h = merged[i]
        if "三公" in h and "小计" in h:
            columns[i] = "合计"
        elif re.search(r"会议费|培训费", h) or h in ("合计",) or h.endswith("年合计"):
            continue
        else:
            item = three_public_item(h)
            if item and item != "合计":
                columns[i] = item
    row = next((r for r in data if any(compact(c) == "合计" for c in r.cells[:2])), data[0])
    out = []
    for i, item in columns.items():
        if i < len(row.cells) and parse_amount(row.cells[i]) is not None:
            out.append(_tp_cell(table, row, item, doc_stage or "预算", row.cells[i], i))
    return out


def parse_three_public(table: Table, doc_stage: str | None) -> list[AmountCell]:
    """Both layouts: one line per item (预算数/决算数 columns), or one wide line of 6 or 12
    amounts (合计, 出国, 车小计, 购置, 运维, 接待 for 预算 then 决算)."""
    out: list[AmountCell] = []
    head_text = "".join(compact(c) for r in table.header_rows for c in r.cells)
    for row in table.rows:
        cells = row.cells
        nonempty = [c for c in cells if compact(c)]
        label_idx = next((i for i, c in enumerate(cells) if re.search(r"[\u4e00-\u9fff]", c)), None)
        if label_idx is None and len(cells) >= 6:
            # wide layout: the amounts only, in header order
            start = _wide_first_column(table)
            n = len(cells)
            stages = ["预算", "决算"] if (n - start >= 12 and "决算" in head_text) else [doc_stage or "预算"]
            for s_i, stage in enumerate(stages):
                for k, wide_item in enumerate(THREE_PUBLIC_WIDE):
                    idx = start + s_i * 6 + k
                    if idx < n and parse_amount(cells[idx]) is not None:
                        out.append(_tp_cell(table, row, wide_item, stage, cells[idx], idx))
            continue
        if label_idx is None or not nonempty:
            continue
        item = three_public_item(cells[label_idx])
        if item is None:
            continue
        amount_cols = [i for i in range(label_idx + 1, len(cells))]
        if "预算数" in head_text and "决算数" in head_text:
            stages = ["预算", "决算"]
        else:
            stages = [doc_stage or "预算"]
        for s_i, stage in enumerate(stages):
            if s_i < len(amount_cols):
                idx = amount_cols[s_i]
                if parse_amount(cells[idx]) is not None:  # a sub-header line has names, not amounts
                    out.append(_tp_cell(table, row, item, stage, cells[idx], idx))
    return out


def _wide_first_column(table: Table) -> int:
    """Where the wide "三公" layout's first amount column (合计) stands: at the 栏次 row's '1',
    else under the header's first 合计; 0 when the header says neither (columns left of it
    are blank in every row, e.g. an empty label column)."""
    for row in table.header_rows:
        keys = [compact(c) for c in row.cells]
        if "1" in keys and "2" in keys and keys.index("2") == keys.index("1") + 1:
            return keys.index("1")
    for row in table.header_rows:
        keys = [compact(c) for c in row.cells]
        if "合计" in keys:
            return keys.index("合计")
    return 0


def _tp_cell(table, row, item, stage, text, idx) -> AmountCell:
    return AmountCell(
        table_no=table.table_no,
        line_no=row.line_no,
        row_kind="total" if item == "合计" else ("parent" if item == "公务用车购置及运行维护费" else "item"),
        subject_scheme="three_public",
        subject_code=item,
        subject_name=item,
        subject_code_printed=None,
        measure=stage,
        amount_text=text.strip(),
        amount=parse_amount(text),
        amount_unit=table.amount_unit,
        column_no=idx + 1,
    )
