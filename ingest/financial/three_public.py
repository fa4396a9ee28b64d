"""The "三公" table: items (因公出国(境)费, 公务用车购置费, 公务用车运行维护费, 公务接待费) and
their 合计, per stage.

Two families of layout:
- tall: one line per item (合计 / 1、因公出国（境）费 / …), amounts in 预算数 / 决算数 columns;
- wide: the items are columns, named by a header of one to four lines (合计 | 因公出国(境)费 |
  公务用车购置及运行费 over 小计 / 购置费 / 运行费 | 公务接待费), sometimes split by fund
  (一般公共预算 / 政府性基金预算 / 国有资本经营预算 under each item), sometimes repeated in
  blocks (2025年预算数 | 2026年预算数, 上年 | 当年 | 增减变化情况, 预算数 | 决算数); the rows are
  one line, or one line per budget unit under a 合计 line, or one line per year per unit.

The wide layout is read from its header labels, never by position (templates order the items
differently): a block of the document's year (当年 / 本年 = this document's year; 预算数 /
决算数 = that stage), the fund sub-columns of an item summed, the 合计 line of a by-unit table
(or the sum of the units when none is printed, never both), the row of the document's year in
a table with one row per year. 会议费 / 培训费 / 机关运行经费 columns are not "三公"; a 合计
that counts them is not the "三公" 合计. A header too damaged to read falls back to the standard
order of the national 决算 template (合计, 出国, 车小计, 购置, 运维, 接待); the 合计 = Σ items
check (R05) then tells whether that guess was right.

Words: `three_public_item` (items, and '-' for columns that are not "三公") and
`three_public_column` (block and fund words) in seeds/registry/template_vocabulary.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import registry
from ..model import AmountCell, Table, TableRow
from ..text import compact, parse_amount

THREE_PUBLIC_WIDE = ["合计", "因公出国(境)费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
_YEAR = re.compile(r"^((?:19|20)\d{2})年")
_NUMBERING_CELL = re.compile(r"^(?:\d{1,2}|\*+|栏次|行次|序号)$")


def _item_word(label: str) -> str | None:
    """The `three_public_item` canonical of a label without numbering / 其中 ('-' = not "三公")."""
    t = compact(label)
    t = re.sub(
        r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|其中[:：]?|[（(]\d+[)）]|[（(][一二三四五六七八九十]+[)）])+", "", t
    )
    return registry.canonical("three_public_item", t)


def three_public_item(label: str) -> str | None:
    """The contract's item for a printed "三公" line; None for sub-lines and parents."""
    item = _item_word(label)
    return None if item == "-" else item


# ---------------------------------------------------------------- header reading


@dataclass
class _Column:
    index: int
    path: tuple[str, ...]  # the header labels above the column, top down (spanning labels repeated)
    item: str | None = None  # 合计 / an item / None
    fund: str | None = None  # 一般公共预算 / 政府性基金预算 / 国有资本经营预算 sub-column
    period: str | None = None  # '上年' | '当年' | '增减' | '预算' | '决算' | a year 'YYYY'
    excluded: bool = False  # 会议费 / 培训费 / 机关运行经费: not "三公"
    names_three: bool = False  # '三公' printed above it (the "三公" 小计 beside a wider 合计)


def _is_numbering(cells: list[str]) -> bool:
    keys = [compact(c) for c in cells if compact(c)]
    return bool(keys) and all(_NUMBERING_CELL.match(k) for k in keys)


def column_paths(head: list[TableRow], width: int) -> list[tuple[str, ...]]:
    """Each column's header labels, top down. A blank cell repeats the label on its left when
    both columns stand under the same labels above (a spanning cell: 公务用车购置及运行费 over
    小计 / 购置费 / 运行费); under different labels it is a column of its own, merged vertically."""
    paths: list[list[str]] = [[] for _ in range(width)]
    for row in head:
        if _is_numbering(row.cells):
            continue  # 栏次 1 2 3 …
        cells = [compact(c) for c in row.cells[:width]] + [""] * max(0, width - len(row.cells))
        above = [tuple(p) for p in paths]
        line = [""] * width
        for i, c in enumerate(cells):
            if c:
                line[i] = c
            elif i and line[i - 1] and above[i] == above[i - 1]:
                line[i] = line[i - 1]
        for i, c in enumerate(line):
            if c:
                paths[i].append(c)
    return [tuple(p) for p in paths]


def _classify(index: int, path: tuple[str, ...]) -> _Column:
    col = _Column(index, path)
    for label in path:
        word = _item_word(label)
        if word == "-":
            col.excluded = True
            continue
        if "三公" in label:
            col.names_three = True
        m = _YEAR.match(label)
        block = m.group(1) if m else registry.canonical("three_public_column", label)
        if block in ("一般公共预算", "政府性基金预算", "国有资本经营预算"):
            col.fund = block
            continue
        if block and col.period is None:
            col.period = block
        if word == "合计":
            col.item = col.item or "合计"  # 小计 under an item is that item's own subtotal
        elif word:
            col.item = word
    return col


