"""Column meaning of financial tables, from the table's whole header stack.

A header is printed on one to four lines; a merged cell prints its text once (in its first
column, or its top line) and blanks in the columns and lines it covers, and a 栏次 line
(1 2 3 …) may close it. Each column's meaning is read top-down through that stack:

- a label spans to the right over the blank cells of its line whose columns carry labels
  below it ('基本支出' over 小计 | 人员经费 | 公用经费);
- a spanning label that covers every amount column qualifies the table (一般公共预算支出,
  2026年预算数, 本年一般公共预算基本支出) and says nothing about one column; one that covers
  some of them names a group, whose 小计/合计 column is the group's total (小计 under
  基本支出 is 基本支出);
- words come from the template vocabulary (seeds/registry/template_vocabulary.csv:
  `column_measure`, `income_column`, `fund_column`, `column_not_measure`, `unit_column`);
- a column of another year than the table's own (2025年预算数 beside 2026年预算数, 上年预算数)
  and the columns of a block that is not a measure (政府采购, 绩效目标, 备注) are not read.

Positional defaults apply only where the header's words ran together into one cell (damage
that leaves no column to read them from); the parser records each such table. A header that
was read but cannot be understood (no known measure, one measure twice) leaves the layout's
`problem` set, and the table is recorded as not understood instead of guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import registry
from ..model import Table, TableRow
from ..text import compact, parse_amount

DEFAULT_MEASURES = {
    "expenditure_all": ["合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
    "gpb_func": ["合计", "基本支出", "项目支出"],
    "gov_fund": ["合计", "基本支出", "项目支出"],
    "state_capital": ["合计", "基本支出", "项目支出"],
    "basic_func": ["合计", "人员经费", "公用经费"],
    "basic_econ": ["合计", "人员经费", "公用经费"],
    "gpb_econ": ["合计", "人员经费", "公用经费", "项目支出"],
}

# the measures that say what kind of spending a column holds (a table with none of them and
# funding sources for columns is a breakdown by source, not by expense type)
EXPENSE_MEASURES = frozenset(["基本支出", "项目支出", "人员经费", "公用经费", "上缴上级支出", "经营支出", "对附属单位补助支出"])

_YEAR = re.compile(r"((?:19|20)\d{2})年")
_PRIOR = re.compile(r"^上年(?:预算|决算|执行)数?$|^上年数$")
_FURNITURE = re.compile(r"^(?:部门|单位|金额单位|编制单位|部门[(（]单位[)）])[:：]")
_CODE_CELL = re.compile(r"^[\[【（(]?\d{3,7}[\]】）)]?")
_CODE_PART = re.compile(r"^[类款项]$")


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


# ---------------------------------------------------------------- the header stack


def _is_numbering(labels: list[str]) -> bool:
    """The 栏次 line (1 2 3 …, maybe with its label)."""
    nums = [c for c in labels if c and c not in ("栏次", "行次")]
    return bool(nums) and all(re.fullmatch(r"\d{1,2}", c) for c in nums)


def header_like(cells: list[str]) -> bool:
    """A line that can belong to a header: text and no amount, no code (类 / 款 / 项, 小计 |
    人员支出 |…, a 栏次 line). Segmenting keeps some such lines among the rows (no header word)."""
    labels = [compact(c) for c in cells]
    filled = [c for c in labels if c]
    if not filled:
        return False
    if _is_numbering(labels):
        return True
    for c in filled:
        if _CODE_CELL.match(c) or re.fullmatch(r"\d{2}", c):
            return False
        v = parse_amount(c)
        if v is not None:
            return False
    return any(re.search(r"[\u4e00-\u9fff]", c) for c in filled)


def header_stacks(table: Table) -> list[list[TableRow]]:
    """The header stacks of a table, one per page: its header lines with the header-like lines
    printed right under them (or opening the table) that segmenting left among the rows."""
    lines = sorted([(r.line_no, 0, r) for r in table.header_rows] + [(r.line_no, 1, r) for r in table.rows], key=lambda x: x[:2])
    stacks: list[list[TableRow]] = []
    current: list[TableRow] = []
    data_seen = False
    for line_no, is_row, row in lines:
        # lines of one stack: no row between them (a data row ends a stack), a few lines apart
        # at most (a page number or a blank line may stand between two header lines)
        adjacent = bool(current) and line_no - current[-1].line_no <= 6
        closed = bool(current) and _is_numbering([compact(c) for c in current[-1].cells])  # 栏次 ends it
        if not is_row:
            if not adjacent and current:
                stacks.append(current)
                current = []
            current.append(row)
        elif (
            header_like(row.cells)
            and sum(1 for c in row.cells if c.strip()) >= 2  # one text cell: a wrapped name, not a header
            and ((adjacent and not closed) or not (data_seen or stacks or current))
        ):
            current.append(row)
        else:
            if current:
                stacks.append(current)
                current = []
            data_seen = True
    if current:
        stacks.append(current)
    return stacks


@dataclass
class _Label:
    text: str
    line: int  # index of the header line
    col: int  # the column it is printed in
    span: tuple[int, ...] = ()  # the columns it covers


def column_paths(rows: list[TableRow], width: int) -> list[list[_Label]]:
    """Each column's labels, top-down; a label spans right over blank cells of its line
    whose columns have labels below (a merged cell), never over a column without one."""
    grid = []
    for row in rows:
        labels = [compact(c) for c in list(row.cells[:width]) + [""] * (width - len(row.cells))]
        if _is_numbering(labels):
            continue
        grid.append([("" if (_FURNITURE.match(c) or re.fullmatch(r"[\d\W_]+|栏次|行次", c)) else c) for c in labels])
    paths: list[list[_Label]] = [[] for _ in range(width)]
    for r, line in enumerate(grid):
        below = [any(grid[k][c] for k in range(r + 1, len(grid))) for c in range(width)]
        made: dict[int, _Label] = {}
        for c in range(width):
            if line[c]:
                made[c] = _Label(line[c], r, c, (c,))
                paths[c].append(made[c])
            elif below[c]:
                k = c - 1
                while k >= 0 and not line[k] and below[k]:
                    k -= 1
                if k >= 0 and line[k] and below[k] and k in made:
                    owner = made[k]
                    owner.span = owner.span + (c,)
                    paths[c].append(owner)
    return paths


# ---------------------------------------------------------------- the layout


@dataclass
class ColumnLayout:
    code_col: int | None
    name_col: int
    measures: dict[int, str]  # column index -> measure
    paired_code_col: int | None = None  # 政府经济科目编码 beside 部门经济科目编码
    paired_name_col: int | None = None
    code_parts: tuple[int, ...] = ()  # 类 | 款 | 项 cells of one code, when printed apart
    paired_code_parts: tuple[int, ...] = ()
    unit_col: int | None = None  # 预算单位 / 单位名称 / 部门代码 …: rows broken down by unit
    fund_cols: tuple[int, ...] = ()  # columns naming funding sources (总计 | 财政拨款 | 单位资金 …)
    header_lines: frozenset[int] = frozenset()  # every line of the header stacks
    header_line: int | None = None  # first line of the stack read
    header_text: str = ""  # the stack read, as printed (for the record)
    problem: str | None = None  # why the header could not be understood (measures are then empty)
    by_position: bool = False  # measures laid by the kind's order: the header's words ran together
    unread: dict[int, str] = field(default_factory=dict)  # labelled columns of unknown meaning

    @property
    def by_funding_source(self) -> bool:
        """Columns are funding sources (总计 / 财政拨款 / 财政专户 / 单位资金 …), not expense types."""
        return len(self.fund_cols) >= 2 and not EXPENSE_MEASURES & set(self.measures.values())


def _joined(path: list[_Label]) -> str:
    return "".join(lb.text for lb in path)


def _is_code_header(text: str) -> bool:
    return bool(re.search(r"编码|代码", text)) and not re.search(r"单位|部门代码|部门编码", text)


def _structure(paths: list[list[_Label]]) -> dict:
    """Code, name, unit and paired (政府) columns, from the header words."""
    width = len(paths)
    joined = [_joined(p) for p in paths]
    leaves = [p[-1].text if p else "" for p in paths]
    unit_col = next((i for i in range(width) if registry.canonical("unit_column", leaves[i] or "")), None)
    code_cols = [i for i in range(width) if _is_code_header(joined[i]) or _CODE_PART.match(leaves[i])]
    name_cols = [
        i
        for i in range(width)
        if ("名称" in joined[i] or re.search(r"功能科目$|^科目$", joined[i])) and i not in code_cols and i != unit_col
    ]
    gov_names = [i for i in name_cols if "政府" in joined[i]]
    dept_names = [i for i in name_cols if "政府" not in joined[i]]
    name_col = dept_names[0] if dept_names else None
    # codes before the (部门) name are the row's code; a second code group after it, under
    # a 政府 heading or followed by a 政府 name, is the paired 政府经济分类 code
    first_codes = [i for i in code_cols if name_col is None or i < name_col]
    paired = [i for i in code_cols if name_col is not None and i > name_col and (not gov_names or i < gov_names[0] + 1)]
    if name_col is not None and not gov_names:
        paired = [i for i in paired if "政府" in joined[i]]
    if name_col is None:
        if first_codes:
            name_col = first_codes[-1] + 1
        else:
            name_col = next((i for i in range(width) if "项目" in joined[i] or "科目" in joined[i]), 0)
    parts = tuple(i for i in first_codes if _CODE_PART.match(leaves[i]))
    paired_parts = tuple(i for i in paired if _CODE_PART.match(leaves[i]))
    return {
        "code_col": first_codes[0] if first_codes else None,
        "name_col": name_col,
        "paired_code_col": paired[0] if paired else None,
        "paired_name_col": gov_names[0] if gov_names and paired else None,
        "code_parts": parts if len(parts) >= 2 else (),
        "paired_code_parts": paired_parts if len(paired_parts) >= 2 else (),
        "unit_col": unit_col,
    }


def _table_year(table: Table, paths: list[list[_Label]]) -> int | None:
    m = _YEAR.search(table.title)
    if m:
        return int(m.group(1))
    years = [int(y) for p in paths for lb in p for y in _YEAR.findall(lb.text)]
    return max(years) if years else None


def _excluded(path: list[_Label], year: int | None) -> bool:
    for lb in path:
        if registry.canonical("column_not_measure", lb.text):
            return True
        if _PRIOR.match(lb.text):
            return True
        if year and any(int(y) != year for y in _YEAR.findall(lb.text)):
            return True
    return False


def _leaf_text(path: list[_Label], vocabulary: str) -> str:
    """The column's own label: the lowest one, joined with the label printed above it in the
    same column when it alone names nothing (a label wrapped over two lines: 上解上级 / 支出)."""
    leaf = path[-1]
    if classify_header(leaf.text, vocabulary) is None and len(path) >= 2:
        above = path[-2]
        if above.col == leaf.col and len(above.span) == 1 and len(leaf.span) == 1:
            return above.text + leaf.text
    return leaf.text


def _fund(text: str) -> bool:
    return registry.canonical("fund_column", text) is not None


def _read_block(table: Table, block: list[TableRow], width: int) -> ColumnLayout:
    paths = column_paths(block, width)
    s = _structure(paths)
    structural = [
        c for c in (s["code_col"], s["name_col"], s["paired_code_col"], s["paired_name_col"], s["unit_col"]) if c is not None
    ]
    structural += list(s["code_parts"]) + list(s["paired_code_parts"])
    start = max(structural) + 1
    vocabulary = "income_column" if table.table_kind == "income" else "column_measure"
    year = _table_year(table, paths)
    region = [c for c in range(start, width) if paths[c] and not _excluded(paths[c], year)]
    regset = set(region)
    measures: dict[int, str] = {}
    funds: list[int] = []
    unread: dict[int, str] = {}
    for c in region:
        # a spanning label over every amount column qualifies the table, not the column
        path = [lb for lb in paths[c] if not (len(lb.span) > 1 and regset <= set(lb.span))]
        if not path:
            continue
        leaf = _leaf_text(path, vocabulary)
        m = classify_header(leaf, vocabulary)
        groups = [lb for lb in path[:-1] if len(lb.span) > 1]
        if groups and (m in ("合计", "本年收入小计") or classify_header(leaf) == "合计"):
            gm = classify_header(groups[-1].text, vocabulary)
            if gm and gm != "合计":
                m = gm  # the 小计 of a group is the group's total
            elif vocabulary != "income_column" and _fund(groups[-1].text):
                m = None
                funds.append(c)
                continue
        if vocabulary != "income_column" and (m is None or m == "年初结转和结余"):
            if _fund(leaf) or any(_fund(g.text) for g in groups):
                funds.append(c)
                continue
        if m == "备注":
            continue
        if m:
            measures[c] = m
        else:
            unread[c] = leaf
    layout = ColumnLayout(
        code_col=s["code_col"],
        name_col=s["name_col"],
        measures=measures,
        paired_code_col=s["paired_code_col"],
        paired_name_col=s["paired_name_col"],
        code_parts=s["code_parts"],
        paired_code_parts=s["paired_code_parts"],
        unit_col=s["unit_col"],
        fund_cols=tuple(funds),
        header_line=block[0].line_no,
        header_text=" / ".join("⇥".join(compact(c) for c in r.cells) for r in block),
        unread=unread,
    )
    seen: dict[str, int] = {}
    for col, m in sorted(measures.items()):
        if m in seen:
            layout.problem = f"columns {seen[m] + 1} and {col + 1} both read as {m}"
            break
        seen[m] = col
    if not measures and not layout.by_funding_source:
        layout.problem = "no column is a known measure"
    return layout


def _run_together(block: list[TableRow]) -> bool:
    """Several measure words printed in one header cell ('合计 基本支出 基本支出 ————'): the
    extraction ran the header's cells together, so no column can be read from it."""
    for row in block:
        for cell in row.cells:
            words = [w for w in re.split(r"\s+", cell.strip()) if w and not re.fullmatch(r"[—\-_]+", w)]
            if len(words) >= 2 and all(classify_header(w) for w in words):
                return True
    return False


