"""The 决算 basic-expenditure layout: code / name / amount groups side by side."""

from __future__ import annotations

import re

from ..model import AmountCell, Table
from ..text import compact, parse_amount, parse_code
from .columns import classify_header, header_blocks, merged_headers


def has_group_columns(table: Table) -> bool:
    """The header repeats 编码 / 名称 / 决算数 groups side by side."""
    return _group_columns(table) is not None


def _group_columns(table: Table) -> list[tuple[int, int, int]] | None:
    """(code, name, amount) column triples when the header repeats 编码/名称/决算数 groups
    (an amount column after each code and name: a 部门 code beside its 政府 code is one row's
    two codes, not two groups). A group's code may be printed in two columns, 类 | 款
    ('301' | '01'), under one 科目编码 head: its amount column then comes one later."""
    for block in header_blocks(table):
        width = max(len(r.cells) for r in block)
        heads = merged_headers(block, width)
        code_cols = [i for i, h in enumerate(heads) if re.search(r"编码|代码", h)]
        if (
            len(code_cols) >= 2
            and not any("政府" in heads[i] for i in code_cols)
            and all(c + 2 < width and classify_header(heads[c + 2]) for c in code_cols)
        ):
            return [(c, c + 1, c + 2) for c in code_cols]
        if (
            len(code_cols) >= 2
            and not any("政府" in heads[i] for i in code_cols)
            and all(c + 3 < width and not heads[c + 1].strip(" 类款") and classify_header(heads[c + 3]) for c in code_cols)
        ):
            return [(c, c + 2, c + 3) for c in code_cols]
    return None


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
            if code and len(code) == 3 and i + 1 < len(cells) and re.fullmatch(r"\d{2}", compact(cells[i + 1])):
                code, i = code + compact(cells[i + 1]), i + 1  # 类 | 款 printed in two cells: '301' | '01'
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
                out.append(
                    AmountCell(
                        table_no=table.table_no,
                        line_no=row.line_no,
                        row_kind="total" if total else "item",
                        subject_scheme="econ_dept",
                        subject_code=code,
                        subject_name=name if code else c,
                        subject_code_printed=code,
                        measure=measure,
                        amount_text=text,
                        amount=parse_amount(text),
                        amount_unit=table.amount_unit,
                        column_no=k + 1,
                    )
                )
                i = max(k + 1, i + 1)
                continue
            i += 1
    return out
