"""One table between two titles: its zones (header, indicator header, indicator rows) and
the project record every layout starts from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import registry
from ..model import PerformanceProject
from .cells import prepare_cells
from .columns import Columns
from .header import is_indicator_header, read_name
from .indicators import IndicatorReader
from .rows import LABEL_SOURCES, PLACEHOLDER, TERMINATOR, Row, cjk_count, clean, has_cjk, is_fragment, key, level_word
from .titles import Title, name_from_title, single_cell

# ---------------------------------------------------------------- table readers


@dataclass
class Block:
    title: Title
    rows: list[Row]
    pre_code: str | None = None
    header: Row | None = None  # the indicator header of the card above, for a card printing none


def split_projects(rows: list[Row]) -> list[list[Row]]:
    """The projects printed under one title: below an indicator section, a row led by a
    project label with its value (专项（项目）名称, 项目名称 …: vocabulary `perf_name_label`)
    starts the next project's card (R8), so its header rows never read as indicators of the one
    above. A note or a new section ends the table; a project card printed after it without a
    title of its own ('表16' / 项目名称 … / an indicator header) is one more project (R12)."""
    parts: list[list[Row]] = [[]]
    indicators = ended = False
    for n, row in enumerate(rows):
        if row.filled:
            text = single_cell(row)
            if is_indicator_header(row):
                indicators = True
            elif indicators and text and TERMINATOR.match(key(text)) and not level_word(text):
                ended = True  # a note or the next section: the table has ended
            elif (indicators or ended) and _project_label(row) and (not ended or _indicator_header_follows(rows, n)):
                parts.append([])
                indicators = ended = False
        if not ended:
            parts[-1].append(row)
    return [p for p in parts if p]


def _project_label(row: Row) -> bool:
    """A row led by a project label with its value (a page header repeats the label alone)."""
    first = key(row.filled[0][1])
    label = registry.canonical("perf_name_label", first[:12])
    if label is None or not first.startswith(label):
        return False
    return len(row.filled) > 1 or len(first) > len(label) + 1


def _indicator_header_follows(rows: list[Row], n: int) -> bool:
    return any(is_indicator_header(r) for r in rows[n + 1 : n + 16])


def split_zones(rows: list[Row], inherited: Row | None = None) -> tuple[list[Row], Row | None, list[Row]]:
    """Header zone (project info), the indicator header row, the indicator rows. A card that
    prints no indicator header of its own (the next project under one title) takes the one
    above (`inherited`); its indicators start at the first row printing a level word."""
    for i, row in enumerate(rows):
        if is_indicator_header(row):
            return rows[:i], row, rows[i + 1 :]
    if inherited is not None:
        for i, row in enumerate(rows):
            if any(level_word(c) for _, c in row.filled):
                return rows[:i], inherited, rows[i:]
    return rows, None, []


def read_indicator_rows(reader: IndicatorReader, rows: list[Row], stop) -> Row | None:
    """Feed rows to the reader until `stop(row)` says the section ended; returns that row.
    Meanwhile count the rows that print an indicator (`reader.rows_printed`), by a test of
    their own, for the check that no row was lost or made up (R14)."""
    for row in rows:
        if row.filled and stop(row):
            reader.finish()
            return row
        text = single_cell(row)
        if text and TERMINATOR.match(key(text)) and not level_word(text):
            break
        if row.filled and key(row.filled[0][1]).startswith(("备注", "各注")):
            break
        if prints_indicator(row, reader.cols):
            reader.rows_printed += 1
        reader.feed(row)
    reader.finish()
    return None


_NOT_INDICATOR = re.compile(r"总分|小计|总得分|运算符号|度量单位|情况及分析|原因分析|改进措施|主要经验")


def prints_indicator(row: Row, cols: Columns) -> bool:
    """A row printing an indicator: lined up with the header, a name under the name column and
    a value under the value column; or else, cells shifted, a name followed by a value (level
    words, placeholders and '/' aside)."""
    if len(row.filled) < 2 or is_indicator_header(row) or _NOT_INDICATOR.search(row.joined) or _project_label(row):
        return False  # a header again, a 总分 / 小计 row, the sub-header, the analysis below, a card label
    if key(row.filled[0][1]) in ("主管部门", "实施单位", "预算单位"):
        return False
    cells = dict(row.filled)
    if len(row.cells) == cols.size and cols.name is not None and cols.target is not None:
        name, target = cells.get(cols.name, ""), cells.get(cols.target, "")
        if has_cjk(name) and target.strip() and not PLACEHOLDER.match(target):
            return not (key(target) in ("/", "无") and key(name) in ("/", "无"))
    rest = [c for _, c in prepare_cells(row) if key(c) not in ("/", "无") and key(c) not in LABEL_SOURCES]
    if all(level_word(c) or is_fragment(c) for c in rest):
        return False  # level words alone
    i = 0  # the 一级 / 二级 cells lead; the name follows them (it may read as a level word)
    while i < 2 and i < len(rest) - 2 and (level_word(rest[i]) or is_fragment(rest[i])):
        i += 1
    if i == 0 and level_word(rest[0]):
        return False  # a level word leads and nothing names the row ('时效指标 | 全年')
    return len(rest) > i + 1 and cjk_count(rest[i]) >= 2  # a name, then its value(s)


def new_project(no: int, block: Block, layout: str) -> PerformanceProject:
    last = block.rows[-1].line_no if block.rows else block.title.index + 1
    return PerformanceProject(
        project_no=no,
        stage=block.title.stage,
        layout=layout,
        table_title=block.title.text,
        line_start=block.title.index + 1,
        line_end=last,
        project_name=None,
    )


def project_name(block: Block, head: list[Row]) -> str | None:
    """The name printed in a specific title (typed text, cleaner than OCR'd cells), else the
    项目名称 cell; the cell wins when it only adds the '项目' the title suffix swallowed. A title
    printed above several tables of the document is the template's, not a project's (R4)."""
    from_title = None if block.title.repeated else name_from_title(block.title.text)
    cell = read_name(head)
    if from_title and cell and key(cell) == key(from_title) + "项目":
        return clean(cell)
    return from_title or (clean(cell) if cell else None)
