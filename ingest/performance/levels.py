"""一级/二级指标 carried down an indicator section: merged level cells are printed once per
group (top-aligned or vertically centred), sometimes one character per line, sometimes
damaged by OCR. `LevelCarry` is the part of the indicator reader that keeps the current levels
and corrects the rows above a label printed below them.
"""

from __future__ import annotations

from ..model import PerformanceIndicator
from .level_hints import label_class, level2_class
from .rows import (
    IMPLIED_L1,
    L1_SHORT,
    L1_WORDS,
    L2_WORDS,
    STANDARD_L1,
    Row,
    has_cjk,
    is_fragment,
    key,
    level_word,
)


class LevelCarry:
    """The levels state of one indicator section (mixed into the indicator reader)."""

    layout: str
    l1: str | None
    l2: str | None
    items: list[PerformanceIndicator]
    vertical: str
    marks: list[tuple[int, str, str]]
    notes: list[str]

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
            joined = level_word((self.l2 or "") + l2_piece) if self.l2 else None
            if joined:
                for ind in reversed(self.items):
                    if ind.level2 != self.l2:
                        break
                    ind.level2 = joined
                self.l2 = joined
            elif not (self.l2 and l2_piece in self.l2) and any(w.startswith(l2_piece) for w in L2_WORDS):
                self.l2 = l2_piece
        # (a 二级 under a carried 成本指标 一级 that implies another 一级 starts that group: the
        # publisher left the 一级 cell blank, '| | 数量指标 | …' after the 成本指标 rows)
        if l1 is None and self.l2 in IMPLIED_L1 and (self.l1 is None or self.l1 in STANDARD_L1 or self.l1 == "成本指标"):
            self.l1 = IMPLIED_L1[self.l2]
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
        if len(words) >= 2 and words[0] in L2_WORDS - {"成本指标"} and words[-1] in L2_WORDS:
            self._set_levels(l2=words[-1])  # a damaged 一级 cell that reads as a 二级 word
        elif len(words) >= 2:
            self._set_levels(l1=words[0], l2=words[-1])
        elif len(words) == 1:
            if words[0] in L1_WORDS:
                self._set_levels(l1=words[0])
            else:
                self._set_levels(l2=words[0])

    def _backfill(self, word: str) -> None:
        """A level printed below its rows (a vertically centred merged cell) fills the rows
        above it that have no such level yet, and carries on downward."""
        is_l1 = word in L1_WORDS
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
            word = level_word(self.vertical) or L1_SHORT.get(self.vertical)
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
            k = key(t)
            if len(k) == 1 and has_cjk(k):
                kinds.append(("char", k))
            elif level_word(t):
                kinds.append(("word", level_word(t)))
            elif is_fragment(t):
                kinds.append(("frag", k))
            else:
                return False
        for kind, word in kinds:
            k = word or ""
            if kind == "char":
                self.vertical += k
                if level_word(self.vertical):
                    self._flush_vertical()
            elif kind == "word":
                self._flush_vertical()
                self._backfill(k)
        return True

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
