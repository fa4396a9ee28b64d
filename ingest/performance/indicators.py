"""Indicator rows (一级/二级/三级指标 with their values), read by what their cells contain and by
the table's own header positions where the row still lines up with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import PerformanceIndicator
from ..perf_values import achieved, clean_value_text, is_value_like, normalize_operator, parse_indicator_value
from .header import _is_indicator_header
from .level_hints import label_class, level2_class
from .rows import (
    _IMPLIED_L1,
    _L1_SHORT,
    _L1_WORDS,
    _L2_WORDS,
    _LABEL_SOURCES,
    _NAME_PREFIX,
    _PAGE_NO,
    _PLACEHOLDER,
    _STANDARD_L1,
    Row,
    _amount,
    _cjk_count,
    _clean,
    _has_cjk,
    _is_fragment,
    _is_number,
    _key,
    _level_word,
    _raw,
    _split_level_prefix,
)

# ---------------------------------------------------------------- indicators

# words of the second header line of layout c (运算符号 / 度量单位 …, 偏差原因 sub-columns)
_SUBHEADER_WORD = re.compile("运算符号|内容|度量单位|经费保障|制度保障|人员保障|硬件条件保障|其他|原因说明")


@dataclass
class _Values:
    """Value cells of one indicator row, by meaning."""

    target: str | None = None
    adjusted: str | None = None
    actual: str | None = None
    weight: float | None = None
    score: float | None = None
    unit: str | None = None  # a separate 度量单位 column
    op: str | None = None  # a separate 运算符号 column
    description: str | None = None
    basis: str | None = None
    deviation: str | None = None


@dataclass
class _Columns:
    """Where the indicator header puts each column (used while rows still line up)."""

    name: int | None = None
    l1: int | None = None
    l2: int | None = None
    target: int | None = None
    adjusted: int | None = None
    actual: int | None = None
    note: int | None = None
    weight: int | None = None
    score: int | None = None
    has_desc: bool = False
    size: int = 0


def _columns(header: Row) -> _Columns:
    cols = _Columns(size=len(header.cells))
    for i, c in header.filled:
        k = _key(c)
        if k.startswith("一级") and cols.l1 is None:
            cols.l1 = i
        elif k.startswith("二级"):
            cols.l2 = i
        elif k.startswith("三级") or k == "指标内容":
            cols.name = i
        elif "调整后" in k:
            cols.adjusted = i
        elif k in ("年度指标值", "年初指标值", "年度目标值", "指标值") and cols.target is None:
            cols.target = i
        elif "完成值" in k and cols.actual is None:
            cols.actual = i
        elif "定性值" in k:
            cols.note = i
        elif k == "分值":
            cols.weight = i
        elif k == "得分":
            cols.score = i
        if "描述" in k:
            cols.has_desc = True
    return cols


class _IndicatorReader:
    """Reads the rows of one indicator section, carrying levels down and joining wraps."""

    def __init__(self, project_no: int, layout: str, cols: _Columns):
        self.project_no = project_no
        self.layout = layout  # 'a' | 'b' | 'c' | 't'
        self.cols = cols
        self.l1: str | None = None
        self.l2: str | None = None
        self.items: list[PerformanceIndicator] = []
        self.vertical = ""
        self.pending: Row | None = None
        self.notes: list[str] = []
        self.problems: list[str] = []
        # (index of the first item at or below the word, 'l1' | 'l2', word) for every level
        # word printed, in reading order: where labels sit tells how merged cells are rendered
        self.marks: list[tuple[int, str, str]] = []
        # the first line(s) of the next row's name, printed in this row's name cell:
        # (row_seq of that row, text)
        self.name_carry: tuple[int, str] | None = None
        # rows with content fed so far: "the next row" is the next one with content, whatever
        # blank lines or page numbers an extractor put between them
        self.row_seq = 0
        self.pending_seq = 0

    # -- levels

    def _set_levels(self, l1: str | None = None, l2: str | None = None, l2_piece: str | None = None) -> None:
        """Update the carried 一级/二级 from what one row prints.

        A new 一级 starts a new group (二级 reset); a 二级 piece that completes the current
        二级 ('服务对象' + '满意度') is joined and the rows that got the piece are corrected;
        a printed 二级 implies its 一级 where the template fixes it (数量指标 -> 产出指标).
        """
        if l1:
            self.marks.append((len(self.items), "l1", l1))
        if l2:
            self.marks.append((len(self.items), "l2", l2))
        if l1 and l1 != self.l1:
            self.l1, self.l2 = l1, None
        if l2:
            self.l2 = l2
            if self.layout != "c":  # a vertically centred 二级 printed below the group's first rows
                for ind in reversed(self.items):
                    if ind.level2 is not None or ind.level1 != self.l1:
                        break
                    ind.level2 = l2
        elif l2_piece:
            joined = _level_word((self.l2 or "") + l2_piece) if self.l2 else None
            if joined:
                for ind in reversed(self.items):
                    if ind.level2 != self.l2:
                        break
                    ind.level2 = joined
                self.l2 = joined
            elif not (self.l2 and l2_piece in self.l2) and any(w.startswith(l2_piece) for w in _L2_WORDS):
                self.l2 = l2_piece
        if l1 is None and self.l2 in _IMPLIED_L1 and (self.l1 is None or self.l1 in _STANDARD_L1):
            self.l1 = _IMPLIED_L1[self.l2]
        if self.l1 or self.l2:
            for ind in self.items:  # rows above the first printed level (vertically centred)
                if ind.level1 is not None or ind.level2 is not None:
                    break
                ind.level1, ind.level2 = self.l1, self.l2
            for ind in self.items:
                if ind.level1 is not None:
                    break
                ind.level1 = self.l1

    def _apply_words(self, words: list[str]) -> None:
        """Level cells read by content: first = 一级, last = 二级; a lone word by vocabulary."""
        if len(words) >= 2 and words[0] in _L2_WORDS - {"成本指标"} and words[-1] in _L2_WORDS:
            self._set_levels(l2=words[-1])  # a damaged 一级 cell that reads as a 二级 word
        elif len(words) >= 2:
            self._set_levels(l1=words[0], l2=words[-1])
        elif len(words) == 1:
            if words[0] in _L1_WORDS:
                self._set_levels(l1=words[0])
            else:
                self._set_levels(l2=words[0])

    def _backfill(self, word: str) -> None:
        """A level printed below its rows (a vertically centred merged cell) fills the rows
        above it that have no such level yet, and carries on downward."""
        is_l1 = word in _L1_WORDS
        self.marks.append((len(self.items), "l1" if is_l1 else "l2", word))
        for ind in self.items:
            if is_l1 and ind.level1 is None:
                ind.level1 = word
            elif not is_l1 and ind.level2 is None:
                ind.level2 = word
        if is_l1:
            self.l1 = word
        else:
            self.l2 = word

    def _flush_vertical(self) -> None:
        if self.vertical:
            word = _level_word(self.vertical) or _L1_SHORT.get(self.vertical)
            if word:
                self._backfill(word)
            self.vertical = ""

    def _label_row(self, row: Row) -> bool:
        """Rows holding only level words or one-character pieces of a vertical label."""
        tokens = [t for _, c in row.filled for t in c.split()]
        if not tokens:
            return False
        kinds: list[tuple[str, str | None]] = []
        for t in tokens:
            k = _key(t)
            if len(k) == 1 and _has_cjk(k):
                kinds.append(("char", k))
            elif _level_word(t):
                kinds.append(("word", _level_word(t)))
            elif _is_fragment(t):
                kinds.append(("frag", k))
            else:
                return False
        for kind, word in kinds:
            k = word or ""
            if kind == "char":
                self.vertical += k
                if _level_word(self.vertical):
                    self._flush_vertical()
            elif kind == "word":
                self._flush_vertical()
                self._backfill(k)
        return True

    # -- rows

    def feed(self, row: Row) -> None:
        if not row.filled or _PAGE_NO.match(row.joined):
            return
        self.row_seq += 1
        if _is_indicator_header(row):
            self.cols.has_desc = self.cols.has_desc or any("描述" in _key(c) for _, c in row.filled)
            return
        if self._subheader(row):
            return
        if self._overlay(row):
            self.notes.append(f"line {row.line_no}: OCR overlay row skipped")
            return
        if self._label_row(row):
            return
        self._flush_vertical()
        if self.pending is not None:
            pend, self.pending = self.pending, None
            if self.pending_seq + 1 == self.row_seq and self._weak_name(row):
                merged = Row(row.line_no, _merge_cells(pend.cells, row.cells))
                if self._parse_row(merged, dry=True):
                    self._parse_row(merged, hold=False)
                    return
            if not self._parse_row(pend, hold=False):
                self._continuation(pend)
        self._parse_row(row)

    def finish(self) -> None:
        self._flush_vertical()
        if self.pending is not None:
            pend, self.pending = self.pending, None
            if not self._parse_row(pend, hold=False):
                self._continuation(pend)
        self._give_back_name_carry()
        self._regroup_above_centred_labels()

    def _give_back_name_carry(self) -> None:
        """The next row's name start, when no next row came: it stays with the row it was
        printed in, so no text is lost."""
        if self.name_carry is not None and self.items:
            self.items[-1].indicator_name = (self.items[-1].indicator_name or "") + self.name_carry[1]
        self.name_carry = None

    # -- centred merged cells

    def _centred(self) -> bool:
        """Whether this table prints merged level cells vertically centred: the first time an
        一级 word, or the first 二级 word of an 一级 group, is printed, it sits below the group's
        first row. (Later repeats, such as a label printed again after a page break, say
        nothing about the rendering.)"""
        first_row: dict[str, int] = {}
        for i, ind in enumerate(self.items):
            if ind.level1 is not None:
                first_row.setdefault(ind.level1, i)
        first_mark: dict[tuple[str, str], int] = {}
        for index, kind, word in self.marks:
            if index >= len(self.items):
                continue
            l1 = word if kind == "l1" else self.items[index].level1
            if l1 is not None:
                first_mark.setdefault((kind, l1), index)
        return any(index > first_row.get(l1, index) for (_, l1), index in first_mark.items())

    def _regroup_above_centred_labels(self) -> None:
        """In a table with centred merged cells, the rows just above a printed 二级 word that
        fill-down gave to the previous group are moved into the word's group while their own
        name or value points to it (see level_hints). Rows that print a 二级 themselves, and
        rows of another 一级, never move."""
        if self.layout == "c" or len(self.items) < 2 or not self._centred():
            return
        printed_at = {index for index, kind, _ in self.marks if kind == "l2"}
        for index, kind, _word in self.marks:
            if kind != "l2" or not (0 < index < len(self.items)):
                continue
            below = self.items[index]
            target = label_class(below.level2)
            if target is None:
                continue
            k = index - 1
            while k >= 0 and k not in printed_at:
                ind = self.items[k]
                if ind.level1 != below.level1 or ind.level2 in (None, below.level2):
                    break
                hint = level2_class(ind.indicator_name, ind.target_raw or ind.adjusted_target_raw)
                if hint != target or label_class(ind.level2) == target:
                    break
                self.notes.append(
                    f"line {ind.line_no}: {ind.indicator_name}: 二级 {ind.level2} -> "
                    f"{below.level2} (centred label printed below the row)"
                )
                ind.level2 = below.level2
                k -= 1

    def _weak_name(self, row: Row) -> bool:
        """A row whose own name cell is missing or a one/two-character stub ('率'): the top
        half of its cells was printed on the line above."""
        parsed = self._by_content(_prepare_cells(row))
        return parsed is None or parsed[1] is None or _cjk_count(parsed[1]) <= 2

    @staticmethod
    def _subheader(row: Row) -> bool:
        if not _SUBHEADER_WORD.search(row.joined):  # two cells with these words: one at least
            return False
        keys = [_key(c) for _, c in row.filled]
        return sum(1 for k in keys if _SUBHEADER_WORD.search(k)) >= 2 and not any(_is_number(c) for _, c in row.filled)

    @staticmethod
    def _overlay(row: Row) -> bool:
        """OCR overlays repeat the whole table inside a few giant cells."""
        return any(len(_key(c)) > 60 and ("二级指标" in _key(c) or "三级指标" in _key(c)) for _, c in row.filled)

    def _continuation(self, row: Row) -> None:
        """A text-only row: the wrapped rest of the previous indicator's name or basis."""
        if not self.items:
            return
        prev = self.items[-1]
        filled = [(i, c) for i, c in row.filled if not _PLACEHOLDER.match(c)]
        if not filled:
            return
        texts = [_clean(c) for _, c in filled]
        if self.layout == "t" and (self.cols.has_desc or len(filled) > 1):
            last = texts[-1]
            if _basis_like(last) or (len(filled) == 1 and self.cols.has_desc and prev.basis):
                prev.basis = (prev.basis or "") + "".join(texts)
            return
        if len(filled) == 1 and prev.indicator_name and prev.line_no >= row.line_no - 3:
            prev.indicator_name += texts[0]

    def _parse_row(self, row: Row, dry: bool = False, hold: bool = True) -> bool:
        """Parse one row as an indicator; returns False when it is not one.

        In 绩效目标表 with a 描述 column, a row without any level cell or measured value may
        be the upper half of a vertically centred row: it is held back (`pending`) and merged
        with the next line when that line lacks a proper name.
        """
        cells = _prepare_cells(row)
        if (
            hold
            and not dry
            and self.layout == "t"
            and self.cols.has_desc
            and len(cells) >= 2
            and not any(is_value_like(c) or _level_word(c) for _, c in cells)
        ):
            self.pending, self.pending_seq = row, self.row_seq
            return False
        parsed = self._positional(row, cells) if self.layout in ("a", "b") else None
        if parsed is None:
            parsed = self._by_content(cells)
        if parsed is None:
            return False
        levels, name, values = parsed
        if dry:
            return name is not None and values is not None
        if isinstance(levels, tuple):
            self._set_levels(*levels)
        elif levels:
            self._apply_words(levels)
        if name is None or values is None:
            if name is None and values is None and not levels:
                if self.layout == "t" and len(cells) >= 2:
                    self.pending, self.pending_seq = row, self.row_seq
                else:
                    self._continuation(row)
            elif values is not None and name is None and values.weight is not None:
                self.problems.append(f"line {row.line_no}: indicator values without a name")
            return False
        self._emit(row.line_no, name, values)
        return True

    def _positional(self, row: Row, cells: list[tuple[int, str]]):
        """Read a/b rows by the header's column positions when the row still lines up."""
        cols = self.cols
        if cols.name is None or cols.weight is None:
            return None
        by_idx = dict(cells)
        name = by_idx.get(cols.name)
        if not name or not _has_cjk(name) or _level_word(name) or is_value_like(name) or _is_fragment(name):
            return None
        if any(_cjk_count(c) >= 4 and not (_level_word(c) or _is_fragment(c)) for i, c in cells if i < cols.name):
            return None  # a name left of the name column: the row is shifted
        weight = by_idx.get(cols.weight)
        score = by_idx.get(cols.score) if cols.score is not None else None
        if not _is_number(weight) or (score is not None and not _is_number(score)):
            return None
        later = [c for i, c in cells if i > max(cols.weight, cols.score or 0)]
        if score is None and (any(_is_number(c) for c in later) or _is_number(by_idx.get(cols.weight - 1))):
            return None  # the numeric tail sits left of the 分值/得分 columns: shifted
        v = _Values(
            target=by_idx.get(cols.target) if cols.target is not None else None,
            adjusted=by_idx.get(cols.adjusted) if cols.adjusted is not None else None,
            actual=by_idx.get(cols.actual) if cols.actual is not None else None,
            weight=_amount(weight),
            score=_amount(score) if score is not None else None,
            deviation=_join([c for i, c in cells if i > max(cols.weight, cols.score or 0)]),
        )
        if cols.note is not None and by_idx.get(cols.note):
            v.description = by_idx.get(cols.note)
        return self._positional_levels(cells), name, v

    def _positional_levels(self, cells: list[tuple[int, str]]) -> tuple:
        """(一级, 二级, 二级 piece) from the level columns of a row that lines up."""
        cols = self.cols
        l1_idx = cols.l1 if cols.l1 is not None else (cols.l2 - 1 if cols.l2 else None)
        l1 = l2 = piece = None
        for i, c in cells:
            if i >= (cols.name or 0):
                break
            k = _key(c)
            word = _level_word(c)
            if i == cols.l2:
                if word:
                    l2 = word
                elif _has_cjk(k) and 2 <= len(k) <= 5:
                    piece = k
            elif i == l1_idx or (word and word in _L1_WORDS):
                l1 = word if word in _L1_WORDS else _L1_SHORT.get(k, l1)
                if word and word not in _L1_WORDS and l2 is None:
                    l2 = word
        return (l1, l2, piece)

    def _by_content(self, cells: list[tuple[int, str]]):
        """Read a row by what its cells contain: level words, then a name, then values."""
        texts = [c for _, c in cells]
        if self.layout == "c":
            return self._content_c(texts)
        levels: list[str] = []
        pos = 0
        while pos < len(texts):
            c = texts[pos]
            word = _level_word(c) or _L1_SHORT.get(_key(c))
            if word and not (levels and pos + 1 < len(texts) and len(levels) >= 2):
                levels.append(word)
            elif _is_fragment(c) or not _has_cjk(c):
                pass
            elif not levels and pos + 1 < len(texts) and _level_word(texts[pos + 1]):
                pass  # OCR debris in the 一级 column, the 二级 word follows
            else:
                break
            pos += 1
        if pos >= len(texts) and len(levels) >= 3 and self.layout == "t":
            pos = len(texts) - 1  # the name itself reads as a level word ('服务对象满意度指标')
            levels = levels[:2]
            texts = texts[:pos] + [texts[pos]]
        if pos >= len(texts):
            return (levels, None, None) if levels else None
        name = texts[pos]  # as printed: _emit cleans it
        if is_value_like(texts[pos]):
            return (levels, None, None) if levels else None
        rest = texts[pos + 1 :]
        values = self._assign(rest)
        return levels, name, values

    def _content_c(self, texts: list[str]):
        """运算符号/指标值/度量单位/全年完成值/完成程度/分值/得分 rows, read from the right:
        the numeric tail is (完成程度, 分值, 得分); an operator cell starts the value part;
        without one, the last two text cells are (指标值, 全年完成值)."""
        end = len(texts)
        while end > 0 and not _is_number(texts[end - 1]):
            end -= 1
        if end < 3 or not _is_number(texts[end - 2]):
            return None
        score, weight = _amount(texts[end - 1]), _amount(texts[end - 2])
        head = texts[: end - 3]
        degree = texts[end - 3]
        op_pos = next((i for i, c in enumerate(head) if normalize_operator(c)), None)
        name_pos: int | None
        if op_pos is not None:
            name_pos = op_pos - 1
            part = head[op_pos:]
        else:
            if len(head) < 3:
                name_pos = len(head) - 2 if len(head) >= 2 else None
            else:
                name_pos = len(head) - 3
            part = head[name_pos + 1 :] if name_pos is not None else head
        if name_pos is None or name_pos < 0:
            return None
        v = _Values(weight=weight, score=score, description=None)
        if op_pos is not None:
            v.op = part[0]
            value_cells = part[1:]
            v.target = value_cells[0] if value_cells else None
            rest = value_cells[1:]
            if len(rest) >= 2 or (rest and not _is_number(rest[0]) and len(_key(rest[0])) <= 4):
                v.unit = rest[0] if len(rest) >= 2 or not _is_number(rest[0]) else None
                rest = rest[1:] if v.unit else rest
            v.actual = rest[0] if rest else None
        else:
            v.target = part[0] if part else None
            v.actual = part[1] if len(part) > 1 else None
        del degree  # 完成程度 is derived by the publisher from the two values; not kept
        levels = [
            w
            for w in (_level_word(c) or _clean(c) for c in head[:name_pos])
            if w and _has_cjk(w) and _key(w) not in _LABEL_SOURCES and not _is_fragment(w)
        ]
        return levels, head[name_pos], v

    def _assign(self, rest: list[str]) -> _Values | None:
        """Value cells after the name -> fields, per layout."""
        if self.layout == "t":
            return _assign_target(rest, self.cols.has_desc)
        end = len(rest)
        while end > 0 and not _is_number(rest[end - 1]):
            end -= 1
        if end == 0:
            return None
        deviation = _join(rest[end:])
        if end >= 2 and _is_number(rest[end - 2]) and end - 2 >= 1:
            weight, score, head = _amount(rest[end - 2]), _amount(rest[end - 1]), rest[: end - 2]
        else:
            weight, score, head = _amount(rest[end - 1]), None, rest[: end - 1]
        if not head:
            return None
        v = _Values(weight=weight, score=score, deviation=deviation)
        if self.layout == "a":
            v.target = head[0]
            v.actual = head[1] if len(head) > 1 else None
        else:
            if len(head) >= 3:
                v.target, v.adjusted, v.actual = head[0], head[1], head[2]
                v.description = _join(head[3:])
            elif len(head) == 2:
                v.adjusted, v.actual = head
            else:
                v.actual = head[0]
        return v

    def _emit(self, line_no: int, printed_name: str, v: _Values) -> None:
        own, carry = _split_wrapped_names(printed_name)
        name = _clean(own)
        if self.name_carry is not None and self.name_carry[0] + 1 == self.row_seq:
            carried = self.name_carry[1]
            self.notes.append(f"line {line_no}: name starts on the line above: {carried}|{name}")
            name = carried + name
            self.name_carry = None
        self._give_back_name_carry()  # a carry left from a row further up goes back to it
        ind = PerformanceIndicator(self.project_no, line_no, self.l1, self.l2, name)
        if carry:
            self.name_carry = (self.row_seq, _clean(carry))
        if self.layout == "c":
            op_raw = clean_value_text(v.op) if v.op else ""
            unit = _clean(v.unit) if v.unit else ""
            ind.target_raw = (op_raw + (v.target or "") + unit).strip() or None if v.target or op_raw else None
            ind.target_raw = _raw(ind.target_raw)
        else:
            ind.target_raw = _raw(v.target)
        ind.adjusted_target_raw = _raw(v.adjusted)
        ind.actual_raw = _raw(v.actual)
        ind.weight, ind.score = v.weight, v.score
        ind.description = _raw(v.description)
        ind.basis = _raw(v.basis)
        ind.deviation_reason = _raw(v.deviation)
        _fill_values(ind, v)
        self.items.append(ind)


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _split_wrapped_names(printed: str) -> tuple[str, str | None]:
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
        if widths[s] <= full - 4 and _cjk_count(pieces[s]) >= 2:
            return " ".join(pieces[: s + 1]), " ".join(pieces[s + 1 :])
    return printed, None


