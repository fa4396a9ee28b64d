"""The income side of the 收支总表 / 收入支出决算总表: canonical revenue lines and totals.

Templates print the income lines as a small hierarchy: a parent line (一、财政拨款, 三、单位资金,
上年结余、结转, 一、部门预算) above its parts (1.一般公共预算拨款 / 政府性基金预算 …). The
numbering says which line is a part of which (一、 > 1、/1. > (1)); an unnumbered line right
below a numbered parent is a part of it when the parent is one that is split into parts (the
`revenue_group` vocabulary, e.g. 财政拨款 over 一般公共预算 / 政府性基金预算). A parent is
counted as a revenue line only when none of its parts prints an amount; otherwise its parts
are, never both, so the lines of a table add up to its 收入总计.

Labels are matched against the template vocabulary (`revenue_line`, `revenue_group`,
`revenue_total` in seeds/registry/template_vocabulary.csv) after the numbering, a trailing
qualifier （不含教育收费） and the extraction's moved numbering (一一般公共预算资金、) are
stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import registry
from ..model import AmountCell, Table, TableRow
from ..text import compact, parse_amount
from .columns import header_blocks, merged_headers

# numbering of a line, by depth: 一、 > 1、 / 1. / （一） > (1)
_NUMBERING = (
    (1, re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    (2, re.compile(r"^\d{1,2}[、.．](?!\d)")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    (3, re.compile(r"^[（(]\d{1,2}[)）]")),
)
# '一 一般公共预算资金、': the extraction moved the 、 of '一、' to the end of the cell
_MOVED_NUMBERING = re.compile(r"^(?:十[一二三四五六七八九]?|[一二三四五六七八九])(?=.+、$)")
_TRAILING_QUALIFIER = re.compile(r"[（(][^（()）]*[)）]$")  # 事业收入（不含教育收费）


def _numbering(text: str) -> tuple[int | None, str]:
    """(depth of the line's numbering or None, the label without it)."""
    t = compact(text)
    for depth, pattern in _NUMBERING:
        m = pattern.match(t)
        if m and len(t) > m.end():
            return depth, t[m.end() :]
    m = _MOVED_NUMBERING.match(t)
    if m:
        return 1, t[m.end() :].rstrip("、")
    return None, t


def revenue_label(text: str) -> str:
    """A printed income line label without numbering ('一、', '(1)', '1、') or decoration."""
    return _numbering(text)[1]


def _stem(label: str) -> str:
    """The label as the vocabulary matches it: no trailing 、 or qualifier in brackets."""
    return _TRAILING_QUALIFIER.sub("", label.rstrip("、")) or label


def canonical_revenue(label: str) -> str | None:
    """The contract's revenue type of a line label (numbering already stripped); None for an
    unknown label or an 其中 (of which) line; '-' for a heading that is never a revenue line
    of its own (一、部门预算)."""
    if label.startswith("其中"):
        return None
    stem = _stem(label)
    return registry.canonical("revenue_line", stem)


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


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _fits(row: TableRow, label_col: int, amount_col: int) -> bool:
    """The row prints a label and an amount where the header says."""
    cells = row.cells
    return amount_col < len(cells) and bool(_CJK.search(cells[label_col])) and parse_amount(cells[amount_col]) is not None


def _row_columns(row: TableRow) -> tuple[int, int]:
    """(label, amount) columns of one row: its first text cell and the next filled cell, when
    that is an amount printed before the next text cell (else a column that does not exist)."""
    label = next((i for i, c in enumerate(row.cells) if _CJK.search(c)), len(row.cells))
    nxt = next((i for i in range(label + 1, len(row.cells)) if compact(row.cells[i])), len(row.cells))
    if nxt < len(row.cells) and parse_amount(row.cells[nxt]) is None:
        nxt = len(row.cells)  # the next cell is the expenditure side's label: no amount
    return label, nxt


_FLAT_PAIR = re.compile(
    r"((?:[一二三四五六七八九十]+、|[（(]\d+[)）]|\d+、)?[\u4e00-\u9fff（）()“”\"]{2,30})\s+((?:\d{1,2}\s+)?)(\d[\d,]*\.\s?\d{2})?"
)


@dataclass
class _Line:
    """One income line of the table, placed in the printed hierarchy."""

    row: TableRow
    label: str  # printed, without numbering
    depth: int | None  # numbering depth; None for an unnumbered line
    revenue_type: str  # canonical ('-' = heading only)
    text: str  # the amount cell as printed ('' when blank)
    root: bool  # not a part of another line
    parts: list[_Line] = field(default_factory=list)

    @property
    def printed(self) -> bool:
        return parse_amount(self.text) is not None

    def parts_printed(self) -> bool:
        return any(p.printed or p.parts_printed() for p in self.parts)


def _takes_part(parent: _Line, line: _Line) -> bool:
    """Whether `line`, printed right below `parent` (or below parent's earlier parts), is one of
    parent's parts."""
    if line.depth is not None:
        if parent.depth is None:
            return parent.root  # 上年结余、结转 (unnumbered) over 1.财政拨款结余、结转
        return line.depth > parent.depth
    # an unnumbered line: a part of a numbered parent that is split into parts
    # (一、财政拨款收入 over 一般公共预算收入); beside an unnumbered line it is its sibling
    return parent.depth is not None and registry.canonical("revenue_group", parent.revenue_type) is not None


def parse_summary_revenue(table: Table) -> list[AmountCell]:
    """Income lines of the 收支总表 / 收入支出决算总表: canonical revenue types and totals."""
    header_cols = _summary_columns(table)
    by_row = not any(_fits(r, *header_cols) for r in table.rows)
    out: list[AmountCell] = []
    roots: list[_Line] = []
    stack: list[_Line] = []
    in_of_which = False  # after '其中：…', unnumbered lines continue the of-which list
    for row in table.rows:
        if len(row.cells) == 1:  # a page extracted as one line: read label/amount pairs
            out += _flat_pairs(table, row)
            stack.clear()
            continue
        out += _expenditure_grand_total(table, row)
        # the header's columns, or (when no row prints a label where the header says) each
        # row's first text cell and the cell after it: the header was displaced by the extraction
        label_col, amount_col = _row_columns(row) if by_row else header_cols
        if label_col >= len(row.cells):
            continue
        depth, label = _numbering(row.cells[label_col])
        text = row.cells[amount_col].strip() if amount_col < len(row.cells) else ""
        if not label:
            continue
        has_amount = bool(compact(text))
        if registry.canonical("revenue_total", label):
            if has_amount:
                out.append(_revenue_cell(table, row, "total", None, label, text, amount_col))
            stack.clear()
            in_of_which = False
            continue
        if label.startswith("其中") or (in_of_which and depth is None):
            in_of_which = True  # an 'of which' line: already inside the line above it
            if has_amount:
                out.append(_revenue_cell(table, row, "other", None, label, text, amount_col))
            continue
        in_of_which = False
        kind = canonical_revenue(label)
        if kind is None:  # not an income line we know: recorded, never summed
            if has_amount:  # (a blank one, e.g. a repeated '收 入' heading, changes nothing)
                if not by_row:  # (read by row, it is the expenditure side's label: R04 tells)
                    out.append(_revenue_cell(table, row, "other", None, label, text, amount_col))
                stack.clear()
            continue
        line = _Line(row, label, depth, kind, text, root=False)
        while stack and not _takes_part(stack[-1], line):
            stack.pop()
        if stack:
            stack[-1].parts.append(line)
        else:
            line.root = True
            roots.append(line)
        stack.append(line)
    for line in roots:
        out += _counted(table, line, amount_col)
    out.sort(key=lambda c: c.line_no)
    return out


def _counted(table: Table, line: _Line, amount_col: int) -> list[AmountCell]:
    """The line and its parts as cells: the parts when any prints an amount (the line is then a
    'parent', not summed), else the line itself."""
    if line.parts_printed():
        out = []
        if line.printed or compact(line.text):
            out.append(_revenue_cell(table, line.row, "parent", _type(line), line.label, line.text, amount_col))
        for part in line.parts:
            out += _counted(table, part, amount_col)
        return out
    if not compact(line.text):
        return []
    kind = _type(line)
    return [_revenue_cell(table, line.row, "item" if kind else "other", kind, line.label, line.text, amount_col)]


def _expenditure_grand_total(table: Table, row: TableRow) -> list[AmountCell]:
    """The expenditure side's grand total (支出总计), printed on the same row as 收入总计 in the
    right-hand columns: kept (measure '支出') so that 收入总计 = 支出总计 is checked (R18)."""
    for k, cell in enumerate(row.cells):
        if k == 0 or not registry.canonical("expenditure_grand_total", compact(cell)):
            continue
        for col in range(k + 1, len(row.cells)):
            text = row.cells[col]
            if parse_amount(text) is not None:
                got = _revenue_cell(table, row, "total", None, compact(cell), text, col)
                got.measure = "支出"
                return [got]
            if compact(text) and not re.fullmatch(r"\d{1,2}", compact(text)):  # (a 行次 number is skipped)
                return []
    return []


def _type(line: _Line) -> str | None:
    return None if line.revenue_type == "-" else line.revenue_type


def _flat_pairs(table: Table, row: TableRow) -> list[AmountCell]:
    out = []
    for m in _FLAT_PAIR.finditer(row.cells[0]):
        label = revenue_label(m.group(1))
        amount_text = (m.group(3) or "").strip()
        kind = canonical_revenue(label)
        if kind and kind != "-" and amount_text:
            out.append(_revenue_cell(table, row, "item", kind, label, amount_text, None))
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