def _split(table: Table) -> tuple[list[TableRow], list[TableRow]]:
    """(header stack, data rows): the header is every line before the first row printing an
    amount; the data rows are the table's rows from there (repeated page headers excluded)."""
    lines = sorted(table.header_rows + table.rows, key=lambda r: r.line_no)
    row_ids = {id(r) for r in table.rows}
    first = next(
        (k for k, r in enumerate(lines) if id(r) in row_ids and any(_amount(c) is not None for c in r.cells)),
        len(lines),
    )
    return lines[:first], [r for r in lines[first:] if id(r) in row_ids]


def _amount(text: str) -> float | None:
    return parse_amount(text) if compact(text) else None


# ---------------------------------------------------------------- the wide layout


def _blocks(columns: list[_Column]) -> dict[str | None, list[_Column]] | None:
    """Item columns grouped by block (period); None when a block names an item twice with no
    fund to tell the columns apart (the header was not read)."""
    blocks: dict[str | None, list[_Column]] = {}
    for col in columns:
        if col.item and not col.excluded:
            blocks.setdefault(col.period, []).append(col)
    for period, cols in blocks.items():
        totals = [c for c in cols if c.item == "合计"]
        twice = len({c.fund for c in totals}) < len(totals)
        if twice or any(c.excluded for c in columns if c.period == period):
            # a block with 会议费 / 培训费: its bare 合计 counts them; the "三公" one is named so
            three = [c for c in totals if c.names_three]
            if three or twice:
                cols[:] = [c for c in cols if c.item != "合计" or c in three]
        keys = [(c.item, c.fund) for c in cols]
        if len(keys) != len(set(keys)):
            return None
    return blocks


def _stage(period: str | None, doc_stage: str | None, year: int | None) -> str | None:
    """The stage a block's amounts are, or None for a block of another year / a difference."""
    if period in ("预算", "决算"):
        return period
    if period in (None, "当年"):
        return doc_stage or "预算"
    if period and period.isdigit() and year is not None and int(period) == year:
        return doc_stage or "预算"
    return None  # 上年, 增减, another year, or a year not known


def _label_text(row: TableRow, first_item: int) -> list[str]:
    return [compact(c) for c in row.cells[:first_item] if compact(c)]


def _chosen_rows(rows: list[TableRow], first_item: int, year: int | None) -> list[TableRow] | None:
    """The data rows that make the department's figure: the 合计 line; the row of the
    document's year (one row per year); the one unit; the department's line when it is the sum
    of the units below it; else every unit (summed). None when that cannot be told."""
    rows = [r for r in rows if any(_amount(c) is not None for c in r.cells[first_item:])]
    names = _unit_names(rows, first_item)
    yearly = [r for r in rows if any(_YEAR.match(c) or c.startswith("增减") for c in _label_text(r, first_item))]
    if yearly:
        if year is None:
            return None
        kept = [k for k, r in enumerate(rows) if any(c.startswith(f"{year}年") for c in _label_text(r, first_item))]
        rows, names = [rows[k] for k in kept], [names[k] for k in kept]
    totals = [r for r in rows if any(registry.canonical("total_row", c) for c in _label_text(r, first_item))]
    if totals:
        return totals[:1]
    if len(rows) <= 1:
        return rows
    if _is_sum_of(rows[0], rows[1:], first_item):
        return rows[:1]  # the department's own line above its units
    if names[0] and names[1].startswith(names[0]):
        return None  # the department above its 本级, not adding up: summing would count it twice
    return rows


def _unit_names(rows: list[TableRow], first_item: int) -> list[str]:
    """Each row's unit name: its own, or the one above it (a unit's 2026年 line under its 2025年 one)."""
    names, current = [], ""
    for r in rows:
        texts = [c for c in _label_text(r, first_item) if not (_YEAR.match(c) or c.startswith("增减") or c.isdigit())]
        current = texts[-1] if texts else current
        names.append(current)
    return names


def _is_sum_of(row: TableRow, parts: list[TableRow], start: int) -> bool:
    width = max(len(r.cells) for r in [row, *parts])
    for i in range(start, width):
        own = _amount(row.cells[i]) if i < len(row.cells) else None
        summed = sum(_amount(p.cells[i]) or 0.0 for p in parts if i < len(p.cells))
        if abs((own or 0.0) - summed) > 0.011 * len(parts):
            return False
    return True


