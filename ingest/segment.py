"""Split a document into its standard tables.

A table starts at a title line (a short line naming a standard table: 收支总表, 支出决算表,
"三公"经费支出表 …) and runs to the next title or the next narrative section. Page headers
repeated after a page break (unit name, 预算年度, 单位：万元, repeated column headers) stay
inside the table's line span but are not rows, so a table printed over several pages is
one table. Where a table kind is recognised: seeds/registry/table_kinds.csv, in one place.
"""

from __future__ import annotations

import re
from functools import reduce
from itertools import groupby
from math import gcd

from . import registry
from .model import SourceDocument, Table, TableRow
from .text import TRAILING_UNIT, compact, is_markdown_separator, parse_amount, split_cells, strip_markup
from .titles import (
    SECTION,
    title_kind,
    wrapped_bracket_title,
    wrapped_performance_title,
    wrapped_statement_title,
)

# Where a table kind is recognised: seeds/registry/table_kinds.csv (title patterns, in
# priority order), read through ingest.registry by the parser and by dbt alike.
FINANCIAL_KINDS = registry.financial_kinds()
PERFORMANCE_KINDS = registry.performance_kinds()

# (tests and older callers use the private name)
_wrapped_performance_title = wrapped_performance_title

_MONEY_UNIT = re.compile(r"单位\s*[:：]?\s*(万元|元|万)")
# a table that prints that it is empty: 空表, 本表无数据, 本单位不涉及 … (template vocabulary
# `empty_table_note`, which dbt reads too: R20 expects no amounts from such a table)
_EMPTY_NOTE = registry.any_of("empty_table_note")
# header vocabulary (seeds/registry/template_vocabulary.csv): header words anywhere on a
# line, and cells that alone make a line a header
_HEADER_WORD_RE = registry.any_of("header_word")
_HEADER_CELL_RE = registry.any_of("header_cell")


