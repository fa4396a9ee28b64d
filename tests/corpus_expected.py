"""What the warehouse says for a hand-read number, and the comparison of many of them.

Shared by the hand-read tests over corpus documents (tests/test_corpus_financial.py on the
extracted texts, tests/test_corpus_pdf_expected.py on the PDFs): each row of their fixture
names a check kind (`expenditure_total`, `three_public`, …), a key (a 类 code, an item) and the
value printed in the document. The expected values come from reading the documents; this
module only says where the warehouse keeps each kind of number, and how close is right.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

DOC = "(select document_id from main.dim_document where source_file = ? and is_current)"
THREE_PUBLIC_ITEMS = ("因公出国(境)费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
# checks of a total against the sum of the leaves read under it: may differ by the
# publishers' rounding (尾数误差: 0.01 per row summed); a single printed line matches to the cent
SUMMED = {
    "expenditure_total", "expenditure_basic", "expenditure_project", "expenditure_class", "gpb_total", "gpb_class",
    "govfund_total", "econ_class", "basic_econ", "personnel_total", "public_total", "revenue_total",
}  # fmt: skip


def one(con, sql: str, params: list) -> float | None:
    value = con.execute(sql, params).fetchone()[0]
    return None if value is None else float(value)


def to_wan(row: dict) -> float:
    """The printed value in 万元, as the warehouse keeps amounts."""
    value = float(row["printed_value"])
    return value / 10000 if row["printed_unit"] == "元" else value


def money_fact(con, source_file: str, check: str, key: str, stage: str) -> float | None:
    """The facts' sum for a money check of one document (by its file name). Raises KeyError
    for a check kind that is not read from the facts (the caller's own kinds)."""
    f = [source_file]
    exp = "select sum(amount_wan) from main.fct_expenditure where document_id = " + DOC + " and fund_type = ?"
    basic = "select sum(amount_wan) from main.fct_basic_expenditure where document_id = " + DOC
    if check == "expenditure_total":
        return one(con, exp, f + ["全部资金"])
    if check in ("expenditure_basic", "expenditure_project"):
        expense = "基本支出" if check == "expenditure_basic" else "项目支出"
        return one(con, exp + " and expense_type = ?", f + ["全部资金", expense])
    if check in ("expenditure_class", "gpb_class"):  # a 类 (3 digits), 款 (5) or 项 (7) and what is under it
        fund = "全部资金" if check == "expenditure_class" else "一般公共预算"
        return one(con, exp + f" and left(func_code, {len(key)}) = ?", f + [fund, key])
    if check == "gpb_total":
        return one(con, exp, f + ["一般公共预算"])
    if check == "govfund_total":
        return one(con, exp, f + ["政府性基金预算"])
    if check in ("econ_class", "basic_econ"):  # a 部门经济分类 类 (3 digits) or 款 (5), 人员 + 公用
        return one(con, basic + f" and left(econ_code, {len(key)}) = ?", f + [key])
    if check in ("personnel_total", "public_total"):
        return one(con, basic + " and expense_type = ?", f + ["人员经费" if check == "personnel_total" else "公用经费"])
    if check == "three_public":
        items = THREE_PUBLIC_ITEMS if key == "合计" else (key,)
        placeholders = ", ".join("?" * len(items))
        sql = "select sum(amount_wan) from main.fct_three_public where document_id = " + DOC
        return one(con, sql + f" and stage = ? and item in ({placeholders})", f + [stage, *items])
    if check == "revenue_total":  # every income line once: the facts add up to the printed 收入总计
        return one(con, "select sum(amount_wan) from main.fct_revenue where document_id = " + DOC, f)
    raise KeyError(check)


def amount_matches(row: dict, got: float | None) -> bool:
    tolerance = 0.05 if row["check"] in SUMMED or row["key"] == "合计" else 0.011
    return got is not None and abs(got - to_wan(row)) <= tolerance + 1e-9


def compare(
    rows: Iterable[dict],
    measured: Callable[[dict], object],
    matches: Callable[[dict, object], bool],
    key_of: Callable[[dict], Hashable],
    known_misreads: dict,
    describe: Callable[[dict, object], str],
) -> tuple[list[str], list]:
    """(wrong, fixed): the numbers read wrong that are not listed as known misreads, and the
    listed ones that are read right now (the list only shrinks)."""
    wrong, fixed = [], []
    for row in rows:
        got = measured(row)
        ok = matches(row, got)
        key = key_of(row)
        if not ok and key not in known_misreads:
            wrong.append(f"{key}: {describe(row, got)}")
        if ok and key in known_misreads:
            fixed.append(key)
    return wrong, fixed
