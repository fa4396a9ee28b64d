"""Indicator rows read by the header's column positions, while a row still lines up with
the header (same cells, the name under the name column): 自评 layouts a/b (分值/得分 at their
columns) and 目标 rows (levels as printed in the 一级/二级 columns, R5; a name | sign | value |
unit | weight header without levels, R13). A row that does not line up is read by content
(indicators.IndicatorReader)."""

from __future__ import annotations

from ..perf_values import clean_value_text, is_value_like, normalize_operator
from .cells import join_text
from .columns import Columns, Values
from .rows import L1_SHORT, L1_WORDS, Row, amount, cjk_count, clean, has_cjk, is_fragment, is_number, key, level_word


def read_positional(cols: Columns, row: Row, cells: list[tuple[int, str]]):
    """Read a/b rows by the header's column positions when the row still lines up."""
    if cols.name is None or cols.weight is None:
        return None
    by_idx = dict(cells)
    name = by_idx.get(cols.name)
    if not name or not has_cjk(name) or level_word(name) or is_value_like(name) or is_fragment(name):
        return None
    if any(cjk_count(c) >= 4 and not (level_word(c) or is_fragment(c)) for i, c in cells if i < cols.name):
        return None  # a name left of the name column: the row is shifted
    weight = by_idx.get(cols.weight)
    score = by_idx.get(cols.score) if cols.score is not None else None
    if not is_number(weight) or (score is not None and not is_number(score)):
        return None
    later = [c for i, c in cells if i > max(cols.weight, cols.score or 0)]
    if score is None and (any(is_number(c) for c in later) or is_number(by_idx.get(cols.weight - 1))):
        return None  # the numeric tail sits left of the 分值/得分 columns: shifted
    v = Values(
        target=by_idx.get(cols.target) if cols.target is not None else None,
        adjusted=by_idx.get(cols.adjusted) if cols.adjusted is not None else None,
        actual=by_idx.get(cols.actual) if cols.actual is not None else None,
        weight=amount(weight),
        score=amount(score) if score is not None else None,
        deviation=join_text([c for i, c in cells if i > max(cols.weight, cols.score or 0)]),
    )
    if cols.note is not None and by_idx.get(cols.note):
        v.description = by_idx.get(cols.note)
    return positional_levels(cols, cells), name, v


def read_positional_target(cols: Columns, row: Row, cells: list[tuple[int, str]]):
    """Read a 目标 row by the header's positions when it has the header's cells: whatever
    stands in the 一级/二级 columns is the level (成本指标 in the 一级 column is 一级; a
    short 二级 such as 经济成本 or a template's own words count as printed). A header
    without level columns reads 'name | sign | value | unit | weight' (R13)."""
    if cols.name is None or cols.target is None or len(row.cells) != cols.size:
        return None
    if cols.l2 is None and (cols.l1 is not None or cols.op is None):
        return None  # without level columns only the name | sign | value | unit form is read here
    by_idx = dict(cells)
    if len(by_idx) != len(cells):
        return None  # a level and a name merged in one cell: read by content
    name, target = by_idx.get(cols.name), by_idx.get(cols.target)
    if not name or not target or not has_cjk(name) or is_value_like(name) or is_fragment(name):
        return None  # (a name that reads as a level word still stands in the name column)
    known = (cols.l1, cols.l2, cols.name, cols.target, cols.weight, cols.op, cols.unit)
    first = min(c for c in (cols.l1, cols.l2, cols.name) if c is not None)
    if any(i not in known and first < i < cols.target for i in by_idx):
        return None  # text between the level columns and the value: the row is shifted
    levels = []
    for idx in (cols.l1, cols.l2):
        text = clean(by_idx.get(idx)) if idx is not None else ""
        fit = text and 2 <= len(text) <= 12 and has_cjk(text) and not is_value_like(text)
        levels.append(text if fit else None)  # ('效' alone is a piece of a vertical label)
    weight = by_idx.get(cols.weight) if cols.weight is not None else None
    if weight is not None and not is_number(weight):
        return None
    op = by_idx.get(cols.op) if cols.op is not None else None
    unit = by_idx.get(cols.unit) if cols.unit is not None else None
    if op is not None or unit is not None:  # '≥ | 27 | 座' -> '≥27座'
        sign = clean_value_text(op) if normalize_operator(op) else ""
        target = sign + clean_value_text(target) + clean(unit)
    later = [
        f"{cols.labels[i]}：{c}" if cols.op is not None and i in cols.labels else c  # '是否核心：是'
        for i, c in cells
        if i > cols.target and i not in (cols.weight, cols.op, cols.unit)
    ]
    v = Values(target=target, weight=amount(weight) if weight is not None else None, basis=join_text(later))
    if op and not normalize_operator(op):
        v.description = f"指标性质：{clean(op)}"
    return (levels[0], levels[1], None), name, v


def positional_levels(cols: Columns, cells: list[tuple[int, str]]) -> tuple:
    """(一级, 二级, 二级 piece) from the level columns of a row that lines up."""
    l1_idx = cols.l1 if cols.l1 is not None else (cols.l2 - 1 if cols.l2 else None)
    l1 = l2 = piece = None
    for i, c in cells:
        if i >= (cols.name or 0):
            break
        k = key(c)
        word = level_word(c)
        if i == cols.l2:
            if word:
                l2 = word
            elif has_cjk(k) and 2 <= len(k) <= 5:
                piece = k
        elif i == l1_idx or (word and word in L1_WORDS):
            l1 = word if word in L1_WORDS else L1_SHORT.get(k, l1)
            if word and word not in L1_WORDS and l2 is None:
                l2 = word
    return (l1, l2, piece)
