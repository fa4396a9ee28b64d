"""Recognise what a document is: kind (预算/决算/绩效自评), fiscal year, publishing unit, money unit.

The evidence is the document's own title block and the labels its tables print
(部门名称：…, 单位：万元, 预算年度: 2024, '450 某某局' page headers); nothing here knows any
particular publisher.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import DocumentInfo, SourceDocument
from .text import compact, is_markdown_separator, split_cells, strip_markup

UNIT_SUFFIX = (
    "局|中心|机构|委员会|办公室|管理处|服务处|服务站|研究院|研究所|医院|学校|学院|大学|站|所|院|馆|队|"
    "委|办|厅|部|会|社|处|室|园|台|总站|协会|联合会"
)
_UNIT_SUFFIX_CHAR = re.compile("[" + "".join(sorted({w[-1] for w in UNIT_SUFFIX.split("|")})) + "]")
_UNIT_NAME = re.compile(rf"([\u4e00-\u9fff（）()]{{2,40}}(?:{UNIT_SUFFIX}))")
_LABELLED_UNIT = re.compile(r"^(?:部门|单位|预算单位|部门（单位）|部门\(单位\))(?:名称)?\s*[:：]\s*(?P<name>.+?)\s*$")
_CODE_AND_UNIT = re.compile(
    rf"^(?P<code>\d{{3,9}})\s*[-－ ]?\s*(?P<name>[\u4e00-\u9fff（）()]{{3,40}}(?:{UNIT_SUFFIX}))(?:[-－]\d+)?$"
)
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


def _clean_unit_name(name: str) -> str:
    name = compact(name)
    name = re.sub(r"(?:19|20)\d{2}年度?$", "", name)
    name = re.sub(r"^(?:(?:19|20)\d{2}年度?)", "", name)
    return name


_CODED_CELL = re.compile(
    rf"^(?P<code>\d{{3,9}})\s*[-－ ]\s*(?P<name>[\u4e00-\u9fff（）()]{{3,40}}?(?:{UNIT_SUFFIX}))(?:[-－]\d+)?$"
)


def _coded_unit(text: str) -> tuple[str, str] | None:
    m = _CODED_CELL.match(text.strip()) or _CODED_CELL.match(compact(text))
    if m and len(m.group("code")) in (3, 6) and not re.fullmatch(r"(?:19|20)\d{2}", m.group("code")):
        return m.group("code"), compact(m.group("name"))
    return None


def _unit_in_cells(cells: list[str], start: int = 0) -> tuple[str, str] | None:
    """A printed (code, name) pair: '160002-某中心' in one cell (or split over two), or
    a 3/6-digit unit code cell followed by a unit-name cell (unit listings)."""
    for i in range(start, len(cells)):
        c = compact(cells[i])
        pair = _coded_unit(cells[i])
        if pair is None and i + 1 < len(cells) and re.match(r"^\d{3,6}[-－]", c):
            pair = _coded_unit(c + compact(cells[i + 1]))
        if pair:
            return pair
        if re.fullmatch(r"\d{3}|\d{6}", c) and i + 1 < len(cells):
            nxt = compact(cells[i + 1])
            if _UNIT_NAME.fullmatch(nxt) and len(nxt) >= 4:
                return c, nxt
    return None


def detect_unit(doc: SourceDocument):
    """(unit_name, unit_code, other names printed for the same unit, (parent code, parent name)).

    The title block names the unit; table page headers repeat it ('部门名称：X',
    '450 X') and sometimes print its code. The title's name is canonical, other
    spellings become aliases (one unit, two printed names). A code is taken only
    where it is printed beside a name.
    """
    labelled: Counter[str] = Counter()
    coded: Counter[tuple[str, str]] = Counter()
    own_codes: Counter[str] = Counter()  # codes printed after 预算单位/实施单位 labels
    parent: tuple[str | None, str | None] = (None, None)
    for raw in doc.lines:
        if not _UNIT_SUFFIX_CHAR.search(raw):
            continue  # no unit-name ending on this line: nothing to find here
        cells = [c for c in split_cells(raw) if c.strip()]
        line = " ".join(cells).strip()
        if not line:
            continue
        boss = next((k for k, c in enumerate(cells[:3]) if "管部门" in compact(c)), None)
        if boss is not None:
            found = _unit_in_cells(cells, boss + 1)
            if found and parent == (None, None):
                parent = found
            unit_at = next((k for k, c in enumerate(cells) if compact(c) in ("预算单位", "实施单位")), None)
            if unit_at is not None:
                joined = "".join(compact(c) for c in cells[unit_at + 1 :])
                m = re.match(r"^(\d{3}|\d{6})[-－]", joined)
                if m:
                    own_codes[m.group(1)] += 1
            continue
        pair = _unit_in_cells(cells) if len(line) <= 200 else None
        if pair:
            coded[pair] += 1
            continue
        if len(line) > 80:
            continue
        m = _LABELLED_UNIT.match(line)
        if m:
            name = re.split(r"\s+(?:19|20)\d{2}\s*年度?|\s+金额单位|\s+单位[:：]", m.group("name"))[0]
            name = _clean_unit_name(name)
            if _UNIT_NAME.fullmatch(name):
                labelled[name] += 1
            continue
        m = _CODE_AND_UNIT.match(line)
        if m and not re.fullmatch(r"(?:19|20)\d{2}", m.group("code")):
            coded[(m.group("code"), compact(m.group("name")))] += 1

    title_name = None
    for line in head_lines(doc, 4):
        line = re.sub(r"(?:19|20)\d{2}\s*年度?", " ", line)
        for token in re.split(r"[\s|]+", line):
            token = compact(token)
            m = _UNIT_NAME.fullmatch(token)  # the whole token: a project name is not a unit
            if m and len(m.group(1)) >= 4 and not token.startswith(("项目", "主管", "实施")):
                title_name = m.group(1)
                break
        if title_name:
            break
    if title_name is None:
        text = "\n".join("\t".join(split_cells(line)) for line in doc.lines[:60])
        m = re.search(
            rf"(?:实施单位|预算单位|单位名称)[\s:：]*(?:\d+[-－])?([\u4e00-\u9fff（）()]{{3,40}}?(?:{UNIT_SUFFIX}))", text
        )
        if m:
            title_name = compact(m.group(1))

    name = title_name
    if name is None and labelled:
        name = labelled.most_common(1)[0][0]
    if name is None and coded:
        name = coded.most_common(1)[0][0][1]
    aliases = []
    for cand in [*labelled.keys(), *(n for _, n in coded.keys())]:
        if cand and name and cand != name and cand not in aliases and is_alias(name, cand):
            aliases.append(cand)
    same_unit = {name, *aliases}
    codes = sorted({c for (c, n) in coded if n in same_unit or (name and (n in name or name in n))}, key=lambda c: (len(c), c))
    code = codes[0] if codes else None
    if code is None and own_codes:
        code = own_codes.most_common(1)[0][0]
    return name, code, aliases, parent, sorted(coded.keys())


def is_alias(name: str, other: str) -> bool:
    """Two printed names of one unit: they differ only in their last couple of characters
    (…经办机构 / …经办中心) or one is the other with a region prefix (省市…局)."""
    if other.endswith(name) or name.endswith(other):
        return True
    common = 0
    for a, b in zip(name, other):
        if a != b:
            break
        common += 1
    return abs(len(name) - len(other)) <= 1 and common >= max(len(name), len(other)) - 2 and common >= 4


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


def detect_document(doc: SourceDocument) -> DocumentInfo:
    name, code, aliases, (parent_code, parent_name), listed = detect_unit(doc)
    level = detect_unit_level(doc)
    if level == "部门" and code and len(code) == 6:
        # a 6-digit code is a 单位 inside the department (often its 本级), not the 部门 itself
        code = None
    title = " ".join(head_lines(doc, 2))[:200] or None
    return DocumentInfo(
        doc_kind=detect_kind(doc),
        year=detect_year(doc),
        unit_name=name,
        unit_code=code,
        amount_unit=detect_money_unit(doc),
        title=title,
        unit_name_aliases=aliases,
        parent_unit_name=parent_name,
        parent_unit_code=parent_code,
        listed_units=listed,
        unit_level=level,
    )
