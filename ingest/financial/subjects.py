"""Tables whose rows are classification subjects (功能分类 or 经济分类 codes) with amounts:
支出总表, 一般公共预算支出表, 基本支出表 (one column per measure), 收入总表 …

Each row's code is read as printed (codes.py: one cell, in the name cell, or 类 | 款 | 项
cells), so the printed hierarchy is kept and only its leaves become facts.

A table broken down by unit (units.py: a 预算单位 column, or unit-code lines opening blocks)
is read block by block: each unit's line is a 'parent' row, the total of its block, so the
subtotal checks stay within a unit's tree, and a department line above the units is the
table's total; a table whose rows are units only is not read. A table whose columns are funding sources (总计 | 财政拨款 | 单位资金 …) is a
breakdown by source of money the fact tables already hold, not a subject table (its kind
becomes `other`). Every such decision is recorded (findings.py).
"""

from __future__ import annotations

import re

from .. import registry
from ..model import AmountCell, Repair, Table
from ..text import compact, parse_amount, parse_code
from .codes import CJK, CodeHierarchy, split_code_name
from .columns import ColumnLayout, func_layout
from .findings import TableReading, table_finding
from .units import UnitLines, has_subject_rows, unit_lines

# one Chinese character, a space, then the amount: a label's character printed into the cell
_STRAY_CHAR = re.compile(r"([\u4e00-\u9fff])\s+([\d,，.\s]+)")


def _relay(tokens: list[str], layout: ColumnLayout, width: int) -> list[str] | None:
    """A row whose cells do not stand in the header's columns, laid into them: one extracted
    with runs of spaces instead of tabs ('24 30201 办公费 50201 办公经费 802200.00 0.00
    802200.00 0.00'), or with its tabs collapsed on a page whose header spreads each column
    over three. Its code, name (and paired code, name) go to the header's code and name
    columns and its amounts, in order, to the measure columns, when there are exactly as many."""
    tokens = list(tokens)
    amounts: list[str] = []
    while tokens and parse_amount(tokens[-1]) is not None and not re.fullmatch(r"\d{3,7}", tokens[-1]):
        amounts.insert(0, tokens.pop())
    if tokens and re.fullmatch(r"\d{1,3}", tokens[0]) and len(tokens) > 1 and parse_code(tokens[1]):
        tokens.pop(0)  # the row number
    measure_cols = sorted(layout.measures)
    if layout.code_col is None or not measure_cols or len(amounts) != len(measure_cols) or len(tokens) not in (2, 4):
        return None
    if not parse_code(tokens[0]) or not CJK.search(tokens[1]):
        return None
    out = [""] * max(width, max(measure_cols) + 1)
    out[layout.code_col], out[layout.name_col] = tokens[0], tokens[1]
    if len(tokens) == 4:
        if layout.paired_code_col is None or not parse_code(tokens[2]):
            return None
        out[layout.paired_code_col] = tokens[2]
        if layout.paired_name_col is not None:
            out[layout.paired_name_col] = tokens[3]
    for col, a in zip(measure_cols, amounts):
        out[col] = a
    return out