def func_layout(table: Table) -> ColumnLayout:
    """Where the code, the name and each measure stand, from the best-read header stack."""
    width = max([len(r.cells) for r in table.header_rows + table.rows] or [0])
    stacks = header_stacks(table)
    header_lines = frozenset(r.line_no for st in stacks for r in st)
    best: ColumnLayout | None = None
    best_score = float("-inf")
    for block in stacks:
        layout = _read_block(table, block, width)
        score = len(layout.measures) + len(set(layout.measures.values())) + len(layout.fund_cols) * 0.5
        score += (2 if layout.code_col is not None else 0) - (3 if layout.problem else 0)
        if score > best_score:
            best, best_score = layout, score
    defaults = DEFAULT_MEASURES.get(table.table_kind)
    if best is None:
        best = ColumnLayout(None, 0, {})
        best.problem = "no header printed"
    best.header_lines = header_lines
    damaged = any(_run_together(st) for st in stacks)
    if defaults and damaged and (best.problem or len(best.measures) < 2):
        # the header's words ran together in one cell: lay the kind's measures
        # from the first column after the code and name, and say so
        first = max(c for c in (best.code_col, best.name_col) if c is not None) + 1
        best.measures = {first + k: m for k, m in enumerate(defaults)}
        best.by_position = True
        best.problem = None
    return best
