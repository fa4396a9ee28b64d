"""Parse the money tables of 预算/决算 documents into AmountCells.

One parser per table family, each driven by what the table's own header says its columns
mean (科目编码 / 科目名称 / 合计 / 基本支出 / 人员经费 …), with a per-kind default when the
header is too damaged to read. Amounts stay in the printed unit; dbt converts to 万元.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogue import econ_catalogue, func_catalogue, normalise_name
from .model import AmountCell, Repair, Table, TableRow
from .text import compact, parse_amount, parse_code

# ------------------------------------------------------------------ column meaning

# (measure, keywords): the first rule whose keyword is in the merged column header wins.
MEASURE_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("年初结转和结余", ("年初结转", "上年结转")),
    ("年末结转和结余", ("年末结转",)),
    ("本年收入", ("本年收入",)),
    ("对附属单位补助支出", ("对附属单位", "附属单位补助")),
    ("上缴上级支出", ("上缴上级", "上解上级")),
    ("经营支出", ("经营支出",)),
    ("人员经费", ("人员经费",)),
    ("公用经费", ("公用经费",)),
    ("项目支出", ("专项业务经费", "项目支出", "项目义")),
    ("基本支出", ("基本支出",)),
    ("备注", ("备注",)),
    ("合计", ("合计", "小计", "预算数", "决算数", "金额", "总计", "本年支出")),
]

# Income-by-function tables (收入总表 / 收入决算表) name their columns after revenue sources.
INCOME_MEASURE_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("上年结转", ("上年结转", "年初结转", "上年结余")),
    ("财政拨款收入", ("财政拨款",)),
    ("财政专户管理资金收入", ("财政专户",)),
    ("事业收入", ("事业收入",)),
    ("经营收入", ("经营收入",)),
    ("上级补助收入", ("上级补助",)),
    ("附属单位上缴收入", ("附属单位",)),
    ("其他收入", ("其他收入",)),
    ("用事业基金弥补收支差额", ("事业基金",)),
    ("本年收入小计", ("小计",)),
    ("合计", ("合计", "总计")),
]

DEFAULT_MEASURES = {
    "expenditure_all": ["合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
    "gpb_func": ["合计", "基本支出", "项目支出"],
    "gov_fund": ["合计", "基本支出", "项目支出"],
    "state_capital": ["合计", "基本支出", "项目支出"],
    "basic_func": ["合计", "人员经费", "公用经费"],
    "basic_econ": ["合计", "人员经费", "公用经费"],
    "gpb_econ": ["合计", "人员经费", "公用经费", "项目支出"],
}

FUNC_TABLE_KINDS = {"expenditure_all", "gpb_func", "gov_fund", "state_capital", "basic_func", "income"}
ECON_TABLE_KINDS = {"basic_econ", "gpb_econ"}
TOTAL_NAMES = {"合计", "总计", "本年支出合计", "支出合计", "本年合计"}


def classify_header(text: str, rules=None) -> str | None:
    t = compact(text)
    if not t:
        return None
    for measure, words in rules or MEASURE_RULES:
        if any(w in t for w in words):
            return measure
    return None


def merged_headers(header_rows: list[TableRow], width: int) -> list[str]:
    """Join each column's header text over the header lines of one header block."""
    cols = [""] * width
    for row in header_rows:
        for i, cell in enumerate(row.cells[:width]):
            cols[i] += compact(cell)
    return cols


def bottom_headers(header_rows: list[TableRow], width: int) -> list[str]:
    """Each column's text on the lowest header line that has text there (栏次 numbers skipped)."""
    out = [""] * width
    for row in header_rows:
        for i, cell in enumerate(row.cells[:width]):
            c = compact(cell)
            if c and not re.fullmatch(r"[\d\W]+|栏次|行次", c):
                out[i] = c
    return out


def header_blocks(table: Table) -> list[list[TableRow]]:
    """Header lines grouped by page (consecutive line numbers, allowing blank lines)."""
    blocks: list[list[TableRow]] = []
    for row in table.header_rows:
        if blocks and row.line_no - blocks[-1][-1].line_no <= 3:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