def _prepare_cells(row: Row) -> list[tuple[int, str]]:
    """Filled cells with '指标1:' prefixes, placeholders ('.....', '指标 2:') and merged
    level+name cells sorted out (a merged cell gives two cells at the same index)."""
    return [(i, piece) for i, c in row.filled for piece in _cell_pieces(c)]


@lru_cache(maxsize=65536)
def _cell_pieces(cell: str) -> tuple[str, ...]:
    """What one printed cell contributes: nothing (a placeholder), itself, or a level word
    and a name. Memoised: indicator names and values recur across documents."""
    cell = _drop_name_prefixes(cell)
    if _PLACEHOLDER.match(cell):
        return ()
    return _split_level_prefix(cell)


def _drop_name_prefixes(cell: str) -> str:
    """Up to three stacked '指标1:' prefixes removed (the prefix always starts with 指标)."""
    for _ in range(3):
        if cell.startswith("指标"):
            cell = _NAME_PREFIX.sub("", cell)
        cell = cell.strip()
    return cell


def _fill_values(ind: PerformanceIndicator, v: _Values) -> None:
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
    ind.achieved = achieved(t_op, t_val, t_unit, ind.actual_value, ind.actual_unit)


def _assign_target(rest: list[str], has_desc: bool) -> _Values | None:
    """绩效目标表 cells after the name: [描述], 指标值, [指标值确定依据 / 备注]."""
    if not rest:
        return None
    if not has_desc:
        return _Values(target=rest[0], basis=_join(rest[1:]))
    likes = [i for i, c in enumerate(rest) if is_value_like(c)]
    # a stray digit ('3') loses to a real value with an operator or a unit ('≥90%')
    j = next((i for i in likes if any(x is not None for x in parse_indicator_value(rest[i])[::2])), None)
    j = j if j is not None else (likes[0] if likes else None)
    if j is None:
        if len(rest) == 1:
            return _Values(target=rest[0]) if not _basis_like(rest[0]) else _Values(basis=rest[0])
        if _basis_like(rest[-1]):
            j = len(rest) - 2
        else:
            j = min(1, len(rest) - 1)
    return _Values(description=_join(rest[:j]), target=rest[j], basis=_join(rest[j + 1 :]))


def _basis_like(text: str) -> bool:
    """指标值确定依据 cells cite documents or plans ('冀医保发【2021】10号', '工作保障措施')."""
    k = _key(text)
    return bool(re.search(r"[【\[〔]|号|文件|措施|措|施$|调查|方案|计划|依据|规定|通知|精神", k))


def _merge_cells(a: list[str], b: list[str]) -> list[str]:
    """Two rows of one vertically centred table row, merged column by column."""
    n = max(len(a), len(b))
    return [((a[i] if i < len(a) else "") + (b[i] if i < len(b) else "")).strip() for i in range(n)]


def _join(parts: list[str]) -> str | None:
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return text or None