def read_subject_table(table: Table, scheme: str) -> TableReading:
    """A table whose rows are classification subjects (function or economic) with amounts,
    and the findings about how it was read (or why it was not)."""
    layout = func_layout(table)
    head = layout.header_text[:200]
    if layout.by_funding_source:
        # a breakdown by funding source (总计 | 财政拨款 | 财政专户 | 单位资金 …), whatever its
        # rows: the same money as the fact tables, by source; its kind is `other`
        kind = table.table_kind
        table.table_kind = "other"
        return TableReading(
            [],
            [
                table_finding(
                    table,
                    layout.header_line,
                    "table_kind",
                    kind,
                    "other",
                    "kind_from_header",
                    f"columns are funding sources, not expense types: {head}",
                )
            ],
        )
    units = unit_lines(table, layout)
    if layout.unit_col is not None and not has_subject_rows(table, layout):
        return TableReading(
            [],
            [
                table_finding(
                    table,
                    layout.header_line,
                    "table",
                    None,
                    None,
                    "by_unit_not_read",
                    f"rows are budget units, not subjects: {head}",
                )
            ],
        )
    if layout.problem:
        return TableReading(
            [], [table_finding(table, layout.header_line, "column_measures", head, None, "header_not_understood", layout.problem)]
        )
    findings: list[Repair] = []
    if len(units.opening) > 1:
        findings.append(
            table_finding(
                table,
                layout.header_line,
                "table",
                None,
                f"{len(units.opening)} units",
                "read_by_unit_block",
                "each unit's line is the total of its block; subtotals are checked within a block",
            )
        )
    if layout.by_position:
        laid = ", ".join(f"{c + 1}:{m}" for c, m in sorted(layout.measures.items()))
        findings.append(
            table_finding(
                table, layout.header_line, "column_measures", head, laid, "measures_by_position", "header words ran together"
            )
        )
    for col, label in sorted(layout.unread.items()):
        if any(
            col < len(r.cells) and parse_amount(r.cells[col]) is not None
            for r in table.rows
            if r.line_no not in layout.header_lines
        ):
            findings.append(
                table_finding(
                    table,
                    layout.header_line,
                    "column_measures",
                    label,
                    None,
                    "column_not_read",
                    f"column {col + 1} ({label}) is no known measure",
                )
            )
    cells = _read_rows(table, layout, scheme, units, findings)
    return TableReading(cells, findings)


