"""One table between two titles: its zones (header, indicator header, indicator rows) and
the project record every layout starts from.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import PerformanceProject
from .header import is_indicator_header, read_name
from .indicators import IndicatorReader
from .rows import TERMINATOR, Row, clean, key, level_word
from .titles import Title, name_from_title, single_cell

# ---------------------------------------------------------------- table readers


@dataclass
class Block:
    title: Title
    rows: list[Row]
    pre_code: str | None = None


def split_zones(rows: list[Row]) -> tuple[list[Row], Row | None, list[Row]]:
    """Header zone (project info), the indicator header row, the indicator rows."""
    for i, row in enumerate(rows):
        if is_indicator_header(row):
            return rows[:i], row, rows[i + 1 :]
    return rows, None, []


def read_indicator_rows(reader: IndicatorReader, rows: list[Row], stop) -> Row | None:
    """Feed rows to the reader until `stop(row)` says the section ended; returns that row."""
    for row in rows:
        if row.filled and stop(row):
            reader.finish()
            return row
        text = single_cell(row)
        if text and TERMINATOR.match(key(text)) and not level_word(text):
            break
        if row.filled and key(row.filled[0][1]).startswith(("备注", "各注")):
            break
        reader.feed(row)
    reader.finish()
    return None


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
    项目名称 cell; the cell wins when it only adds the '项目' the title suffix swallowed."""
    from_title = name_from_title(block.title.text)
    cell = read_name(head)
    if from_title and cell and key(cell) == key(from_title) + "项目":
        return clean(cell)
    return from_title or (clean(cell) if cell else None)
