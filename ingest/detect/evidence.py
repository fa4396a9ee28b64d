"""Units printed in the body of a document: after labels (预算单位：X, 部门名称：X, 编制单位：X,
预算主管部门：X), as coded page headers ('450 某某局', '160002-某中心'), and the units a
document lists with their codes. The title block is read by title.py; the choice between the
sources is made in __init__.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import registry
from ..model import SourceDocument
from ..text import compact, split_cells
from .names import clean_unit_name, looks_like_unit

UNIT_SUFFIX = (
    "局|中心|机构|委员会|办公室|管理处|服务处|服务站|研究院|研究所|医院|学校|学院|大学|站|所|院|馆|队|"
    "委|办|厅|部|会|社|处|室|园|台|总站|协会|联合会|署|场|校"
)
_UNIT_SUFFIX_CHAR = re.compile("[" + "".join(sorted({w[-1] for w in UNIT_SUFFIX.split("|")})) + "]")
_UNIT_NAME = re.compile(rf"([\u4e00-\u9fff（）()]{{2,40}}(?:{UNIT_SUFFIX}))")
_CODE_AND_UNIT = re.compile(
    rf"^(?P<code>\d{{3,9}})\s*[-－ ]?\s*(?P<name>[\u4e00-\u9fff（）()]{{3,40}}(?:{UNIT_SUFFIX}))(?:[-－]\d+)?$"
)
# a label and its value inside one line: 'X：value' up to the next label or the end
_LABEL_VALUE = re.compile(r"(?P<label>[\u4e00-\u9fff（）()]{2,10})\s*[:：]\s*(?P<value>[^:：]+?)(?=\s+\S{2,6}\s*[:：]|\s*$)")


@dataclass
class BodyUnits:
    """What the body of a document prints about its units."""

    labelled: Counter = field(default_factory=Counter)  # unit names after a unit label
    label_scopes: Counter = field(default_factory=Counter)  # (本级)/(汇总) printed with them
    parent_labelled: Counter = field(default_factory=Counter)  # names after 主管部门 labels
    implementer: Counter = field(default_factory=Counter)  # names after 实施单位 labels (绩效 tables)
    coded: Counter = field(default_factory=Counter)  # (code, name) pairs
    own_codes: Counter = field(default_factory=Counter)  # codes after 预算单位/实施单位 labels
    parent: tuple[str | None, str | None] = (None, None)  # (code, name) of a 主管部门 in a table


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


def body_units(doc: SourceDocument) -> BodyUnits:
    """Scan every line that could name a unit (it holds a unit-ending character)."""
    found = BodyUnits()
    for raw in doc.lines:
        if not _UNIT_SUFFIX_CHAR.search(raw):
            continue
        cells = [c for c in split_cells(raw) if c.strip()]
        line = " ".join(cells).strip()
        if not line:
            continue
        if len(cells) > 1:
            _read_cell_labels(cells, found)
        boss = next((k for k, c in enumerate(cells[:3]) if "管部门" in compact(c)), None)
        if boss is not None and len(cells) > 1:
            pair = _unit_in_cells(cells, boss + 1)
            if pair and found.parent == (None, None):
                found.parent = pair
            unit_at = next((k for k, c in enumerate(cells) if compact(c) in ("预算单位", "实施单位")), None)
            if unit_at is not None:
                joined = "".join(compact(c) for c in cells[unit_at + 1 :])
                m = re.match(r"^(\d{3}|\d{6})[-－]", joined)
                if m:
                    found.own_codes[m.group(1)] += 1
            continue
        pair = _unit_in_cells(cells) if len(line) <= 200 else None
        if pair:
            found.coded[pair] += 1
            continue
        if len(line) > 80:
            continue
        if _read_labels(line, found):
            continue
        m = _CODE_AND_UNIT.match(line)
        if m and not re.fullmatch(r"(?:19|20)\d{2}", m.group("code")):
            found.coded[(m.group("code"), compact(m.group("name")))] += 1
    return found


def _read_cell_labels(cells: list[str], found: BodyUnits) -> None:
    """A label cell and its value in the next cell ('实施单位 | 450-某局', '预算单位 | 某中心'):
    implementers and units of 绩效 tables; the 主管部门 cell is read as the parent elsewhere."""
    for k, cell in enumerate(cells[:-1]):
        role = registry.canonical("unit_label", compact(cell))
        if role not in ("unit", "implementer"):
            continue
        value = re.sub(r"^\d{3,9}[-－]", "", compact(cells[k + 1]))
        name = clean_unit_name(value)
        if looks_like_unit(name)[0]:
            (found.labelled if role == "unit" else found.implementer)[name] += 1


def _read_labels(line: str, found: BodyUnits) -> bool:
    """'预算单位：X', '编制单位：X  单位：元', '部门名称：X（本级）' → counted; True if a unit label."""
    hit = False
    for m in _LABEL_VALUE.finditer(line):
        role = registry.canonical("unit_label", compact(m.group("label")))
        if role not in ("unit", "parent"):
            continue
        value = compact(m.group("value"))
        scope = re.search(r"[（(](本级|汇总)[）)]", value)
        name = clean_unit_name(re.split(r"(?:19|20)\d{2}年|金额单位|单位[:：]", value)[0])
        if not looks_like_unit(name)[0]:
            continue
        hit = True
        if role == "parent":
            found.parent_labelled[name] += 1
        else:
            found.labelled[name] += 1
            if scope:
                found.label_scopes[scope.group(1)] += 1
    return hit


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
