"""绩效 tables printed one project a row: the project's cells (name, code, amounts, goal) on
the left of the row, its indicators on the right.

Three forms share this reader:
  - a list: one row per project, no indicator columns (单位名称 | 项目名称 | 金额 | 绩效目标);
  - a packed list: every indicator of the project in one 绩效指标 cell
    ('1.1－产出指标，11－数量指标，X；实施周期指标值：…，年度指标值：…；2、…');
  - a wide grid: the project row carries its first indicator and the rows below, with the
    project cells blank, carry the others (序号 | 项目名称 | 金额 | 当年绩效目标 | 指标名称 |
    指标性质 | 指标值 | 计量单位 | 指标权重; or a two- and three-row header with 一级/二级/三级).

Columns are named by the header cells (vocabulary `perf_column` in
seeds/registry/template_vocabulary.csv); rows are read by position, which these extractions
keep. A row with a name and amounts but no goal and no indicator is a 资金使用单位 subtotal: it
names the unit of the projects below it. A project row printed again at the top of the next
page (same name and amount) continues that project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import registry
from ..model import PerformanceIndicator, PerformanceProject
from ..perf_values import clean_value_text, normalize_operator
from .cells import fill_values
from .columns import Values
from .rows import PAGE_NO, Row, amount, clean, is_number, key, raw

_PROJECT_FIELDS = ("unit_code", "project_code", "project_name", "unit_name", "budget", "fiscal", "other", "goal")
_INDICATOR_FIELDS = (
    "level1",
    "level2",
    "indicator",
    "operator",
    "value",
    "measure_unit",
    "weight",
    "description",
    "basis",
    "remark",
)
_AMOUNTS = ("budget", "fiscal", "other")
_TOTAL = re.compile(r"^(合计|总计)[:：]?$")
_PLACEHOLDER_VALUE = {"无", "不适用", "/", "—", "-"}


def column_meaning(label: str) -> str | None:
    """What a header cell names ('指标权重(%)' -> 'weight'), None for words of no column."""
    k = key(label)
    if not k or len(k) > 24:
        return None
    meaning = registry.canonical("perf_column", k)
    return None if meaning == "-" else meaning


@dataclass
class WideColumns:
    """Column index of each meaning, from the header rows (the deepest label of a column wins)."""

    at: dict[str, int] = field(default_factory=dict)
    header_lines: list[int] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)  # header words, to spot a repeated header

    def get(self, meaning: str) -> int | None:
        return self.at.get(meaning)

    @property
    def has_grid(self) -> bool:
        return "indicator" in self.at

    @property
    def first_indicator(self) -> int:
        cols = [self.at[m] for m in _INDICATOR_FIELDS if m in self.at] + (
            [self.at["indicators"]] if "indicators" in self.at else []
        )
        return min(cols) if cols else 10**6


def _is_header_row(row: Row, strict: bool = True) -> bool:
    """Header words only: no amounts, short cells, (strict) half of them naming a column; a
    row below the first header row may hold group words ('按收入性质分') beside them."""
    filled = row.filled
    if not filled or any(is_number(c) and not re.fullmatch(r"\s*\d{1,2}\s*", c) for _, c in filled):
        return False
    named = sum(1 for _, c in filled if column_meaning(c))
    return named >= 1 and (named * 2 >= len(filled) or not strict) and all(len(key(c)) <= 24 for _, c in filled)


def wide_columns(rows: list[Row]) -> tuple[WideColumns, int] | None:
    """The header of a one-project-a-row table among the first rows of a table, and the index
    of the first row below it; None when the table is printed as a vertical card.

    The header row names a project (or unit) column and an amount, goal or indicator column,
    all in one row of header words: a vertical card prints '项目名称 | <the name>' instead."""
    seen = 0
    for i, row in enumerate(rows):
        if not row.filled or PAGE_NO.match(row.joined or "x") or len(row.filled) == 1:
            continue
        seen += 1
        if seen > 4:
            return None
        meanings = {column_meaning(c) for _, c in row.filled}
        if not (_is_header_row(row) and len(row.filled) >= 3):
            continue
        if not meanings & {"project_name", "unit_name"} or not meanings & {"budget", "fiscal", "goal", "indicators", "indicator"}:
            continue
        stack = [row]
        end = i + 1
        while end < len(rows) and (not rows[end].filled or _is_header_row(rows[end], strict=False)):
            if rows[end].filled:
                stack.append(rows[end])
            end += 1
        return _columns_of(stack), end
    return None


def _columns_of(stack: list[Row]) -> WideColumns:
    cols = WideColumns(header_lines=[r.line_no for r in stack])
    width = max(len(r.cells) for r in stack)
    for idx in range(width):
        meaning = None
        for row in stack:  # top to bottom: a deeper recognised label names the column
            cell = row.cells[idx] if idx < len(row.cells) else ""
            if cell.strip():
                cols.labels.add(key(cell))
                found = column_meaning(cell)
                if found:
                    meaning = found
        if meaning and meaning not in cols.at:
            cols.at[meaning] = idx
    return cols


@dataclass
class _Current:
    proj: PerformanceProject
    items: list[PerformanceIndicator] = field(default_factory=list)
    l1: str | None = None
    l2: str | None = None
    signature: tuple = ()


class WideReader:
    """Reads the rows of one-project-a-row tables (a table and its continuation pages) into
    projects and indicators. `new_project(line_no)` makes the record each layout starts from."""

    def __init__(self, cols: WideColumns, scope: str, new_project, unit_name: str | None):
        self.cols = cols
        self.scope = scope
        self.new_project = new_project
        self.unit_name = unit_name  # the 资金使用单位 of the rows below (a subtotal row names it)
        self.done: list[_Current] = []
        self.current: _Current | None = None
        self.notes: list[str] = []

    def cell(self, row: Row, meaning: str) -> str:
        idx = self.cols.get(meaning)
        return row.cells[idx].strip() if idx is not None and idx < len(row.cells) else ""

    def feed(self, rows: list[Row]) -> None:
        for row in rows:
            if self._goal_continued(row):
                continue
            name_col = self.cols.get("project_name")
            if len(row.filled) == 1 and len(row.cells) > 1 and row.filled[0][0] == name_col and self.scope != "unit":
                self.unit_name = clean(row.filled[0][1])  # a name alone in its column: the unit below
                continue
            if not row.filled or len(row.filled) == 1 or row.line_no in self.cols.header_lines:
                continue  # page furniture: titles, 单位：万元, page numbers
            if all(key(c) in self.cols.labels or key(c) == "**" for _, c in row.filled) or _is_header_row(row):
                continue  # a header printed again, or the '** ** 1 2 3' column numbering
            self._row(row)

    def _goal_continued(self, row: Row) -> bool:
        """A lone cell standing in the 绩效目标 column: the goal above wrapped onto this line."""
        goal = self.cols.get("goal")
        cur = self.current
        if cur is None or goal is None or len(row.filled) != 1 or row.filled[0][0] != goal or goal == 0:
            return False
        cur.proj.annual_goal = (cur.proj.annual_goal or "") + clean(row.filled[0][1])
        return True

    def finish(self) -> list[tuple[PerformanceProject, list[PerformanceIndicator]]]:
        if self.current is not None:
            self.done.append(self.current)
            self.current = None
        return [(c.proj, c.items) for c in self.done]

    def _row(self, row: Row) -> None:
        name = clean(self.cell(row, "project_name") or (self.cell(row, "unit_name") if self.scope == "unit" else ""))
        if name and _TOTAL.match(key(name)):
            return
        has_indicator = bool(self.cell(row, "indicator") or self.cell(row, "indicators") or self._level_cells(row))
        goal = self.cell(row, "goal")
        amounts = {m: amount(self.cell(row, m)) for m in _AMOUNTS}
        if name:
            if "goal" in self.cols.at and not goal and not has_indicator and self.scope != "unit":
                self.unit_name = name  # a 资金使用单位 subtotal row: it names the unit below
                return
            signature = (name, amounts.get("budget"), amounts.get("fiscal"))
            if self.current is None or self.current.signature != signature:
                self._start(row, name, amounts, goal, signature)
        if self.current is None:
            return
        if self.cols.get("indicators") is not None:
            self._packed(row)
        elif self.cols.has_grid:
            self._grid(row)

    def _level_cells(self, row: Row) -> bool:
        return bool(self.cell(row, "level1") or self.cell(row, "level2"))

    def _start(self, row: Row, name: str, amounts: dict, goal: str, signature: tuple) -> None:
        if self.current is not None:
            self.done.append(self.current)
        proj = self.new_project(row.line_no)
        unit_here = clean(self.cell(row, "unit_name")) if self.scope != "unit" else ""
        proj.unit_name = unit_here or self.unit_name
        if self.scope == "unit":
            proj.project_name, proj.unit_name = f"整体:{name}", name
        else:
            proj.project_name = name
        proj.project_code = self.cell(row, "project_code") or None
        if self.cell(row, "unit_code"):
            proj.notes.append(f"unit code {self.cell(row, 'unit_code')}")
        proj.budget_wan, proj.fiscal_wan, proj.other_wan = amounts["budget"], amounts["fiscal"], amounts["other"]
        if proj.budget_wan is None and proj.fiscal_wan is not None:
            proj.budget_wan = proj.fiscal_wan
            proj.notes.append("budget_wan = 财政拨款 (the only amount printed)")
        proj.annual_goal = clean(goal) or None
        self.current = _Current(proj, signature=signature)

    # -- indicators in columns

    def _grid(self, row: Row) -> None:
        cur = self.current
        assert cur is not None
        l1, l2 = clean(self.cell(row, "level1")), clean(self.cell(row, "level2"))
        if l1:
            cur.l1, cur.l2 = l1, None
        if l2:
            cur.l2 = l2
        name = clean(self.cell(row, "indicator"))
        value = self.cell(row, "value")
        if not name or (key(value) in _PLACEHOLDER_VALUE and not self.cell(row, "weight")):
            return  # a level printed alone (an empty group), or a '无' placeholder row
        cur.proj.indicator_rows = (cur.proj.indicator_rows or 0) + 1
        op_cell = self.cell(row, "operator")
        unit = clean(self.cell(row, "measure_unit"))
        op_raw = clean_value_text(op_cell) if normalize_operator(op_cell) else ""
        ind = PerformanceIndicator(cur.proj.project_no, row.line_no, cur.l1, cur.l2, name)
        ind.target_raw = raw(op_raw + clean_value_text(value) + unit) if value else raw(op_raw + unit) or None
        weight = re.sub(r"^[(（]%[)）]", "", self.cell(row, "weight"))  # '(%)20': the header's unit, wrapped
        ind.weight = amount(weight) if weight else None
        ind.description = raw(self.cell(row, "description"))
        basis = [b for b in (self.cell(row, "basis"), self._remark(row)) if b]
        ind.basis = raw("；".join(basis)) if basis else None
        if op_cell and not normalize_operator(op_cell):
            ind.description = raw("；".join(x for x in (ind.description, f"指标性质：{clean(op_cell)}") if x))
        fill_values(ind, Values(unit=unit or None))
        cur.items.append(ind)
        cur.proj.line_end = row.line_no

    def _remark(self, row: Row) -> str | None:
        remark = self.cell(row, "remark")
        return f"备注：{clean(remark)}" if remark else None

    # -- indicators packed in one cell

    def _packed(self, row: Row) -> None:
        cur = self.current
        assert cur is not None
        text = self.cell(row, "indicators")
        if not text:
            return
        cur.proj.indicator_rows = (cur.proj.indicator_rows or 0) + text.count("年度指标值")  # items printed
        for n, (l1, l2, name, period, annual) in enumerate(packed_indicators(text), start=1):
            ind = PerformanceIndicator(cur.proj.project_no, row.line_no, l1, l2, name, item_no=n)
            ind.target_raw = raw(annual)
            if period and period != annual:
                ind.description = raw(f"实施周期指标值：{period}")
            fill_values(ind, Values())
            cur.items.append(ind)
        cur.proj.line_end = row.line_no


_PACKED_ITEM = re.compile(
    r"(?:[；;。]\s*)?\d+\s*[、.．]\s*\d+\s*[－\-—]\s*(?P<l1>[^，,；;]+?)\s*[，,]\s*\d+\s*[－\-—]\s*(?P<l2>[^，,；;]+?)\s*[，,]\s*"
    r"(?P<name>.+?)\s*[；;。]\s*实[\d.]{0,4}施周期指标[\d.]{0,4}值\s*[：:》]?\s*(?P<period>.*?)\s*[，,。；;]?\s*年度指标值\s*[：:》]?\s*"
    r"(?P<annual>.*?)\s*(?=[；;。]?\s*\d+\s*[、.．]\s*\d+\s*[－\-—]|[；;。]?\s*$)"
)


def packed_indicators(text: str) -> list[tuple[str, str, str, str, str]]:
    """'1.1－产出指标，11－数量指标，成果报告数量；实施周期指标值：≥10份，年度指标值：≥10份；2、…'
    -> [(一级, 二级, 三级, 实施周期指标值, 年度指标值), …]. The item number ('1.', '2、') and the
    level codes ('1－', '11－') are dropped."""
    out = []
    for m in _PACKED_ITEM.finditer(text.strip()):
        out.append((clean(m["l1"]), clean(m["l2"]), clean(m["name"]), (m["period"] or "").strip(), (m["annual"] or "").strip()))
    return out
