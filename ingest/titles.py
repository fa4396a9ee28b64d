"""Where a line is a standard table's title: `title_kind`, and the titles printed over two
lines (a 绩效 title cut mid-name, a qualifier bracket left open, a statement's title whose
second line alone reads as another kind).

Kept apart from segment.py (which cuts a document into tables) because both the segmenter
and the Excel reader ask "is this a title?"; the title patterns themselves are data
(seeds/registry/table_kinds.csv, read through ingest.registry).
"""

from __future__ import annotations

import re

from . import registry
from .text import compact, split_cells, strip_markup, strip_trailing_unit

PERFORMANCE_KINDS = registry.performance_kinds()

_TITLE_END = re.compile(r"表(?:[（(][^）)]{0,20}[）)])*$")
_NUMBERING = re.compile(
    r"^(?:表\s*\d+[-—]?\d*|公开\s*\d+\s*表|附表\s*\d*|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)])\s*"
)
_SECTION = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
_YEAR_PREFIX = re.compile(r"^(?:(?:19|20)\d{2}年度?)")
_SENTENCE_PUNCT = re.compile(r"[。；，,]")
_PERF_TITLE_MAX = 150
_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}")
_BRACKETED = re.compile(r"[（(].*[）)]")  # '(2026年度)' above a title is a line of its own
_SPACED_QUALIFIER = re.compile(r"^(.*表)\s+([^\s\d表]{2,6})$")
_NOTE_START = ("注", "说明", "备注", "填报", "单位", "金额单位")
_OPEN_QUALIFIER = re.compile(r"表[（(][^（()）]*$")  # '…明细表（按支出功能分类科': the bracket left open

__all__ = [
    "NUMBERING",
    "SECTION",
    "title_kind",
    "wrapped_bracket_title",
    "wrapped_performance_title",
    "wrapped_statement_title",
]

# the numbering before a title (表1, 公开01表, 一、…) and a narrative section heading:
# public for the segmenter, which ends a table where narrative resumes
NUMBERING = _NUMBERING
SECTION = _SECTION


def title_kind(line: str) -> tuple[str, str] | None:
    """(kind, title) if the line is a standard-table title, else None.

    A title is one short cell ending in 表 (optionally 表（按…）), not a table-of-contents
    entry (no page numbers or leader dots) and not a list item.
    """
    if "表" not in line:  # every title ends in 表: most lines are rejected here, cheaply
        return None
    cells = [c for c in split_cells(line) if c.strip()]
    if len(cells) != 1:
        return None
    raw = strip_trailing_unit(strip_markup(cells[0]))  # '收支总表  单位：万元' on one line
    if raw.startswith(("- ", "* ", "注", "说明")) or "…" in raw or "...." in raw or "．．" in raw:
        return None
    text = compact(raw).replace("“", '"').replace("”", '"')
    text = _YEAR_PREFIX.sub("", _NUMBERING.sub("", text))
    qualified = _SPACED_QUALIFIER.match(raw.strip()) if not _TITLE_END.search(text) else None
    if qualified:  # '…绩效目标表 一级项目': a 绩效 title's qualifier after a space
        text = _YEAR_PREFIX.sub("", _NUMBERING.sub("", compact(qualified.group(1))))
    if len(text) > _PERF_TITLE_MAX or len(text) < 4 or not _TITLE_END.search(text):
        return None
    if _SENTENCE_PUNCT.search(text) or "见" in text[:4]:
        return None
    kind = registry.kind_of_title(text)
    if kind is None or ((len(text) > 60 or qualified) and kind not in PERFORMANCE_KINDS):
        return None  # a 绩效 title may name a long project; a statement's title is short
    return kind, compact(raw)


def wrapped_performance_title(first: str, second: str) -> tuple[str, str] | None:
    """A 绩效 title wrapped over two lines ('301007_某局_机场公安综' / '合修缮改造项目绩效目标表',
    '2026' / '年物业外包服务项目绩效目标表'): (kind, title) when the two lone lines joined make
    one, and the first reads as the start of a title: a bare year, or a long line that is no
    sentence, no numbered heading, no 'label: value', no note, and stands in no column (no tab
    before it)."""
    if "表" not in second or "\t" in first.rstrip() or first[:1] in " \t" or second.lstrip().startswith("#"):
        return None  # (a markdown heading is a title line of its own)
    a = [c for c in split_cells(first) if c.strip()]
    b = [c for c in split_cells(second) if c.strip()]
    if len(a) != 1 or len(b) != 1:
        return None
    head = compact(strip_markup(a[0]))
    if not (_YEAR_ONLY.fullmatch(head) or len(head) >= 8) or head.endswith("表") or _BRACKETED.fullmatch(head):
        return None
    if (
        _NUMBERING.match(head)
        or _SECTION.match(head)
        or _SENTENCE_PUNCT.search(head)
        or ":" in head
        or head.startswith(_NOTE_START)
    ):
        return None
    found = title_kind(a[0].strip() + b[0].strip())
    return found if found and found[0] in PERFORMANCE_KINDS else None


def wrapped_bracket_title(first: str, second: str) -> tuple[str, str] | None:
    """A title whose qualifier wraps onto the next line ('…支出明细表（按支出功能分类科' /
    '目-不含上年结转）'): (kind, title) when the first line is one cell ending in 表 and an open
    bracket, and the second is one short cell (no column before it) that closes the bracket;
    the two joined must read as a title."""
    a = [c for c in split_cells(first) if c.strip()]
    b = [c for c in split_cells(second) if c.strip()]
    if len(a) != 1 or len(b) != 1 or second[:1] in " \t" or not _OPEN_QUALIFIER.search(compact(a[0])):
        return None
    tail = compact(strip_markup(b[0]))
    if len(tail) > 20 or not re.search(r"[）)]$", tail) or re.search(r"[（(]", tail):
        return None
    return title_kind(a[0].strip() + b[0].strip())


def wrapped_statement_title(first: str, found: tuple[str, str]) -> tuple[str, str] | None:
    """A statement's title wrapped over two lines, whose second line alone reads as another
    (or a vaguer) title: '2021年部门综合预算一般公共预算拨款“三公”经费及' / '会议费、培训费支出
    预算表（不含上年结转）' is the 三公 table, not a 会议费 table. The first line must open a
    title (a year first), be a lone line (no tab) that is no title, no sentence and no
    'label: value' itself; the joined lines must make a title of another kind."""
    head = first.strip()
    if not head or "\t" in head or head[:1] in "#*-" or head.endswith("表"):
        return None
    text = compact(strip_markup(head))
    if not _YEAR_PREFIX.match(text) or _SENTENCE_PUNCT.search(text) or ":" in text or "：" in text:
        return None
    if title_kind(head) is not None:
        return None
    joined = title_kind(head + found[1])
    return joined if joined and joined[0] != found[0] else None
