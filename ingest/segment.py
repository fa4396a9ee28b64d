"""Split a document into its standard tables.

A table starts at a title line (a short line naming a standard table: 收支总表, 支出决算表,
"三公"经费支出表 …) and runs to the next title or the next narrative section. Page headers
repeated after a page break (unit name, 预算年度, 单位：万元, repeated column headers) stay
inside the table's line span but are not rows, so a table printed over several pages is
one table. Where a table kind is recognised: TABLE_KINDS below, in one place.
"""
from __future__ import annotations

import re

from .model import SourceDocument, Table, TableRow
from .text import TRAILING_UNIT, compact, is_markdown_separator, parse_amount, split_cells, strip_markup, strip_trailing_unit

# (kind, pattern on the compacted title). First match wins, so specific kinds come first.
TABLE_KINDS: list[tuple[str, re.Pattern]] = [
    ("performance", re.compile(r"绩效")),
    ("three_public", re.compile(r"三公")),
    # '…总体情况表' is the same table in the template many provinces use (部门收支总体情况表,
    # 财政拨款收支总体情况表, 部门收入总体情况表, 部门支出总体情况表)
    ("fiscal_summary", re.compile(r"财政拨款收支(?:预算)?总(?:体情况)?表|财政拨款收入支出(?:决算|预算)?总表")),
    ("summary", re.compile(r"收支(?:预算)?总(?:体情况)?表|收入支出(?:决算|预算)总表")),
    ("income", re.compile(r"收入(?:预算)?总(?:体情况)?表|收入(?:决算|预算)表")),
    # not in the contract's grain: breakdowns that would print the same money a second time
    # (项目支出 by project, 机构运行经费, all 财政拨款 funds together by function)
    ("other", re.compile(r"政府采购|固定资产|资产占用|统计表|专项业务经费|上年结转资金|机构设置|人员情况|"
                         r"项目支出(?:决算|预算)?(?:明细)?表|机构运行经费|^财政拨款支出(?:决算|预算)?(?:明细)?表")),
    ("gov_fund", re.compile(r"政府性基金")),
    ("state_capital", re.compile(r"国有资本经营")),
    ("basic_func", re.compile(r"基本支出.*功能分类")),
    ("basic_econ", re.compile(r"基本支出")),
    ("gpb_econ", re.compile(r"一般公共预算.*经济分类")),
    ("gpb_func", re.compile(r"一般公共预算.*支出")),
    ("expenditure_all", re.compile(r"支出(?:预算)?总(?:体情况)?表|支出决算表|支出预算表")),
]

FINANCIAL_KINDS = {
    "summary", "fiscal_summary", "income", "expenditure_all", "gpb_func", "gpb_econ",
    "basic_func", "basic_econ", "gov_fund", "state_capital", "three_public",
}

_TITLE_END = re.compile(r"表(?:[（(][^）)]{0,20}[）)])*$")
_NUMBERING = re.compile(
    r"^(?:表\s*\d+[-—]?\d*|公开\s*\d+\s*表|附表\s*\d*|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)])\s*"
)
_SECTION = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
_MONEY_UNIT = re.compile(r"单位\s*[:：]?\s*(万元|元|万)")
_EMPTY_NOTE = re.compile(r"空表|无数据|不涉及|无此类|没有使用|无.{0,12}(?:收支|支出|预算|经费)")
_HEADER_WORDS = (
    "栏次", "行次", "科目编码", "科目代码", "科目名称", "序号", "功能分类科目", "经济分类科目",
    "项目", "项 目", "决算数", "预算数", "人员经费", "公用经费", "基本支出", "项目支出", "合计",
    "金额", "本年收入", "本年支出", "编码", "支出功能分类", "部门经济", "政府经济", "资金性质",
)
_HEADER_WORDS = tuple(dict.fromkeys(w.replace(" ", "") for w in _HEADER_WORDS))  # matched against compacted text


