"""What the cells of one indicator row say: name prefixes and placeholders removed, a name
cell that also holds the next row's name split, target cells assigned, values parsed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import PerformanceIndicator
from ..perf_values import is_value_like, judge_achieved, parse_indicator_value
from .columns import Values
from .rows import (
    NAME_PREFIX,
    PLACEHOLDER,
    Row,
    cjk_count,
    key,
    split_level_prefix,
)


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def split_wrapped_names(printed: str) -> tuple[str, str | None]:
    """A name cell that also holds the first line(s) of the next row's name.

    OCR sometimes files the top line of a wrapped cell with the row above. The lines of one
    cell wrap at the same width, so a line clearly shorter than the cell's full lines ends a
    name: '临时人员工资发 放完成率 宣传资料印刷质' is 临时人员工资发放完成率 (a full line, then a
    short one) and the start of the next row's 宣传资料印刷质|量达标率. Only a cell whose first
    line is full, with a short line of two or more characters inside it and a full last line
    (the next name goes on) is split; returns (this row's part, the next row's part)."""
    pieces = printed.split()
    if len(pieces) < 3:
        return printed, None
    widths = [_display_width(p) for p in pieces]
    full = max(widths)
    if widths[0] < full - 1 or widths[-1] < full - 1:
        return printed, None
    for s in range(len(pieces) - 2, 0, -1):
        if widths[s] <= full - 4 and cjk_count(pieces[s]) >= 2:
            return " ".join(pieces[: s + 1]), " ".join(pieces[s + 1 :])
    return printed, None


def prepare_cells(row: Row) -> list[tuple[int, str]]:
    """Filled cells with '指标1:' prefixes, placeholders ('.....', '指标 2:') and merged
    level+name cells sorted out (a merged cell gives two cells at the same index)."""
    return [(i, piece) for i, c in row.filled for piece in _cell_pieces(c)]


@lru_cache(maxsize=65536)
def _cell_pieces(cell: str) -> tuple[str, ...]:
    """What one printed cell contributes: nothing (a placeholder), itself, or a level word
    and a name. Memoised: indicator names and values recur across documents."""
    cell = _drop_name_prefixes(cell)
    if PLACEHOLDER.match(cell):
        return ()
    return split_level_prefix(cell)


def _drop_name_prefixes(cell: str) -> str:
    """Up to three stacked '指标1:' prefixes removed (the prefix always starts with 指标)."""
    for _ in range(3):
        if cell.startswith("指标"):
            cell = NAME_PREFIX.sub("", cell)
        cell = cell.strip()
    return cell


def fill_values(ind: PerformanceIndicator, v: Values) -> None:
    """Operator/number/unit of the target (the adjusted target where the original one is a
    blank template) and of the actual value, and whether the target was met."""
    effective = ind.target_raw
    t_op, t_val, t_unit = parse_indicator_value(effective)
    if ind.adjusted_target_raw:
        a_op, a_val, a_unit = parse_indicator_value(ind.adjusted_target_raw)
        if t_val is None and a_val is not None:
            t_op, t_val, t_unit = a_op, a_val, a_unit
    ind.target_op, ind.target_value, ind.target_unit = t_op, t_val, t_unit
    if ind.actual_raw:
        _, ind.actual_value, ind.actual_unit = parse_indicator_value(ind.actual_raw)
        if v.unit and ind.actual_value is not None and ind.actual_unit is None:
            ind.actual_unit = t_unit
    ind.achieved, ind.achieved_rule = judge_achieved(
        ind.target_raw, t_op, t_val, t_unit, ind.actual_raw, ind.actual_value, ind.actual_unit
    )


def assign_target(rest: list[str], has_desc: bool) -> Values | None:
    """绩效目标表 cells after the name: [描述], 指标值, [指标值确定依据 / 备注]."""
    if not rest:
        return None
    if not has_desc:
        return Values(target=rest[0], basis=join_text(rest[1:]))
    likes = [i for i, c in enumerate(rest) if is_value_like(c)]
    # a stray digit ('3') loses to a real value with an operator or a unit ('≥90%')
    j = next((i for i in likes if any(x is not None for x in parse_indicator_value(rest[i])[::2])), None)
    j = j if j is not None else (likes[0] if likes else None)
    if j is None:
        if len(rest) == 1:
            return Values(target=rest[0]) if not basis_like(rest[0]) else Values(basis=rest[0])
        if basis_like(rest[-1]):
            j = len(rest) - 2
        else:
            j = min(1, len(rest) - 1)
    return Values(description=join_text(rest[:j]), target=rest[j], basis=join_text(rest[j + 1 :]))


def basis_like(text: str) -> bool:
    """指标值确定依据 cells cite documents or plans ('冀医保发【2021】10号', '工作保障措施')."""
    k = key(text)
    return bool(re.search(r"[【\[〔]|号|文件|措施|措|施$|调查|方案|计划|依据|规定|通知|精神", k))


def merge_cells(a: list[str], b: list[str]) -> list[str]:
    """Two rows of one vertically centred table row, merged column by column."""
    n = max(len(a), len(b))
    return [((a[i] if i < len(a) else "") + (b[i] if i < len(b) else "")).strip() for i in range(n)]


def join_text(parts: list[str]) -> str | None:
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return text or None