@dataclass
class ColumnLayout:
    code_col: int | None
    name_col: int
    measures: dict[int, str]  # column index -> measure
    paired_code_col: int | None = None  # 政府经济科目编码 beside 部门经济科目编码
    paired_name_col: int | None = None


def func_layout(table: Table) -> ColumnLayout:
    """Where the code, the name and each measure stand, from the best-readable header block."""
    width = max([len(r.cells) for r in table.header_rows + table.rows] or [0])
    best: ColumnLayout | None = None
    best_score = -1
    for block in header_blocks(table) or [[]]:
        heads = merged_headers(block, width)
        code_col = next((i for i, h in enumerate(heads) if re.search(r"编码|代码", h) and "政府" not in h), None)
        name_col = next((i for i, h in enumerate(heads) if "名称" in h and "政府" not in h and i != code_col), None)
        paired_code = next((i for i, h in enumerate(heads) if re.search(r"编码|代码", h) and "政府" in h), None)
        paired_name = next((i for i, h in enumerate(heads) if "名称" in h and "政府" in h), None)
        if name_col is None:
            name_col = (code_col + 1) if code_col is not None else next((i for i, h in enumerate(heads) if "项目" in h), 0)
        start = max(c for c in (code_col, name_col, paired_code, paired_name) if c is not None) + 1
        measures = {}
        rules = INCOME_MEASURE_RULES if table.table_kind == "income" else MEASURE_RULES
        bottoms = bottom_headers(block, width)
        for i in range(start, width):
            # the lowest header line names the column; a spanning header above it
            # ('一般公共预算基本支出' over 合计/人员经费/公用经费) only qualifies it
            m = classify_header(bottoms[i], rules) or classify_header(heads[i], rules)
            if m and m != "备注":
                measures[i] = m
        score = len(measures) + (2 if code_col is not None else 0) + len(set(measures.values()))
        if score > best_score:
            best_score = score
            best = ColumnLayout(code_col, name_col, measures, paired_code, paired_name)
    assert best is not None
    defaults = DEFAULT_MEASURES.get(table.table_kind)
    measure_list = list(best.measures.values())
    readable = (
        measure_list
        and len(set(measure_list)) == len(measure_list)
        and list(best.measures) == list(range(min(best.measures), min(best.measures) + len(best.measures)))
        and (len(measure_list) >= len(defaults or []) or ("合计" in measure_list and len(measure_list) >= 2))
    )
    if not readable and defaults:
        first = min(best.measures) if best.measures else max(c for c in (best.code_col, best.name_col) if c is not None) + 1
        best.measures = {first + k: m for k, m in enumerate(defaults)}
    # two columns read as the same measure stay apart (a column is one measure, never summed twice)
    seen: dict[str, int] = {}
    for col, m in sorted(best.measures.items()):
        seen[m] = seen.get(m, 0) + 1
        if seen[m] > 1:
            best.measures[col] = f"{m}(第{col + 1}栏)"
    return best


# ------------------------------------------------------------------ row reading

_CODE_NAME = re.compile(r"^(\d{3,7})\s*([\u4e00-\u9fff].*)$")


def _split_code_name(cells: list[str], layout: ColumnLayout) -> tuple[str | None, str | None, int]:
    """(code, name, shift): shift is how far this row's cells stand from the header's columns."""
    search = range(0, min(len(cells), (layout.code_col if layout.code_col is not None else layout.name_col) + 3))
    for i in search:
        c = cells[i].strip()
        code = parse_code(c)
        if code and not (i == 0 and layout.code_col not in (None, 0) and re.fullmatch(r"\d{1,3}", c) and layout.code_col > 0):
            name_idx = i + 1
            while name_idx < len(cells) and not compact(cells[name_idx]):
                name_idx += 1
                if name_idx - i > 2:
                    break
            name = cells[name_idx] if name_idx < len(cells) else None
            base = layout.code_col if layout.code_col is not None else i
            return code, name, i - base
        m = _CODE_NAME.match(compact(c)) if i <= 2 else None
        if m and len(m.group(1)) in (3, 5, 7):
            base = layout.code_col if layout.code_col is not None else i
            return m.group(1), m.group(2), (i - base) - (1 if layout.code_col is not None else 0)
    name = cells[layout.name_col] if layout.name_col < len(cells) else None
    return None, name, 0