def title_kind(line: str) -> tuple[str, str] | None:
    """(kind, title) if the line is a standard-table title, else None.

    A title is one short cell ending in 表 (optionally 表（按…）), not a table-of-contents
    entry (no page numbers or leader dots) and not a list item.
    """
    if "表" not in line:  # every title ends in 表: most lines are rejected here, cheaply
        return None
    cells = [c for c in split_cells(line) if c.strip()]
    if len(cells) != 1:
        return None
    raw = strip_trailing_unit(strip_markup(cells[0]))  # '收支总表  单位：万元' on one line
    if raw.startswith(("- ", "* ", "注", "说明")) or "…" in raw or "...." in raw or "．．" in raw:
        return None
    text = compact(raw).replace("“", '"').replace("”", '"')
    text = _YEAR_PREFIX.sub("", _NUMBERING.sub("", text))
    if len(text) > 60 or len(text) < 4 or not _TITLE_END.search(text):
        return None
    if _SENTENCE_PUNCT.search(text) or "见" in text[:4]:
        return None
    for kind, pattern in TABLE_KINDS:
        if pattern.search(text):
            return kind, compact(raw)
    return None


def _is_column_numbering(compacted: list[str]) -> bool:
    """The 栏次 line: 1 2 3 … (sometimes without its label, sometimes with OCR junk first)."""
    nums = [c for c in compacted if c]
    if len(nums) < 3:
        return False
    ints = [int(n) for n in nums if len(n) <= 2 and n.isdecimal()]  # isdecimal is what \d matches
    return len(ints) >= 3 and len(ints) >= len(nums) - 1 and ints == list(range(ints[0], ints[0] + len(ints)))


_HEADER_WORD_RE = re.compile("|".join(re.escape(w) for w in _HEADER_WORDS))  # any one, anywhere
_HEADER_CELLS = frozenset(("科目编码", "科目名称", "科目代码", "功能分类科目编码", "行次", "栏次"))
_CODE_LIKE = re.compile(r"\d{3,7}")
_YEAR_PREFIX = re.compile(r"^(?:(?:19|20)\d{2}年度?)")
_SENTENCE_PUNCT = re.compile(r"[。；，,]")


def is_header_line(cells: list[str]) -> bool:
    """A column-header line: header words and no real amounts (栏次 numbers are small ints)."""
    compacted = [compact(c) for c in cells]
    if _is_column_numbering(compacted):
        return True
    if not _HEADER_CELLS.isdisjoint(compacted):
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


def _is_page_furniture(cells: list[str], n_filled: int) -> bool:
    """Lines inside a table that are not rows: page headers, units, page numbers (one cell,
    no column position). A single text cell standing in a column (tabs before it) is a row:
    the wrapped rest of the cell above. `n_filled`: how many cells are not blank."""
    if n_filled == 0:
        return True
    return n_filled == 1 and (len(cells) == 1 or bool(cells[0].strip()))


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
        if prev and prev.table_kind == t.table_kind and prev.title == t.title and t.table_kind != "performance":
            prev.rows.extend(t.rows)
            prev.header_rows.extend(t.header_rows)
            prev.line_end = t.line_end
            prev.empty_note = prev.empty_note or t.empty_note
            continue
        merged.append(t)
    return merged


def segment_tables(doc: SourceDocument, default_unit: str) -> list[Table]:
    titles: list[tuple[int, str, str]] = []
    for no, line in enumerate(doc.lines, start=1):
        found = title_kind(line)
        if found:
            titles.append((no, found[0], found[1]))

    tables: list[Table] = []
    inherited_unit = default_unit
    for i, (line_no, kind, title) in enumerate(titles):
        next_title = titles[i + 1][0] if i + 1 < len(titles) else len(doc.lines) + 1
        # a financial table that prints no unit of its own follows the one before it (the set
        # of statements shares one unit line), not the document-wide majority
        table = _read_table(doc, line_no, next_title, kind, title, inherited_unit if kind != "performance" else default_unit)
        if table is None:
            continue
        if kind != "performance" and table.unit_printed:
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
        cells = split_cells(raw)
        nonempty = [c for c in cells if c.strip()]
        text = " ".join(nonempty)
        m = (_MONEY_UNIT.search(text.replace(" ", ""))
             if "位" in text and (len(text) < 120 or not multi_cell_seen) else None)
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
            if multi_cell_seen and (
                (len(single) > 40 and re.search(r"[。，；]", single))
                or (_SECTION.match(single) and not re.search(r"\d\.\d", single) and len(single) >= 6)
            ):
                break  # narrative resumes: the table has ended
            if single.startswith(("注", "备注", "说明")):
                end = no
            continue
        multi_cell_seen = True
        end = no
        if is_header_line(cells):
            header.append(TableRow(no, cells))  # repeated page headers too: parsers pick the best block
            continue
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