def collapse_repeated(line: str) -> str | None:
    """A line the extraction printed with every character repeated k times (bold text drawn k
    times: `表表表表表表111111` is 表1, `222222000000222222222222年年年年年年` is 2022年), with
    each run cut back by k; None for a line that is not so. k is the greatest common divisor
    of the line's run lengths, at least 2."""
    text = line.strip()
    if len(text) < 4:
        return None
    runs = [(ch, len(list(group))) for ch, group in groupby(text)]
    k = reduce(gcd, (n for _, n in runs))
    if k < 2 or len(runs) < 2:
        return None
    return "".join(ch * (n // k) for ch, n in runs)


def _collapse_cell(cell: str) -> str:
    """A text cell printed with every character repeated (`单单单位位位`), cut back; amounts
    are never touched (`1100` is a number, not a repeated `10`)."""
    if not _CJK.search(cell):
        return cell
    return collapse_repeated(compact(cell)) or cell


def _wrapped_qualifier(doc: SourceDocument, line_no: int) -> str | None:
    """The title's qualifier printed alone on the next non-empty line: `（按经济分类科目分）`."""
    for no in range(line_no + 1, min(line_no + 3, len(doc.lines)) + 1):
        text = doc.line(no).strip()
        if text:
            return text if _WRAPPED_QUALIFIER.fullmatch(compact(text)) else None
    return None


_NUMBERING_MARKS = frozenset(("**", "*", "栏次", "行次", "—", "-"))


def _is_column_numbering(compacted: list[str], raw: list[str] | None = None) -> bool:
    """The 栏次 line: 1 2 3 … (sometimes without its label, sometimes with OCR junk first). A
    one- or two-column table numbers its columns '** | ** | 1' (code and name marked '**'):
    that is a 栏次 line too, not a row whose amount is 1."""
    nums = [c for c in compacted if c]
    # ('**' is markdown to compact(): the marks are read from the cells as printed)
    printed = [c.strip() for c in raw if c.strip()] if raw is not None else nums
    marks = [c for c in printed if c in _NUMBERING_MARKS]
    rest = [c for c in printed if c not in _NUMBERING_MARKS]
    if marks and rest and all(c.isdecimal() and len(c) <= 2 for c in rest):
        ints = [int(c) for c in rest]
        return ints == list(range(1, len(ints) + 1))
    if len(nums) < 3:
        return False
    ints = [int(n) for n in nums if len(n) <= 2 and n.isdecimal()]  # isdecimal is what \d matches
    return len(ints) >= 3 and len(ints) >= len(nums) - 1 and ints == list(range(ints[0], ints[0] + len(ints)))


def _bare_column_numbers(cells: list[str]) -> bool:
    """Right under the header, a line of nothing but the column numbers 1 … n (the 栏次 line of
    a one- or two-column table, its '**' code and name marks lost as markdown): a header line,
    not a row whose amount is 1."""
    filled = [compact(c) for c in cells if compact(c)]
    return bool(filled) and filled == [str(k) for k in range(1, len(filled) + 1)]


_CODE_LIKE = re.compile(r"\d{3,7}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WRAPPED_QUALIFIER = re.compile(r"[（(]按[^（()）]{1,20}[)）]")


def is_header_line(cells: list[str]) -> bool:
    """A column-header line: header words and no real amounts (栏次 numbers are small ints)."""
    compacted = [compact(c) for c in cells]
    if _is_column_numbering(compacted, cells):
        return True
    if any(_HEADER_CELL_RE.search(c) for c in compacted if c):
        return True
    joined = "".join(compacted)
    if not _HEADER_WORD_RE.search(joined):
        return False
    for c, k in zip(cells, compacted):  # compacted: full-width '２．３８' reads as '2.38'
        v = parse_amount(c)
        if v is not None and ("." in k or "," in k or v > 99):
            return False
    if any(_CODE_LIKE.fullmatch(c) for c in compacted):
        return False
    return True


_CODE_PARTS = ("类", "款", "项")


def _code_part_cells(cells: list[str]) -> int:
    """How many leading cells print the code columns' header words 类 | 款 (| 项) on a row
    that also holds amounts (a template that prints them on its 合计 row); 0 when not so."""
    n = 0
    while n < min(len(cells), 3) and compact(cells[n]) == _CODE_PARTS[n]:
        n += 1
    if n < 2 or not any(parse_amount(c) is not None for c in cells[n:]):
        return 0
    return n


def _is_page_furniture(cells: list[str], n_filled: int) -> bool:
    """Lines inside a table that are not rows: page headers, units, page numbers (one cell,
    no column structure). A line split into cells is a row even when only one is filled: a
    label printing no amount (`三、事业单位经营收入⇥⇥⇥`), or the wrapped rest of the cell
    above (tabs before it). `n_filled`: how many cells are not blank."""
    if n_filled == 0:
        return True
    return n_filled == 1 and len(cells) == 1


def _is_flattened_table(text: str) -> bool:
    """A whole table page extracted as one line: several decimal amounts in one cell."""
    return len(re.findall(r"\d[\d,，]*[.．]\s?\d{2}\b", text)) >= 3 and "。" not in text


def _looks_like_toc_row(cells: list[str]) -> bool:
    nonempty = [compact(c) for c in cells if compact(c)]
    return len(nonempty) <= 2 and not any(re.search(r"\d\.\d", c) for c in nonempty)


def _merge_continuations(tables: list[Table]) -> list[Table]:
    """A title repeated on every page of one table (same kind, same title, nothing between)."""
    merged: list[Table] = []
    for t in tables:
        prev = merged[-1] if merged else None
        if prev and prev.table_kind == t.table_kind and prev.title == t.title and t.table_kind not in PERFORMANCE_KINDS:
            prev.rows.extend(t.rows)
            prev.header_rows.extend(t.header_rows)
            prev.line_end = t.line_end
            prev.empty_note = prev.empty_note or t.empty_note
            continue
        merged.append(t)
    return merged


def _performance_list(lines: list[str], no: int) -> tuple[int, str, str] | None:
    """A 绩效 list printed without a title in the narrative: a header naming a project (or
    unit) column, an amount column and a 绩效目标 column (vocabulary perf_column) under a
    heading that speaks of 绩效目标 ('2026年，本单位重点项目绩效目标情况如下：' / '二级预算单位名称 |
    一级项目名称 | 预算数（万元）| 绩效目标'). Returns (heading line, kind, heading): the heading
    stands in for the title. `no` is the header's 1-based line."""
    cells = [compact(c) for c in split_cells(lines[no - 1]) if c.strip()]
    if not 3 <= len(cells) <= 6 or any(parse_amount(c) is not None for c in cells):
        return None
    meanings = [registry.canonical("perf_column", c) for c in cells]
    if None in meanings or "goal" not in meanings or "budget" not in meanings:
        return None
    if not {"project_name", "unit_name"} & set(meanings) or {"indicator", "indicators"} & set(meanings):
        return None
    seen = 0
    for back in range(no - 1, max(0, no - 8), -1):
        text = lines[back - 1].strip()
        if not text or re.fullmatch(r"[-—\s\d]+", text):
            continue  # blank lines and page numbers between the heading and the header
        seen += 1
        if "\t" not in text and "绩效目标" in text and len(text) <= 60:
            return back, "perf_target", compact(strip_markup(text))
        if seen >= 2:
            return None
    return None


def segment_tables(doc: SourceDocument, default_unit: str) -> list[Table]:
    titles: list[tuple[int, str, str]] = []
    lines = doc.lines
    skip = 0
    for no, line in enumerate(lines, start=1):
        if no == skip:
            continue  # the second line of a wrapped title
        found = title_kind(line)
        if found is None and "表" in line:
            collapsed = collapse_repeated(line)
            found = title_kind(collapsed) if collapsed else None
        if not found and no < len(lines):
            found = wrapped_performance_title(line, lines[no]) or wrapped_bracket_title(line, lines[no])
            skip = no + 1 if found else 0
        if found and no > 1 and found[0] not in PERFORMANCE_KINDS:
            found = wrapped_statement_title(lines[no - 2], found) or found
        if found:
            qualifier = _wrapped_qualifier(doc, no)
            if qualifier:  # '…支出明细表' / '（按经济分类科目分）': the qualifier names the kind
                found = title_kind(found[1] + qualifier) or found
            titles.append((no, found[0], found[1]))
        elif "绩效目标" in line and "\t" in line:
            listed = _performance_list(lines, no)
            if listed and (not titles or listed[0] > titles[-1][0]):
                titles.append(listed)

    tables: list[Table] = []
    inherited_unit = default_unit
    for i, (line_no, kind, title) in enumerate(titles):
        next_title = titles[i + 1][0] if i + 1 < len(titles) else len(doc.lines) + 1
        # a financial table that prints no unit of its own follows the one before it (the set
        # of statements shares one unit line), not the document-wide majority
        perf = kind in PERFORMANCE_KINDS
        table = _read_table(doc, line_no, next_title, kind, title, default_unit if perf else inherited_unit)
        if table is None:
            continue
        if not perf and table.unit_printed:
            inherited_unit = table.amount_unit
        tables.append(table)
    tables = _merge_continuations(tables)
    for n, t in enumerate(tables, start=1):
        t.table_no = n
    return tables


def _read_table(doc, title_line, stop, kind, title, default_unit) -> Table | None:
    header: list[TableRow] = []
    rows: list[TableRow] = []
    unit = None
    title_unit = TRAILING_UNIT.search(doc.line(title_line))  # stated on the title line itself
    if title_unit:
        unit = title_unit.group(1)
    empty_note = None
    end = title_line
    multi_cell_seen = False
    for no in range(title_line + 1, stop):
        raw = doc.line(no)
        if not raw.strip() or is_markdown_separator(raw):
            continue
        cells = [_collapse_cell(c) for c in split_cells(raw)]
        nonempty = [c for c in cells if c.strip()]
        text = " ".join(nonempty)
        m = _MONEY_UNIT.search(text.replace(" ", "")) if "位" in text and (len(text) < 120 or not multi_cell_seen) else None
        if m and unit is None:
            unit = "元" if m.group(1) == "元" else "万元"
        if _is_page_furniture(cells, len(nonempty)):
            single = nonempty[0] if nonempty else ""
            if _is_flattened_table(single):
                rows.append(TableRow(no, [single]))
                multi_cell_seen = True
                end = no
                continue
            if _EMPTY_NOTE.search(single) and len(single) < 80:
                empty_note = compact(single)
                end = no
                continue
            # narrative resumes (only ever on a line without column structure: a label with
            # blank cells after it, `三、事业单位经营收入⇥⇥⇥`, is a row, see _is_page_furniture)
            if multi_cell_seen and (
                (len(single) > 40 and re.search(r"[。，；]", single))
                or (SECTION.match(single) and not re.search(r"\d\.\d", single) and len(single) >= 6)
            ):
                break  # narrative resumes: the table has ended
            if single.startswith(("注", "备注", "说明")):
                end = no
            continue
        multi_cell_seen = True
        end = no
        if is_header_line(cells) or (header and not rows and _bare_column_numbers(cells)):
            header.append(TableRow(no, cells))  # repeated page headers too: parsers pick the best block
            continue
        parts = _code_part_cells(cells) if header and not rows else 0
        if parts:  # '类 | 款 | 项 | 合计 | 2,946.25': the code columns' header printed on the first row
            # goes under the header line above it (a line is a header or a row, never both)
            header.append(TableRow(header[-1].line_no, cells[:parts] + [""] * (len(cells) - parts)))
            cells = [""] * parts + cells[parts:]
        rows.append(TableRow(no, cells))
    if not header and not rows and empty_note is None:
        return None  # a title repeated just above the real one
    if all(_looks_like_toc_row(r.cells) for r in header + rows):
        return None  # a table-of-contents entry: titles (some with header words) and page numbers
    table = Table(
        table_no=0,
        table_kind=kind,
        title=title,
        title_line=title_line,
        line_start=title_line,
        line_end=max(end, title_line),
        amount_unit=unit or default_unit,
        header_rows=header,
        rows=rows,
        empty_note=empty_note,
    )
    table.unit_printed = unit is not None
    return table
