"""Where performance tables start: their titles (绩效目标表 / 绩效自评表 / 汇总表), confirmed
by the table labels that follow, and the project name a title carries.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..text import strip_trailing_unit
from .rows import GENERIC_TITLE, PAGE_NO, SUMMARY_TITLE, TABLE_LABELS, TITLE_END, Row, clean, key

# ---------------------------------------------------------------- titles


@dataclass
class Title:
    index: int  # index into rows
    text: str
    stage: str  # '目标' | '自评'
    scope: str  # 'project' | 'unit' | 'fund'


def single_cell(row: Row) -> str | None:
    filled = row.filled
    return filled[0][1] if len(filled) == 1 else None


def _title_candidate(row: Row) -> str | None:
    """A line that is only a performance table title (not a catalogue row or a sentence)."""
    if "表" not in "".join(row.cells):  # every title ends in 表: a cheap first test
        return None
    text = single_cell(row)
    if text is None:
        return None
    t = clean(strip_trailing_unit(text))
    k = key(t)
    if len(k) > 150 or "《" in k or "见" in k or not TITLE_END.search(k):
        return None
    return t


def _confirmed(rows: list[Row], index: int) -> bool:
    """A title is a table only when a table label row (项目名称, 主管部门 …) follows closely;
    section headings such as '1.项目支出绩效目标表' are followed by another title instead."""
    seen = 0
    for row in rows[index + 1 :]:
        if not row.filled or PAGE_NO.match(row.joined or "x"):
            continue
        if _title_candidate(row):
            return False
        if any(label in row.joined for label in TABLE_LABELS):
            return True
        seen += 1
        if seen >= 8:
            return False
    return False


def find_titles(rows: list[Row]) -> tuple[list[Title], list[int]]:
    """Performance table titles and 绩效自评情况汇总表 titles, in document order."""
    titles, summaries = [], []
    for i, row in enumerate(rows):
        if "表" not in "".join(row.cells):  # both kinds of title end in 表
            continue
        text = single_cell(row)
        if text and SUMMARY_TITLE in key(text) and len(key(text)) < 60:
            summaries.append(i)
            continue
        t = _title_candidate(row)
        if not t or not _confirmed(rows, i):
            continue
        k = key(t)
        stage = "自评" if "自评" in k else "目标"
        scope = "unit" if "整体" in k else ("fund" if "专项资金总体" in k else "project")
        titles.append(Title(i, t, stage, scope))
    return titles, summaries


def name_from_title(title: str) -> str | None:
    """The project name a title carries ('X项目支出绩效自评表', '3、X绩效目标表'); None for
    generic titles ('项目支出绩效自评表', '2022年部门预算专项业务经费绩效目标表')."""
    t = re.sub(r"^\d+\s*[、.．]\s*", "", title)
    if GENERIC_TITLE.match(unicodedata.normalize("NFKC", t)):
        return None
    m = re.match(r"^(.*?)(项目支出|项目)?绩效(目标|自评)表$", t)
    name = m.group(1) if m else None
    return name or None