def parse_subject_table(table: Table, scheme: str) -> list[AmountCell]:
    """A table whose rows are classification subjects (function or economic) with amounts.

    A row with a name and no amounts right after a coded row is the rest of a wrapped name.
    """
    layout = func_layout(table)
    cells_out: list[AmountCell] = []
    last_item: list[AmountCell] = []
    for row in table.rows:
        cells = row.cells
        if len(cells) == 1:
            continue  # flattened page: only the summary parser reads those
        code, name, shift = _split_code_name(cells, layout)
        name_c = compact(name)
        if code is None and not name_c and layout.code_col is not None and layout.code_col < len(cells):
            name_c = compact(cells[layout.code_col])  # '合计' printed in the code column
        amounts = []
        for col, measure in layout.measures.items():
            idx = col + shift
            if 0 <= idx < len(cells) and compact(cells[idx]):
                text = cells[idx].strip()
                amounts.append((col, measure, text, parse_amount(text)))
        real = [a for a in amounts if a[3] is not None]
        if code is None and not real:
            if name_c and last_item and not any(ch.isdigit() for ch in name_c) and len(name_c) < 30:
                for a in last_item:  # wrapped name continues on this line
                    a.subject_name = (a.subject_name or "") + name_c
            continue
        if code is None and not name_c and real and not cells_out:
            name_c = "合计"  # the unlabelled first line of totals
        if code is None and not name_c:
            continue
        if code is not None and not re.search(r"[\u4e00-\u9fff]", name_c or "") and not real:
            continue  # a bare number in page junk, not a subject row
        if code is None and name_c in TOTAL_NAMES or re.fullmatch(r"合计|总计", name_c or ""):
            row_kind = "total"
        else:
            row_kind = "item"
        if code is None and row_kind == "item" and not re.search(r"[\u4e00-\u9fff]", name_c):
            continue
        paired_code = paired_name = None
        if layout.paired_code_col is not None and layout.paired_code_col + shift < len(cells):
            paired_code = parse_code(cells[layout.paired_code_col + shift])
            if layout.paired_name_col is not None and layout.paired_name_col + shift < len(cells):
                paired_name = compact(cells[layout.paired_name_col + shift]) or None
        made = []
        for col, measure, text, value in amounts:
            if value is None and not re.search(r"\d", text):
                continue
            made.append(AmountCell(
                table_no=table.table_no, line_no=row.line_no, row_kind=row_kind,
                subject_scheme=scheme, subject_code=code, subject_name=name_c or None,
                subject_code_printed=code, measure=measure, amount_text=text, amount=value,
                amount_unit=table.amount_unit, paired_code=paired_code, paired_name=paired_name,
                column_no=col + 1,
            ))
        if not made and row_kind == "item":
            # a subject printed with no amount at all: keep it as evidence (zero-width row)
            made.append(AmountCell(
                table_no=table.table_no, line_no=row.line_no, row_kind=row_kind,
                subject_scheme=scheme, subject_code=code, subject_name=name_c or None,
                subject_code_printed=code, measure="(空)", amount_text="", amount=None,
                amount_unit=table.amount_unit, paired_code=paired_code, paired_name=paired_name,
            ))
        cells_out.extend(made)
        last_item = made if row_kind == "item" else []
    return cells_out


# ------------------------------------------------------------------ side-by-side economic groups

def _group_columns(table: Table) -> list[tuple[int, int, int]] | None:
    """(code, name, amount) column triples when the header repeats 编码/名称/决算数 groups."""
    for block in header_blocks(table):
        width = max(len(r.cells) for r in block)
        heads = merged_headers(block, width)
        code_cols = [i for i, h in enumerate(heads) if re.search(r"编码|代码", h)]
        if len(code_cols) >= 2 and not any("政府" in heads[i] for i in code_cols):
            return [(c, c + 1, c + 2) for c in code_cols]
    return None


