"""OCR ghost rows: a second, damaged reading of the indicator row above it.

Scanned tables OCR'd twice leave, under a row, a copy of it in garbled characters
('上缴财政专户时间' then '中认 XX1目4小 | 上级炽政专厂时间'; '≥60000 人' then '> 00000 /
(号文件精神'). Such a row is known by its own evidence, never by its file: it repeats the row
above (a number run of two digits or more, or a cell at least half alike), its name and
description carry at least two kinds of damage that printed text does not (two capitals
alone, a backslash, '(X)', kana, a lone digit inside Chinese words, a closing 》 without its
《), and it has no 分值/得分 of its own.
"""

from __future__ import annotations

import difflib
import re

from ..model import PerformanceIndicator

_CJK = "\u4e00-\u9fff"
_DAMAGE = tuple(
    re.compile(p)
    for p in (
        r"(?<![A-Za-z])[A-Z]{2}(?![A-Za-z])",  # two capitals alone: 'XX', 'DX'
        r"\\",
        r"\([A-Z]\)",
        r"[\u3040-\u30ff]",  # kana
        r"/[A-Z]\d",
        f"[{_CJK}]\\d[{_CJK}]",  # a lone digit inside Chinese words
        r"》(?!.*《)|^[^《]*》",  # a closing title mark without its opening
    )
)


def damage(ind: PerformanceIndicator) -> int:
    """How many kinds of OCR damage the row's name and description show."""
    text = " ".join((x or "").replace(" ", "") for x in (ind.indicator_name, ind.description))
    return sum(1 for pattern in _DAMAGE if pattern.search(text))


def _digit_runs(ind: PerformanceIndicator) -> list[str]:
    return re.findall(r"\d+", " ".join(x for x in (ind.target_raw, ind.basis, ind.description) if x))


def _cells(ind: PerformanceIndicator) -> list[str]:
    return [x.replace(" ", "") for x in (ind.indicator_name, ind.description, ind.target_raw) if x and len(x) >= 3]


def repeats(row: PerformanceIndicator, above: PerformanceIndicator) -> bool:
    """The row repeats the one above: a shared run of two digits or more, or a cell at least
    half alike (not identical: two rows of one template may share a value)."""
    for a in _digit_runs(row):
        for b in _digit_runs(above):
            if difflib.SequenceMatcher(None, a, b).find_longest_match(0, len(a), 0, len(b)).size >= 2:
                return True
    return any(difflib.SequenceMatcher(None, a, b).ratio() >= 0.5 for a in _cells(row) for b in _cells(above) if a != b)


def is_ghost(row: PerformanceIndicator, above: PerformanceIndicator) -> bool:
    if row.weight is not None or row.score is not None:
        return False
    return damage(row) >= 2 and repeats(row, above)


def drop_ghosts(items: list[PerformanceIndicator], notes: list[str]) -> list[PerformanceIndicator]:
    """The rows that are no OCR ghost of the row above them (each drop noted with its line)."""
    kept: list[PerformanceIndicator] = []
    for ind in items:
        if kept and is_ghost(ind, kept[-1]):
            notes.append(f"line {ind.line_no}: OCR ghost of line {kept[-1].line_no} dropped: {ind.indicator_name}")
            continue
        kept.append(ind)
    return kept
