"""Which of the segmenter's 绩效 tables are tables, and what their titles say.

The segmenter (ingest/segment.py, with the `table_title` vocabulary) is the one place a
table title is recognised; its table kind says the stage (目标 / 自评) and the scope (a
project, a whole unit, a special fund). Here a 绩效 table is confirmed by the table labels
printed below its title (项目名称, 主管部门 …): a title repeated at the top of a page with no
labels of its own continues the table above it. The project name a title carries is read
here too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .. import registry
from ..model import Table
from ..text import strip_trailing_unit
from .rows import GENERIC_TITLE, PAGE_NO, TABLE_LABELS, Row, clean, key

# stage and scope of each 绩效 kind (seeds/registry/table_kinds.csv)
KIND_STAGE_SCOPE = {
    "perf_target": ("目标", "project"),
    "perf_fund_target": ("目标", "fund"),
    "perf_unit_target": ("目标", "unit"),
    "perf_self": ("自评", "project"),
    "perf_unit_self": ("自评", "unit"),
}
SUMMARY_KIND = "perf_summary"


@dataclass
class Title:
    index: int  # index into rows of the title's (first) line
    text: str
    stage: str  # '目标' | '自评'
    scope: str  # 'project' | 'unit' | 'fund'
    lines: int = 1  # lines the printed title takes (a long title wraps)
    repeated: bool = False  # printed above two or more tables: a template title, naming no project


@dataclass
class Span:
    """One 绩效 table: its title and the rows up to the next table of any kind."""

    kind: str
    title: Title
    end: int  # index into rows, exclusive


def single_cell(row: Row) -> str | None:
    filled = row.filled
    return filled[0][1] if len(filled) == 1 else None


def title_text(rows: list[Row], table: Table) -> tuple[str, int]:
    """The title as printed (names keep their own brackets and spacing), and how many lines
    it takes: a title the segmenter joined from two lines is joined here the same way."""
    idx = table.title_line - 1
    parts = [single_cell(rows[idx]) or table.title]
    want = len(table.title)
    while len(key("".join(parts))) < want and idx + len(parts) < len(rows):
        nxt = single_cell(rows[idx + len(parts)])
        if nxt is None:
            break
        parts.append(nxt)
    return clean(strip_trailing_unit("".join(parts))), len(parts)


def confirmed(rows: list[Row], start: int, end: int) -> bool:
    """A table label row (项目名称, 主管部门 …) follows the title closely: a real table, not a
    title repeated on the next page or a section heading."""
    seen = 0
    for row in rows[start:end]:
        if not row.filled or PAGE_NO.match(row.joined or "x"):
            continue
        if any(label in row.joined for label in TABLE_LABELS):
            return True
        seen += 1
        if seen >= 8:
            return False
    return False


def performance_spans(rows: list[Row], tables: list[Table]) -> tuple[list[Span], list[Span]]:
    """(table spans, 汇总表 spans) of the segmenter's 绩效 tables, in document order.

    Every table the segmenter found bounds the one before it. An unconfirmed 绩效 title
    right after a 绩效 table continues that table; elsewhere it is not a table.
    """
    ordered = sorted(tables, key=lambda t: t.title_line)
    spans: list[Span] = []
    summaries: list[Span] = []
    prev: Span | None = None  # the 绩效 table just above, while nothing else came between
    for n, table in enumerate(ordered):
        end = ordered[n + 1].title_line - 1 if n + 1 < len(ordered) else len(rows)
        stage_scope = KIND_STAGE_SCOPE.get(table.table_kind)
        if table.table_kind == SUMMARY_KIND:
            text, _ = title_text(rows, table)
            summaries.append(Span(table.table_kind, Title(table.title_line - 1, text, "自评", "unit"), end))
            prev = None
            continue
        if stage_scope is None:
            prev = None
            continue
        text, n_lines = title_text(rows, table)
        start = table.title_line - 1 + n_lines
        if not confirmed(rows, start, end):
            if prev is not None:
                prev.end = end
            continue
        prev = Span(table.table_kind, Title(table.title_line - 1, text, *stage_scope, lines=n_lines), end)
        spans.append(prev)
    printed = Counter(key(s.title.text) for s in spans)
    for s in spans:
        s.title.repeated = printed[key(s.title.text)] > 1
    return spans, summaries


def name_from_title(title: str) -> str | None:
    """The project name a title carries ('X项目支出绩效自评表', '3、X绩效目标表'); None for
    generic titles ('项目支出绩效自评表', '2022年部门预算专项业务经费绩效目标表', '政策和项目预算
    绩效目标表': a would-be name made of template words only, vocabulary `perf_title_word`)."""
    t = re.sub(r"^\d+\s*[、.．]\s*", "", title)
    t = _UNIT_PREFIX.sub("", t)  # '301008_泉州市公安局台商投资区分局_X绩效目标表': the unit leads
    if GENERIC_TITLE.match(unicodedata.normalize("NFKC", t)):
        return None
    m = re.match(r"^(.*?)(项目支出|项目)?绩效(目标|自评)表$", t)
    name = m.group(1) if m else None
    if not name or not _TEMPLATE_REST.sub("", registry.any_of("perf_title_word").sub("", key(name))):
        return None
    return name


_UNIT_PREFIX = re.compile(r"^\d{3,}_([^_]{2,40})_")


def unit_from_title(title: str) -> tuple[str | None, str | None]:
    """(unit name, unit code) a title leads with ('301008_泉州市公安局台商投资区分局_…', R19)."""
    m = re.match(r"^(\d{3,})_([^_]{2,40})_", title)
    return (m.group(2), m.group(1)) if m else (None, None)


# what may stand beside template words in a template title: a year, numbering, brackets
_TEMPLATE_REST = re.compile(r"[\d年度()（）、.．\s-]")