def _parse_wide(table: Table, head: list[TableRow], data: list[TableRow], doc_stage: str | None, year: int | None):
    """Cells of a wide table read by its header labels; None when the header does not say
    which column is which."""
    width = max(len(r.cells) for r in head + data)
    columns = [_classify(i, p) for i, p in enumerate(column_paths(head, width))]
    blocks = _blocks(columns)
    if blocks is None:
        return None
    first_item = min(c.index for c in columns if c.item or c.excluded)
    rows = _chosen_rows(data, first_item, year)
    if rows is None:
        return []  # the header was read, but not which line is the department's: not guessed
    out: list[AmountCell] = []
    for period, cols in blocks.items():
        stage = _stage(period, doc_stage, year)
        if stage is None:
            continue
        by_item: dict[str, list[int]] = {}
        for c in cols:
            by_item.setdefault(c.item or "", []).append(c.index)
        for item, idxs in by_item.items():
            texts = [r.cells[i].strip() for r in rows for i in idxs if i < len(r.cells) and _amount(r.cells[i]) is not None]
            if texts:
                value = sum(_amount(t) or 0.0 for t in texts)
                out.append(_tp_cell(table, rows[0], item, stage, "+".join(texts), idxs[0], value))
    return out


def _parse_wide_by_position(table: Table, data: list[TableRow], doc_stage: str | None) -> list[AmountCell]:
    """A header too damaged to read: the national 决算 template's order, 6 amounts per stage."""
    out: list[AmountCell] = []
    head_text = "".join(compact(c) for r in table.header_rows for c in r.cells)
    for row in data:
        cells = row.cells
        if any(re.search(r"[\u4e00-\u9fff]", c) for c in cells) or len(cells) < 6:
            continue
        start = _wide_first_column(table)
        stages = ["预算", "决算"] if (len(cells) - start >= 12 and "决算" in head_text) else [doc_stage or "预算"]
        for s_i, stage in enumerate(stages):
            for k, wide_item in enumerate(THREE_PUBLIC_WIDE):
                idx = start + s_i * 6 + k
                if idx < len(cells) and parse_amount(cells[idx]) is not None:
                    out.append(_tp_cell(table, row, wide_item, stage, cells[idx].strip(), idx))
    return out


def _wide_first_column(table: Table) -> int:
    """Where the wide layout's first amount column (合计) stands: at the 栏次 row's '1', else
    under the header's first 合计; 0 when the header says neither."""
    for row in table.header_rows:
        keys = [compact(c) for c in row.cells]
        if "1" in keys and "2" in keys and keys.index("2") == keys.index("1") + 1:
            return keys.index("1")
    for row in table.header_rows:
        keys = [compact(c) for c in row.cells]
        if "合计" in keys:
            return keys.index("合计")
    return 0


# ---------------------------------------------------------------- the tall layout


def _parse_tall(table: Table, data: list[TableRow], doc_stage: str | None) -> list[AmountCell]:
    """One line per item; amounts in the 预算数 / 决算数 columns (or the doc's stage)."""
    out: list[AmountCell] = []
    head_text = "".join(compact(c) for r in table.header_rows for c in r.cells)
    stages = ["预算", "决算"] if "预算数" in head_text and "决算数" in head_text else [doc_stage or "预算"]
    for row in data:
        cells = row.cells
        label_idx = next((i for i, c in enumerate(cells) if re.search(r"[\u4e00-\u9fff]", c)), None)
        if label_idx is None:
            continue
        item = three_public_item(cells[label_idx])
        if item is None:
            continue
        amount_cols = list(range(label_idx + 1, len(cells)))
        for s_i, stage in enumerate(stages):
            if s_i < len(amount_cols) and parse_amount(cells[amount_cols[s_i]]) is not None:
                idx = amount_cols[s_i]
                out.append(_tp_cell(table, row, item, stage, cells[idx].strip(), idx))
    return out


def parse_three_public(table: Table, doc_stage: str | None, doc_year: int | None = None) -> list[AmountCell]:
    """The "三公" cells of one table, whatever its layout (see the module docstring)."""
    head, data = _split(table)
    if not data:
        return []
    year = doc_year
    if year is None:
        m = re.search(r"((?:19|20)\d{2})\s*年", table.title)
        year = int(m.group(1)) if m else None
    width = max(len(r.cells) for r in head + data)
    items = {c.item for c in (_classify(i, p) for i, p in enumerate(column_paths(head, width))) if not c.excluded}
    if len(items - {None, "合计"}) < 2:
        return _parse_tall(table, data, doc_stage)
    cells = _parse_wide(table, head, data, doc_stage, year)
    return cells if cells is not None else _parse_wide_by_position(table, data, doc_stage)


def _tp_cell(table, row, item, stage, text, idx, value=None) -> AmountCell:
    return AmountCell(
        table_no=table.table_no,
        line_no=row.line_no,
        row_kind="total" if item == "合计" else ("parent" if item == "公务用车购置及运行维护费" else "item"),
        subject_scheme="three_public",
        subject_code=item,
        subject_name=item,
        subject_code_printed=None,
        measure=stage,
        amount_text=text,
        amount=parse_amount(text) if value is None else value,
        amount_unit=table.amount_unit,
        column_no=idx + 1,
    )