def econ_expense_type(code: str | None) -> str | None:
    """人员经费 = 工资福利支出 (301) + 对个人和家庭的补助 (303); the rest of basic spending is 公用经费."""
    if not code:
        return None
    return "人员经费" if code[:3] in ("301", "303") else "公用经费"


def parse_econ_groups(table: Table) -> list[AmountCell]:
    """The 决算 basic-expenditure layout: three or four code/name/amount groups side by side.

    Cells are read by content, not position (extractors shift a group by a cell now and
    then): a code starts an item, the next text cell is its name, the cell after is its
    amount. '人员经费合计' / '公用经费合计' lines are totals of each expense type.
    """
    out: list[AmountCell] = []
    for row in table.rows:
        cells = row.cells
        i = 0
        while i < len(cells):
            c = compact(cells[i])
            code = parse_code(c)
            total = re.fullmatch(r"(人员经费|公用经费)合计", c)
            if code or total:
                j = i + 1
                name = None
                if code:
                    while j < len(cells) and not compact(cells[j]) and j - i <= 2:
                        j += 1
                    name = compact(cells[j]) if j < len(cells) else None
                    j += 1
                # the amount: the next non-empty cell before another code, else empty
                k = j
                while k < len(cells) and not compact(cells[k]) and not total:
                    k += 1
                    break
                if total:
                    while k < len(cells) and not compact(cells[k]):
                        k += 1
                text = cells[k].strip() if k < len(cells) else ""
                if parse_code(text) or (text and parse_amount(text) is None and not total):
                    text, k = "", j - 1
                measure = total.group(1) if total else "决算数"
                out.append(AmountCell(
                    table_no=table.table_no, line_no=row.line_no,
                    row_kind="total" if total else "item", subject_scheme="econ_dept",
                    subject_code=code, subject_name=name if code else c, subject_code_printed=code,
                    measure=measure, amount_text=text, amount=parse_amount(text),
                    amount_unit=table.amount_unit, column_no=k + 1,
                ))
                i = max(k + 1, i + 1)
                continue
            i += 1
    return out


# ------------------------------------------------------------------ revenue (income side of 收支总表)

REVENUE_TYPES: list[tuple[str, re.Pattern]] = [
    ("一般公共预算财政拨款收入", re.compile(r"一般公共预算(?:财政)?拨款(?:收入)?$|^一般公共预算$|公共预算拨款")),
    ("政府性基金预算财政拨款收入", re.compile(r"政府性基金(?:预算)?(?:财政)?拨款(?:收入)?$|政府性基金预算收入$")),
    ("国有资本经营预算财政拨款收入", re.compile(r"国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:收入)?$")),
    ("财政专户管理资金收入", re.compile(r"财政专户(?:管理资金|核拨)?(?:收入)?$")),
    ("单位资金收入", re.compile(r"^单位资金(?:收入)?$")),
    ("上级补助收入", re.compile(r"上级补助收入$")),
    ("事业收入", re.compile(r"^事业收入$")),
    ("事业单位经营收入", re.compile(r"经营收入$")),
    ("附属单位上缴收入", re.compile(r"附属单位上缴收入$")),
    ("其他收入", re.compile(r"^其他收入$")),
    ("使用非财政拨款结余", re.compile(r"使用非财政拨款结余")),
    ("用事业基金弥补收支差额", re.compile(r"用事业基金弥补收支差额")),
    ("上年结转结余", re.compile(r"^(?:上年结转(?:结余|和结余)?|年初结转和结余|上年结余)$")),
]
REVENUE_TOTALS = re.compile(r"^(?:本年收入合计|收入总计|收入合计|总计|合计)$")


def revenue_label(text: str) -> str:
    """A printed income line label without numbering ('一、', '(1)', '1、') or decoration."""
    t = compact(text)
    t = re.sub(r"^(?:[一二三四五六七八九十]+[、.．]|[（(]\d+[)）]|\d+[、.．])", "", t)
    return t


