"""Kind (预算 / 决算 / 绩效自评), fiscal year and money unit of a document.

The evidence is the document's own title block and the labels its tables print (单位：万元,
预算年度: 2024); a year printed nowhere in the text may come from the file's name, which the
caller records as such.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import SourceDocument
from ..text import compact, is_markdown_separator, split_cells, strip_markup

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_BUDGET_YEAR = re.compile(r"预算年度\s*[:：]?\s*((?:19|20)\d{2})")
_MONEY_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元)")


def head_lines(doc: SourceDocument, limit: int = 8) -> list[str]:
    """The first non-empty lines, where the title block stands."""
    out = []
    for line in doc.lines:
        if is_markdown_separator(line):
            continue
        # cells joined by one space: a title printed across a tab or markdown row reads the same
        text = " ".join(c.strip() for c in split_cells(line) if c.strip())
        if text:
            out.append(text)
        if len(out) >= limit:
            break
    return out


def detect_kind(doc: SourceDocument) -> str | None:
    """预算 / 决算 / 绩效自评 from the title block.

    A final-accounts title says 决算; a budget title says 预算 (综合预算, 部门预算…);
    a document that opens with a self-evaluation table and never calls itself a
    预算/决算 is a 绩效自评 document.
    """
    head = compact(" ".join(head_lines(doc, 6)))
    if "决算" in head:
        return "决算"
    if "绩效自评" in head and "预算公开" not in head:
        return "绩效自评"
    if "预算" in head:
        return "预算"
    text = compact("\n".join(doc.lines[:200]))
    counts = {k: text.count(k) for k in ("决算", "预算", "绩效自评")}
    if counts["绩效自评"] and counts["决算"] == 0 and counts["预算"] <= counts["绩效自评"] * 3:
        return "绩效自评"
    if counts["决算"] >= 3:
        return "决算"
    if counts["预算"]:
        return "预算"
    return None


# a year written in Chinese numerals ('二〇二三年', '二零二四年度'), as some titles print it
_CN_DIGITS = {
    "〇": "0",
    "○": "0",
    "零": "0",
    "Ｏ": "0",
    "O": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_CN_YEAR = re.compile("([一二][〇○零ＯO一二三四五六七八九]{3})(?=\\s*年)")


def _arabic_years(line: str) -> str:
    if "年" not in line:
        return line
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)), line)


def detect_year(doc: SourceDocument) -> int | None:
    for line in map(_arabic_years, head_lines(doc, 10)):
        m = _BUDGET_YEAR.search(line) or _YEAR.search(line) or re.search(r"\b((?:19|20)\d{2})\b", line)
        if m:
            return int(m.group(1))
    for line in map(_arabic_years, doc.lines[:400]):
        m = _BUDGET_YEAR.search(line) or _YEAR.search(line)
        if m:
            return int(m.group(1))
    return None


def year_in_name(path: str) -> int | None:
    """A fiscal year written in a file or folder name ('2026年…部门预算.txt', 'x_2024_yusuan')."""
    m = re.search(r"(?<![0-9A-Za-z])((?:19|20)\d{2})(?:年|(?![0-9A-Za-z]))", path)
    return int(m.group(1)) if m else None


def kind_in_name(path: str) -> str | None:
    """预算 / 决算 / 绩效自评 named by a file or folder name."""
    if "决算" in path or "juesuan" in path.lower():
        return "决算"
    if "自评" in path:
        return "绩效自评"
    if "预算" in path or "yusuan" in path.lower():
        return "预算"
    return None


def detect_money_unit(doc: SourceDocument) -> str:
    """The most frequent printed money unit; tables may still override it (segment.py)."""
    counts: Counter[str] = Counter()
    for line in doc.lines:
        if "位" not in line:  # '单位' (spaces and markup aside) is in every unit statement
            continue
        for m in _MONEY_UNIT.finditer(strip_markup(line).replace(" ", "")):
            counts[m.group(1)] += 1
    if not counts:
        return "万元"
    return counts.most_common(1)[0][0]


def detect_unit_level(doc: SourceDocument) -> str | None:
    """部门 documents cover a department and its units; 单位 documents one budget unit."""
    head = compact(" ".join(head_lines(doc, 6)))
    if re.search(r"单位(?:综合)?(?:预算|决算)", head):
        return "单位"
    if re.search(r"部门(?:综合)?(?:预算|决算)", head):
        return "部门"
    return None