def _read_rows(table: Table, layout: ColumnLayout, scheme: str, units: UnitLines, findings: list[Repair]) -> list[AmountCell]:
    """A row with a name and no amounts right after a coded row is the rest of a wrapped name."""
    width = max([len(r.cells) for r in table.header_rows + table.rows] or [0])
    state, paired_state = CodeHierarchy(), CodeHierarchy()  # the 部门 code's hierarchy, the 政府 code's
    cells_out: list[AmountCell] = []
    last_item: list[AmountCell] = []
    for row in table.rows:
        if row.line_no in layout.header_lines:
            continue
        cells = row.cells
        if len(cells) == 1 or (layout.measures and not layout.code_parts and len(cells) <= min(layout.measures)):
            tokens = cells[0].split() if len(cells) == 1 else [c.strip() for c in cells if c.strip()]
            relaid = _relay(tokens, layout, width)
            if relaid is None and len(cells) == 1:
                continue  # flattened page: only the summary parser reads those
            cells = relaid or cells
        code, name, shift, printed = split_code_name(cells, layout, state, scheme)
        name_c = compact(name)
        unit_row = row.line_no in units.lines
        if unit_row:
            code, name_c = None, next((compact(c) for c in cells if CJK.search(c)), "")
        if code is None and not name_c and layout.code_col is not None and layout.code_col < len(cells):
            name_c = compact(cells[layout.code_col])  # '合计' printed in the code column
        amounts = []
        for col, measure in layout.measures.items():
            idx = col + shift
            if 0 <= idx < len(cells) and compact(cells[idx]):
                text = cells[idx].strip()
                value = parse_amount(text)
                stray = _STRAY_CHAR.fullmatch(text) if value is None else None
                if stray and parse_amount(stray.group(2)) is not None:
                    # a character of a vertical label printed across the column ('支 2947399.16',
                    # the 支 of 人员经费支出): the amount is read, the repair recorded
                    value = parse_amount(stray.group(2))
                    findings.append(
                        Repair(table.table_no, row.line_no, "amount", text, stray.group(2), "amount_stray_character",
                               f"'{stray.group(1)}' printed into the amount cell")
                    )  # fmt: skip
                amounts.append((col, measure, text, value))
        real = [a for a in amounts if a[3] is not None]
        if code is None and not real:
            if name_c and last_item and not any(ch.isdigit() for ch in name_c) and len(name_c) < 30:
                for a in last_item:  # wrapped name continues on this line
                    a.subject_name = (a.subject_name or "") + name_c
            continue
        if code is None and not name_c and real and not cells_out:
            name_c = "合计"  # the unlabelled first line of totals
        if code is None and not name_c:
            continue
        if code is not None and not re.search(r"[\u4e00-\u9fff]", name_c or "") and not real:
            continue  # a bare number in page junk, not a subject row
        if unit_row and len(units.opening) > 1 and row.line_no >= min(units.opening):
            row_kind = "parent"  # one unit's line: the total of its block only (maybe empty)
        elif unit_row or (
            code is None and registry.canonical("total_row", name_c or "") or re.fullmatch(r"合计|总计", name_c or "")
        ):
            row_kind = "total"  # a department's line above its units, or the one unit's line
        else:
            row_kind = "item"
        if code is None and row_kind == "item" and not re.search(r"[\u4e00-\u9fff]", name_c):
            continue
        if printed is not None and code is not None:
            findings.append(
                Repair(
                    table.table_no,
                    row.line_no,
                    f"{scheme}_code",
                    printed,
                    code,
                    "code_from_hierarchy",
                    f"printed {printed} {name_c} under {code[:-2]}",
                )
            )
        paired_code = paired_name = None
        if layout.paired_code_parts:
            paired_code = paired_state.from_parts([cells[i] if i < len(cells) else "" for i in layout.paired_code_parts])
            if layout.paired_name_col is not None and layout.paired_name_col < len(cells):
                paired_name = compact(cells[layout.paired_name_col]) or None
        elif layout.paired_code_col is not None and layout.paired_code_col + shift < len(cells):
            paired_code = parse_code(cells[layout.paired_code_col + shift])
            if layout.paired_name_col is not None and layout.paired_name_col + shift < len(cells):
                paired_name = compact(cells[layout.paired_name_col + shift]) or None
        made = []
        for col, measure, text, value in amounts:
            if value is None and not re.search(r"\d", text):
                continue
            made.append(
                AmountCell(
                    table_no=table.table_no,
                    line_no=row.line_no,
                    row_kind=row_kind,
                    subject_scheme=scheme,
                    subject_code=code,
                    subject_name=name_c or None,
                    subject_code_printed=printed if printed is not None else code,
                    measure=measure,
                    amount_text=text,
                    amount=value,
                    amount_unit=table.amount_unit,
                    paired_code=paired_code,
                    paired_name=paired_name,
                    column_no=col + 1,
                )
            )
        if not made and row_kind == "item":
            # a subject printed with no amount at all: keep it as evidence (zero-width row)
            made.append(
                AmountCell(
                    table_no=table.table_no,
                    line_no=row.line_no,
                    row_kind=row_kind,
                    subject_scheme=scheme,
                    subject_code=code,
                    subject_name=name_c or None,
                    subject_code_printed=printed if printed is not None else code,
                    measure="(空)",
                    amount_text="",
                    amount=None,
                    amount_unit=table.amount_unit,
                    paired_code=paired_code,
                    paired_name=paired_name,
                )
            )
        cells_out.extend(made)
        last_item = made if row_kind == "item" else []
    return cells_out


def parse_subject_table(table: Table, scheme: str) -> list[AmountCell]:
    """The amount cells of a subject table (findings dropped: see read_subject_table)."""
    return read_subject_table(table, scheme).cells


def is_by_unit_table(table: Table) -> bool:
    """Tables broken down by budget unit (单位编码 / 单位名称) rather than by classification
    code: their 6-digit codes are unit codes, not subjects."""
    head = "".join(compact(c) for r in table.header_rows for c in r.cells[:3])
    return "单位编码" in head or "单位名称" in head or "单位代码" in head
