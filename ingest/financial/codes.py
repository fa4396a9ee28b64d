"""How a row prints its classification code: one cell ('2080502'), the code before the name
in the name cell ('[201]一般公共服务支出', '201 一般公共服务支出'), or 类 | 款 | 项 cells with
the parents repeated on every row ('208 | 05 | 02') or printed once and blank below ('| 05 |',
'| | 02'), like merged cells. The code is assembled from the cells and the rows above, so the
printed hierarchy is kept. A 款 printed alone as two digits in a single code column ('99'
under '208') is placed by the hierarchy (the parser records it as a repair)."""

from __future__ import annotations

import re

from ..catalogue import econ_catalogue, func_catalogue, normalise_name
from ..text import compact, parse_code
from .columns import ColumnLayout

# a code before the name in one cell ('201一般公共服务支出'), not a year ('2026年政策研究经费')
CODE_NAME = re.compile(r"^(\d{3}|\d{5}|\d{7})\s*(?![年月日])([\u4e00-\u9fff].*)$")
# the code in brackets before the name: '[201]一般公共服务支出', '【201】…', '（201）…'
BRACKET_CODE_NAME = re.compile(r"^[\[【（(](\d{3,7})[\]】）)]\s*(.+)$")
CJK = re.compile(r"[\u4e00-\u9fff]")


class CodeHierarchy:
    """The codes of the rows read so far (last 类, last 款): completes 款/项 cells printed
    without their parents, and places a lone two-digit code."""

    def __init__(self) -> None:
        self.cls: str | None = None
        self.kuan: str | None = None
        self.last: str | None = None

    def note(self, code: str) -> None:
        self.cls = code[:3]
        self.kuan = code[:5] if len(code) >= 5 else None
        self.last = code

    def from_parts(self, parts: list[str]) -> str | None:
        """类 | 款 | 项 (or 类 | 款) cells -> the code; blank parents are the rows above."""
        p = [compact(x) for x in parts]
        if not any(p):
            return None
        if p[0] and re.fullmatch(r"\d{5}|\d{7}", p[0]) and not any(p[1:]):
            code = p[0]  # a full code printed in the 类 cell
        elif not all(re.fullmatch(r"\d{3}" if i == 0 else r"\d{2}", x) for i, x in enumerate(p) if x):
            return None
        elif p[0]:
            code = p[0]
            if p[1]:
                code += p[1] + (p[2] if len(p) > 2 else "")
            elif len(p) > 2 and p[2]:
                return None  # a 项 printed under a 类 without its 款
        elif p[1]:
            if self.cls is None:
                return None
            code = self.cls + p[1] + (p[2] if len(p) > 2 and p[2] else "")
        else:
            if self.kuan is None or len(p) < 3:
                return None
            code = self.kuan + p[2]
        self.note(code)
        return code

    def place_two_digits(self, dd: str, name: str, scheme: str) -> str | None:
        """A lone two-digit code in a single code column: a 款 under the last 类, or a 项
        under the last 款 (the one the catalogue names so, else by the row above: after a
        类 or a 项 it opens a 款, after a 款 it is one of its 项)."""
        if self.cls is None:
            return None
        as_kuan = self.cls + dd
        as_xiang = self.kuan + dd if self.kuan and scheme == "func" else None
        cat = (func_catalogue() if scheme == "func" else econ_catalogue()).subjects
        n = normalise_name(name)
        for cand in (as_xiang, as_kuan):
            if cand and cand in cat and normalise_name(cat[cand].name) == n:
                return cand
        if as_xiang and self.last and len(self.last) == 5:
            return as_xiang
        return as_kuan


def split_code_name(
    cells: list[str], layout: ColumnLayout, state: CodeHierarchy, scheme: str
) -> tuple[str | None, str | None, int, str | None]:
    """(code, name, shift, printed): shift is how far this row's cells stand from the header's
    columns; printed is the code as the row prints it where it differs (a lone '99')."""
    if layout.code_parts:
        parts = [cells[i] if i < len(cells) else "" for i in layout.code_parts]
        code = state.from_parts(parts)
        name = cells[layout.name_col] if layout.name_col < len(cells) else None
        if code is None and not compact(name):
            name = next((c for c in parts if CJK.search(c)), name)  # 合计 printed in the 类 cell
        return code, name, 0, None
    end = layout.code_col + 3 if layout.code_col is not None else min([layout.name_col + 3, *layout.measures])
    for i in range(0, min(len(cells), end)):  # no code column: a code only before the amounts
        c = cells[i].strip()
        code = parse_code(c)
        if code and not (i == 0 and layout.code_col is not None and layout.code_col > 0 and re.fullmatch(r"\d{1,3}", c)):
            name_idx = i + 1
            while name_idx < len(cells) and not compact(cells[name_idx]):
                name_idx += 1
                if name_idx - i > 2:
                    break
            name = cells[name_idx] if name_idx < len(cells) else None
            base = layout.code_col if layout.code_col is not None else i
            if len(code) in (3, 5, 7):
                state.note(code)
            return code, name, i - base, None
        cc = compact(c)
        m = (CODE_NAME.match(cc) or BRACKET_CODE_NAME.match(cc)) if i <= 2 else None
        if m and len(m.group(1)) in (3, 5, 7):
            base = layout.code_col if layout.code_col is not None else i
            state.note(m.group(1))
            return m.group(1), m.group(2), (i - base) - (1 if layout.code_col is not None else 0), None
        if (
            layout.code_col is not None
            and i == layout.code_col
            and re.fullmatch(r"\d{2}", cc)
            and i + 1 < len(cells)
            and CJK.search(cells[i + 1])
        ):
            placed = state.place_two_digits(cc, cells[i + 1], scheme)
            if placed:
                state.note(placed)
                return placed, cells[i + 1], 0, cc
    name = cells[layout.name_col] if layout.name_col < len(cells) else None
    return None, name, 0, None