def canonical_revenue(label: str) -> str | None:
    if label.startswith("其中"):
        return None
    for name, pattern in REVENUE_TYPES:
        if pattern.search(label):
            return name
    return None


def _summary_columns(table: Table) -> tuple[int, int]:
    """The income side's label and amount columns: first '项目' column and the first
    column after it that is not 行次."""
    for block in header_blocks(table):
        width = max(len(r.cells) for r in block)
        heads = merged_headers(block, width)
        label_cols = [i for i, h in enumerate(heads) if "项目" in h]
        if label_cols:
            lc = label_cols[0]
            nxt = label_cols[1] if len(label_cols) > 1 else width
            for i in range(lc + 1, nxt):
                if "行次" not in heads[i] and "栏次" not in heads[i]:
                    return lc, i
    return 0, 1


_FLAT_PAIR = re.compile(
    r"((?:[一二三四五六七八九十]+、|[（(]\d+[)）]|\d+、)?[\u4e00-\u9fff（）()“”\"]{2,30})\s+((?:\d{1,2}\s+)?)(\d[\d,]*\.\s?\d{2})?"
)


def parse_summary_revenue(table: Table) -> list[AmountCell]:
    """Income lines of the 收支总表 / 收入支出决算总表: canonical revenue types and totals."""
    label_col, amount_col = _summary_columns(table)
    out: list[AmountCell] = []
    for row in table.rows:
        if len(row.cells) == 1:  # a page extracted as one line: read label/amount pairs
            for m in _FLAT_PAIR.finditer(row.cells[0]):
                label = revenue_label(m.group(1))
                amount_text = (m.group(3) or "").strip()
                kind = canonical_revenue(label)
                if kind and amount_text:
                    out.append(_revenue_cell(table, row, "item", kind, label, amount_text, None))
            continue
        if label_col >= len(row.cells):
            continue
        label = revenue_label(row.cells[label_col])
        text = row.cells[amount_col].strip() if amount_col < len(row.cells) else ""
        if not label or not compact(text):
            continue
        if REVENUE_TOTALS.match(label):
            out.append(_revenue_cell(table, row, "total", None, label, text, amount_col))
            continue
        kind = canonical_revenue(label)
        out.append(_revenue_cell(table, row, "item" if kind else "other", kind, label, text, amount_col))
    return out


def _revenue_cell(table, row, row_kind, kind, label, text, col) -> AmountCell:
    return AmountCell(
        table_no=table.table_no, line_no=row.line_no, row_kind=row_kind, subject_scheme="revenue",
        subject_code=kind, subject_name=label, subject_code_printed=None, measure="收入",
        amount_text=text, amount=parse_amount(text), amount_unit=table.amount_unit,
        column_no=None if col is None else col + 1,
    )


# ------------------------------------------------------------------ "三公"

