"""Indicator rows (一级/二级/三级指标 with their values), read by what their cells contain and by
the table's own header positions where the row still lines up with them.
"""

from __future__ import annotations

import re

from ..model import PerformanceIndicator
from ..perf_values import clean_value_text, is_value_like, normalize_operator
from .cells import assign_target, basis_like, fill_values, join_text, merge_cells, prepare_cells, split_wrapped_names
from .columns import Columns, Values, header_columns
from .ghosts import drop_ghosts
from .header import is_indicator_header
from .levels import LevelCarry
from .positional import read_positional, read_positional_target
from .rows import (
    L1_SHORT,
    LABEL_SOURCES,
    PAGE_NO,
    PLACEHOLDER,
    Row,
    amount,
    cjk_count,
    clean,
    has_cjk,
    is_fragment,
    is_number,
    key,
    level_word,
    raw,
)

# ---------------------------------------------------------------- indicators

# words of the second header line of layout c (运算符号 / 度量单位 …, 偏差原因 sub-columns)
_SUBHEADER_WORD = re.compile("运算符号|内容|度量单位|经费保障|制度保障|人员保障|硬件条件保障|其他|原因说明")


class IndicatorReader(LevelCarry):
    """Reads the rows of one indicator section, carrying levels down and joining wraps."""

    def __init__(self, project_no: int, layout: str, cols: Columns):
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
        self.rows_printed = 0  # rows printing an indicator, counted apart (blocks.prints_indicator)
        self.last_line = 0

    # -- rows

    def feed(self, row: Row) -> None:
        if not row.filled or PAGE_NO.match(row.joined):
            return
        self.row_seq += 1
        if is_indicator_header(row):
            self.cols.has_desc = self.cols.has_desc or any("描述" in key(c) for _, c in row.filled)
            if self.layout == "t" and len(row.cells) != self.cols.size:
                # the header printed again on the next page with other cell positions
                again = header_columns(row)
                again.has_desc, again.weight_total = self.cols.has_desc, self.cols.weight_total
                self.cols = again
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
                merged = Row(row.line_no, merge_cells(pend.cells, row.cells))
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
        self.last_line = max((i.line_no for i in self.items), default=0)  # the section's extent, ghosts included
        kept = drop_ghosts(self.items, self.notes)
        self.rows_printed -= len(self.items) - len(kept)  # a ghost is no row of its own
        self.items = kept

    def _give_back_name_carry(self) -> None:
        """The next row's name start, when no next row came: it stays with the row it was
        printed in, so no text is lost."""
        if self.name_carry is not None and self.items:
            self.items[-1].indicator_name = (self.items[-1].indicator_name or "") + self.name_carry[1]
        self.name_carry = None

    def _weak_name(self, row: Row) -> bool:
        """A row whose own name cell is missing or a one/two-character stub ('率'): the top
        half of its cells was printed on the line above."""
        parsed = self._by_content(prepare_cells(row))
        return parsed is None or parsed[1] is None or cjk_count(parsed[1]) <= 2

    @staticmethod
    def _subheader(row: Row) -> bool:
        if not _SUBHEADER_WORD.search(row.joined):  # two cells with these words: one at least
            return False
        keys = [key(c) for _, c in row.filled]
        return sum(1 for k in keys if _SUBHEADER_WORD.search(k)) >= 2 and not any(is_number(c) for _, c in row.filled)

    @staticmethod
    def _overlay(row: Row) -> bool:
        """OCR overlays repeat the whole table inside a few giant cells."""
        return any(len(key(c)) > 60 and ("二级指标" in key(c) or "三级指标" in key(c)) for _, c in row.filled)

    def _continuation(self, row: Row) -> None:
        """A text-only row: the wrapped rest of the previous indicator's name or basis."""
        if not self.items:
            return
        prev = self.items[-1]
        filled = [(i, c) for i, c in row.filled if not PLACEHOLDER.match(c)]
        if not filled:
            return
        texts = [clean(c) for _, c in filled]
        if self.layout == "t" and (self.cols.has_desc or len(filled) > 1):
            last = texts[-1]
            if basis_like(last) or (len(filled) == 1 and self.cols.has_desc and prev.basis):
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
        cells = prepare_cells(row)
        if (
            hold
            and not dry
            and self.layout == "t"
            and self.cols.has_desc
            and len(cells) >= 2
            and not any(is_value_like(c) or level_word(c) for _, c in cells)
        ):
            self.pending, self.pending_seq = row, self.row_seq
            return False
        parsed = read_positional(self.cols, row, cells) if self.layout in ("a", "b") else None
        if self.layout == "t" and not self.cols.has_desc:
            parsed = read_positional_target(self.cols, row, cells)
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

    def _by_content(self, cells: list[tuple[int, str]]):
        """Read a row by what its cells contain: level words, then a name, then values."""
        texts = [c for _, c in cells]
        if self.layout == "c":
            return self._content_c(texts)
        levels: list[str] = []
        pos = 0
        while pos < len(texts):
            c = texts[pos]
            word = level_word(c) or L1_SHORT.get(key(c))
            if word and not (levels and pos + 1 < len(texts) and len(levels) >= 2):
                levels.append(word)
            elif is_fragment(c) or not has_cjk(c):
                pass
            elif not levels and pos + 1 < len(texts) and level_word(texts[pos + 1]):
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
        while end > 0 and not is_number(texts[end - 1]):
            end -= 1
        if end < 3 or not is_number(texts[end - 2]):
            return None
        score, weight = amount(texts[end - 1]), amount(texts[end - 2])
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
        v = Values(weight=weight, score=score, description=None)
        if op_pos is not None:
            v.op = part[0]
            value_cells = part[1:]
            v.target = value_cells[0] if value_cells else None
            rest = value_cells[1:]
            if len(rest) >= 2 or (rest and not is_number(rest[0]) and len(key(rest[0])) <= 4):
                v.unit = rest[0] if len(rest) >= 2 or not is_number(rest[0]) else None
                rest = rest[1:] if v.unit else rest
            v.actual = rest[0] if rest else None
        else:
            v.target = part[0] if part else None
            v.actual = part[1] if len(part) > 1 else None
        del degree  # 完成程度 is derived by the publisher from the two values; not kept
        levels = [
            w
            for w in (level_word(c) or clean(c) for c in head[:name_pos])
            if w and has_cjk(w) and key(w) not in LABEL_SOURCES and not is_fragment(w)
        ]
        return levels, head[name_pos], v

    def _assign(self, rest: list[str]) -> Values | None:
        """Value cells after the name -> fields, per layout."""
        if self.layout == "t":
            if self.cols.weight is not None and len(rest) >= 2 and is_number(rest[-1]):
                v = assign_target(rest[:-1], self.cols.has_desc)  # the 分值 column, printed last
                if v is not None:
                    v.weight = amount(rest[-1])
                return v
            return assign_target(rest, self.cols.has_desc)
        end = len(rest)
        while end > 0 and not is_number(rest[end - 1]):
            end -= 1
        if end == 0:
            return None
        deviation = join_text(rest[end:])
        if end >= 2 and is_number(rest[end - 2]) and end - 2 >= 1:
            weight, score, head = amount(rest[end - 2]), amount(rest[end - 1]), rest[: end - 2]
        else:
            weight, score, head = amount(rest[end - 1]), None, rest[: end - 1]
        if not head:
            return None
        v = Values(weight=weight, score=score, deviation=deviation)
        if self.layout == "a":
            v.target = head[0]
            v.actual = head[1] if len(head) > 1 else None
        else:
            if len(head) >= 3:
                v.target, v.adjusted, v.actual = head[0], head[1], head[2]
                v.description = join_text(head[3:])
            elif len(head) == 2:
                v.adjusted, v.actual = head
            else:
                v.actual = head[0]
        return v

    def _emit(self, line_no: int, printed_name: str, v: Values) -> None:
        own, carry = split_wrapped_names(printed_name)
        name = clean(own)
        if self.name_carry is not None and self.name_carry[0] + 1 == self.row_seq:
            carried = self.name_carry[1]
            self.notes.append(f"line {line_no}: name starts on the line above: {carried}|{name}")
            name = carried + name
            self.name_carry = None
        self._give_back_name_carry()  # a carry left from a row further up goes back to it
        ind = PerformanceIndicator(self.project_no, line_no, self.l1, self.l2, name)
        if carry:
            self.name_carry = (self.row_seq, clean(carry))
        if self.layout == "c":
            op_raw = clean_value_text(v.op) if v.op else ""
            unit = clean(v.unit) if v.unit else ""
            ind.target_raw = (op_raw + (v.target or "") + unit).strip() or None if v.target or op_raw else None
            ind.target_raw = raw(ind.target_raw)
        else:
            ind.target_raw = raw(v.target)
        ind.adjusted_target_raw = raw(v.adjusted)
        ind.actual_raw = raw(v.actual)
        ind.weight, ind.score = v.weight, v.score
        ind.description = raw(v.description)
        ind.basis = raw(v.basis)
        ind.deviation_reason = raw(v.deviation)
        fill_values(ind, v)
        self.items.append(ind)
