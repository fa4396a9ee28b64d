"""Tables broken down by budget unit: a 预算单位 / 单位名称 / 部门代码 … column, or rows with a
6-digit unit code and a unit's name opening a block of subject rows. Each unit prints its own
tree of subjects: its subtotals add up within its block, never across units, and the
department's facts are the sum of the units' leaves (a department's own line above them is a
total, not a tree)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import registry
from ..model import Table
from ..text import compact, parse_amount
from .codes import BRACKET_CODE_NAME, CJK, CODE_NAME
from .columns import ColumnLayout

_UNIT_CODE = re.compile(r"^\d{6}$")  # budget-unit codes (125001) are 6 digits: no subject code is
# what a budget unit's name ends with (某市安全生产监督管理局, …中心, …（本级）): a 6-digit code
# before such a name opens a unit's block; before a subject's name it is a damaged code
_UNIT_NAME = re.compile(r"(?:局|中心|办公室|委员会|厅|院|所|站|馆|队|处|部|会|社|学校|医院|公司|集团|政府|本级[)）]?)$")


@dataclass
class UnitLines:
    """The lines of a table that name a budget unit: those that open a block of subject rows
    (the unit's own tree follows) and those followed directly by another unit (a department's
    line above its units, or a unit printing no rows)."""

    opening: set[int] = field(default_factory=set)
    aggregate: set[int] = field(default_factory=set)

    @property
    def lines(self) -> set[int]:
        return self.opening | self.aggregate


def unit_lines(table: Table, layout: ColumnLayout) -> UnitLines:
    """The unit lines of a table: a name in its 预算单位 / 单位名称 column, or a 6-digit unit
    code before a unit's name."""
    found = UnitLines()
    pending: int | None = None
    for row in table.rows:
        if row.line_no in layout.header_lines or len(row.cells) < 2:
            continue
        cells = [compact(c) for c in row.cells]
        code_cell = cells[layout.code_col] if layout.code_col is not None and layout.code_col < len(cells) else ""
        unit_cell = cells[layout.unit_col] if layout.unit_col is not None and layout.unit_col < len(cells) else ""
        first_code = next((c for c in cells[:3] if re.fullmatch(r"\d{3,7}", c)), "")
        name = next((c for c in cells if CJK.search(c)), "")
        if (unit_cell and CJK.search(unit_cell) and not registry.canonical("total_row", unit_cell)) or (
            _UNIT_CODE.fullmatch(code_cell or first_code) and _UNIT_NAME.search(name)
        ):
            if pending is not None:
                found.aggregate.add(pending)
            pending = row.line_no
        elif pending is not None and (first_code or any(re.fullmatch(r"\d{2}", c) for c in cells[:3])):
            found.opening.add(pending)
            pending = None
    if pending is not None:
        found.aggregate.add(pending)
    return found


def has_subject_rows(table: Table, layout: ColumnLayout) -> bool:
    """Whether the rows carry classification codes (rather than units, projects or names)."""
    coded = with_amounts = 0
    for row in table.rows:
        if row.line_no in layout.header_lines:
            continue
        cells = [compact(c) for c in row.cells]
        if not any(parse_amount(c) is not None for c in cells[1:]):
            continue
        with_amounts += 1
        head = cells[: (layout.name_col + 1)] + [c for i, c in enumerate(cells) if i in layout.code_parts]
        if any(re.fullmatch(r"\d{3}|\d{5}|\d{7}", c) or BRACKET_CODE_NAME.match(c) or CODE_NAME.match(c) for c in head):
            coded += 1
    return with_amounts > 0 and coded * 2 >= with_amounts