THREE_PUBLIC_WIDE = ["合计", "因公出国(境)费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]


def three_public_item(label: str) -> str | None:
    """The contract's item for a printed "三公" line; None for sub-lines and parents."""
    t = compact(label)
    t = re.sub(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|其中[:：]?|[（(]\d+[)）])+", "", t)
    t = re.sub(r"^(?:[（(]\d+[)）])", "", t)
    if re.search(r"合计|小计|总计", t) and "购置" not in t and "出国" not in t:
        return "合计"
    if "出国" in t:
        return None if re.search(r"教学科研|其他因公", t) else "因公出国(境)费"
    if "购置及运" in t or "购置和运" in t:
        return "公务用车购置及运行维护费"
    if "公务用车购置" in t or t == "购置费":
        return "公务用车购置费"
    if "运行维护" in t or "运行费" in t or "运维" in t:
        return "公务用车运行维护费"
    if "接待" in t:
        return "公务接待费"
    return None


def parse_three_public_by_unit(table: Table, doc_stage: str | None) -> list[AmountCell]:
    """The by-unit layout: one line per budget unit, column blocks per year (上年 / 本年 / 增减)
    each holding 合计, "三公" 小计, 因公出国, 公务接待, 公务用车 (小计, 购置, 运行), 会议费, 培训费.

    The block of the table's own year is this document's stage; its 合计 line (all units) is
    the department's figure. The block's bare 合计 also counts 会议费/培训费, so the "三公"
    total is the 小计 under the "三公" heading.
    """
    lines = sorted(table.header_rows + table.rows, key=lambda r: r.line_no)
    first_data = next((k for k, r in enumerate(lines) if sum(parse_amount(c) is not None for c in r.cells[2:]) >= 3), None)
    if first_data is None:
        return []
    head, data = lines[:first_data], lines[first_data:]
    width = max(len(r.cells) for r in lines)
    merged = merged_headers(head, width)
    year_m = re.search(r"((?:19|20)\d{2})", table.title)
    starts = []
    for r in head:
        for i, c in enumerate(r.cells[:width]):
            cc = compact(c)
            if re.fullmatch(r"(?:19|20)\d{2}年度?", cc) or cc.startswith("增减"):
                starts.append((i, cc))
    if not starts:
        return []
    starts.sort()
    chosen = next((k for k, (_, label) in enumerate(starts) if year_m and label.startswith(year_m.group(1))), None)
    if chosen is None:
        return []
    begin = starts[chosen][0]
    end = starts[chosen + 1][0] if chosen + 1 < len(starts) else width
    columns: dict[int, str] = {}
    for i in range(begin, end):
        h = merged[i]
        if "三公" in h and "小计" in h:
            columns[i] = "合计"
        elif re.search(r"会议费|培训费", h) or h in ("合计",) or h.endswith("年合计"):
            continue
        else:
            item = three_public_item(h)
            if item and item != "合计":
                columns[i] = item
    row = next((r for r in data if any(compact(c) == "合计" for c in r.cells[:2])), data[0])
    out = []
    for i, item in columns.items():
        if i < len(row.cells) and parse_amount(row.cells[i]) is not None:
            out.append(_tp_cell(table, row, item, doc_stage or "预算", row.cells[i], i))
    return out


def parse_three_public(table: Table, doc_stage: str | None) -> list[AmountCell]:
    """Both layouts: one line per item (预算数/决算数 columns), or one wide line of 6 or 12
    amounts (合计, 出国, 车小计, 购置, 运维, 接待 for 预算 then 决算)."""
    out: list[AmountCell] = []
    head_text = "".join(compact(c) for r in table.header_rows for c in r.cells)
    for row in table.rows:
        cells = row.cells
        nonempty = [c for c in cells if compact(c)]
        label_idx = next((i for i, c in enumerate(cells) if re.search(r"[\u4e00-\u9fff]", c)), None)
        if label_idx is None and len(cells) >= 6:
            # wide layout: the amounts only, in header order
            start = _wide_first_column(table)
            n = len(cells)
            stages = ["预算", "决算"] if (n - start >= 12 and "决算" in head_text) else [doc_stage or "预算"]
            for s_i, stage in enumerate(stages):
                for k, item in enumerate(THREE_PUBLIC_WIDE):
                    idx = start + s_i * 6 + k
                    if idx < n and parse_amount(cells[idx]) is not None:
                        out.append(_tp_cell(table, row, item, stage, cells[idx], idx))
            continue
        if label_idx is None or not nonempty:
            continue
        item = three_public_item(cells[label_idx])
        if item is None:
            continue
        amount_cols = [i for i in range(label_idx + 1, len(cells))]
        if "预算数" in head_text and "决算数" in head_text:
            stages = ["预算", "决算"]
        else:
            stages = [doc_stage or "预算"]
        for s_i, stage in enumerate(stages):
            if s_i < len(amount_cols):
                idx = amount_cols[s_i]
                if parse_amount(cells[idx]) is not None:  # a sub-header line has names, not amounts
                    out.append(_tp_cell(table, row, item, stage, cells[idx], idx))
    return out


def _wide_first_column(table: Table) -> int:
    """Where the wide "三公" layout's first amount column (合计) stands: at the 栏次 row's '1',
    else under the header's first 合计; 0 when the header says neither (columns left of it
    are blank in every row, e.g. an empty label column)."""
    for row in table.header_rows:
        keys = [compact(c) for c in row.cells]
        if "1" in keys and "2" in keys and keys.index("2") == keys.index("1") + 1:
            return keys.index("1")
    for row in table.header_rows:
        keys = [compact(c) for c in row.cells]
        if "合计" in keys:
            return keys.index("合计")
    return 0


def _tp_cell(table, row, item, stage, text, idx) -> AmountCell | None:
    return AmountCell(
        table_no=table.table_no, line_no=row.line_no,
        row_kind="total" if item == "合计" else ("parent" if item == "公务用车购置及运行维护费" else "item"),
        subject_scheme="three_public", subject_code=item, subject_name=item, subject_code_printed=None,
        measure=stage, amount_text=text.strip(), amount=parse_amount(text), amount_unit=table.amount_unit,
        column_no=idx + 1,
    )


# ------------------------------------------------------------------ code repairs (document level)

# the code lengths each classification has: 类/款/项 of the function classification,
# 类/款 of the economic classifications (部门, and 政府 printed beside it)
_CODE_LENGTHS = {"func": (3, 5, 7), "econ_dept": (3, 5), "econ_gov": (3, 5)}


def _catalogue_of(scheme: str):
    return func_catalogue() if scheme == "func" else econ_catalogue()


def repair_codes(cells: list[AmountCell]) -> list[Repair]:
    """Restore codes cut short or missing, and record every repair.

    1. A code shorter than its level (4 or 6 digits) is completed from the catalogue by
       prefix + printed name ('3010' 基本工资 -> 30101).
    2. A code of a length its classification does not have, still, or under no known 类 (an
       amount read into the code column), is dropped (recorded as code_unusable): the row
       keeps its amounts, without a code that does not exist.
    3. A row with a name but no code takes the code that the same document's other tables
       print for that name, in order (the second '其他社会保障和就业支出' is the 项, not the 款).
    """
    repairs: list[Repair] = []
    for cell_group in _rows(cells):
        first = cell_group[0]
        code = first.subject_code
        if code and len(code) in (4, 6) and first.subject_scheme in ("func", "econ_dept"):
            cat = _catalogue_of(first.subject_scheme)
            fixed = cat.by_prefix_and_name(code, first.subject_name or "")
            if fixed is None:
                fixed = _from_siblings(cells, first, prefix=code)
            if fixed:
                for c in cell_group:
                    c.subject_code = fixed
                repairs.append(Repair(first.table_no, first.line_no, f"{first.subject_scheme}_code", code, fixed,
                                      "code_completed_from_name", f"printed {code} {first.subject_name}"))
        code = first.subject_code
        valid = _CODE_LENGTHS.get(first.subject_scheme)
        if code and valid and (len(code) not in valid or not _catalogue_of(first.subject_scheme).has_class(code)):
            # not a code of this classification (an OCR'd digit lost or gained) and nothing to
            # complete it from: the row goes on without a code, so its amount cannot become a
            # fact under a code that does not exist; the subtotal checks (R01) show the gap,
            # and a name printed by a sibling table may still give it its code (below)
            for c in cell_group:
                c.subject_code = None
            repairs.append(Repair(first.table_no, first.line_no, f"{first.subject_scheme}_code", code, None,
                                  "code_unusable", f"printed {code} {first.subject_name}: not a "
                                  f"{'/'.join(map(str, sorted(valid)))}-digit code under a known 类"))
        paired = first.paired_code
        if paired and (len(paired) not in _CODE_LENGTHS["econ_gov"] or not econ_catalogue().has_class(paired)):
            for c in cell_group:
                c.paired_code = c.paired_name = None
            repairs.append(Repair(first.table_no, first.line_no, "paired_code", paired, None, "code_unusable",
                                  f"printed {paired} beside {code}: not a 3/5-digit code under a known 类"))
    # names without codes: align with sibling tables that print codes
    by_table: dict[int, list[list[AmountCell]]] = {}
    for group in _rows(cells):
        by_table.setdefault(group[0].table_no, []).append(group)
    for table_no, groups in by_table.items():
        uncoded = [g for g in groups if g[0].row_kind == "item" and g[0].subject_code is None and g[0].subject_scheme == "func"]
        if not uncoded:
            continue
        reference = _reference_sequence(cells, table_no)
        pos = 0
        for g in groups:
            if g[0].row_kind != "item" or g[0].subject_scheme != "func":
                continue
            name = normalise_name(g[0].subject_name)
            if g[0].subject_code is not None:
                # keep the pointer in step with coded rows
                for k in range(pos, len(reference)):
                    if reference[k][0] == g[0].subject_code:
                        pos = k + 1
                        break
                continue
            for k in range(pos, len(reference)):
                ref_code, ref_name = reference[k]
                if ref_name == name or (len(name) >= 4 and (ref_name.startswith(name) or name.startswith(ref_name))):
                    for c in g:
                        c.subject_code = ref_code
                    repairs.append(Repair(table_no, g[0].line_no, "func_code", None, ref_code,
                                          "code_from_sibling_table", f"name {g[0].subject_name} matched in order"))
                    pos = k + 1
                    break
    return repairs


def _rows(cells: list[AmountCell]) -> list[list[AmountCell]]:
    groups: dict[tuple, list[AmountCell]] = {}
    for c in cells:
        if c.subject_scheme in ("func", "econ_dept"):
            groups.setdefault((c.table_no, c.line_no, c.column_no if c.subject_scheme == "econ_dept" and c.measure == "决算数" else 0, c.subject_code_printed, c.subject_name), []).append(c)
    return list(groups.values())


def _reference_sequence(cells: list[AmountCell], exclude_table: int) -> list[tuple[str, str]]:
    """Codes and names, in printed order, of the document's best coded function table."""
    per_table: dict[int, list[tuple[str, str]]] = {}
    for c in cells:
        if c.subject_scheme == "func" and c.table_no != exclude_table and c.subject_code and c.row_kind == "item":
            seq = per_table.setdefault(c.table_no, [])
            item = (c.subject_code, normalise_name(c.subject_name))
            if not seq or seq[-1] != item:
                seq.append(item)
    if not per_table:
        return []
    return max(per_table.values(), key=len)


def _from_siblings(cells: list[AmountCell], target: AmountCell, prefix: str) -> str | None:
    name = normalise_name(target.subject_name)
    for c in cells:
        if (c.subject_scheme == target.subject_scheme and c.subject_code and c.subject_code.startswith(prefix)
                and len(c.subject_code) > len(prefix) and normalise_name(c.subject_name) == name):
            return c.subject_code
    return None


# ------------------------------------------------------------------ entry point

def is_by_unit_table(table: Table) -> bool:
    """Tables broken down by budget unit (单位编码 / 单位名称) rather than by classification
    code: their 6-digit codes are unit codes, not subjects."""
    head = "".join(compact(c) for r in table.header_rows for c in r.cells[:3])
    return "单位编码" in head or "单位名称" in head or "单位代码" in head


def parse_financial_table(table: Table, doc_stage: str | None) -> list[AmountCell]:
    kind = table.table_kind
    if kind == "three_public" and is_by_unit_table(table):
        return parse_three_public_by_unit(table, doc_stage)
    if kind in FUNC_TABLE_KINDS | ECON_TABLE_KINDS and is_by_unit_table(table):
        return []
    if kind in FUNC_TABLE_KINDS:
        return parse_subject_table(table, "func")
    if kind == "basic_econ" and _group_columns(table):
        return parse_econ_groups(table)
    if kind in ECON_TABLE_KINDS:
        return parse_subject_table(table, "econ_dept")
    if kind == "summary":
        return parse_summary_revenue(table)
    if kind == "three_public":
        return parse_three_public(table, doc_stage)
    return []
