"""The reporting views are safe to sum: `sum(amount_wan)` over any rows counts each amount once.

Expected values are the totals the documents print (quoted beside each assertion); the views
hold leaves only, so their sums reproduce those totals to the documents' rounding (±0.01 万元
per printed subtotal the leaves replace).
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

# The all-funds expenditure total each sample prints (支出总表 / 支出决算表 合计 line), 万元:
PRINTED_SPENDING = {
    # 000 line 121 (部门预算支出总表): "1		合计	11915. 40	350. 34	11565. 06"
    "000_0b5863540bb89ed9.txt": ("预算", Decimal("11915.40")),
    # 001 line 340 (单位：元): "收入总计	3,131,700.00	支出总计	3,131,700.00 …"
    "001_ba0d23ffbd0d6f1c.txt": ("预算", Decimal("313.17")),
    # 002 line 156: "合计	5056. 26	1367. 05	3689. 21"
    "002_25f790a2d4a95ea4.txt": ("决算", Decimal("5056.26")),
    # 003 line 406: "合计		1,459.71	564.96	894.75"
    "003_a908d6a88c021b91.txt": ("决算", Decimal("1459.71")),
    # fs line 148: "	合计	1668.14	746.39	921.75	0.00	0.00	0.00"
    "fs_gdjtj_2019_juesuan.txt": ("决算", Decimal("1668.14")),
    # fz line 188: "合计		351904.90	7841.26	344063.64	0.00	0.00	0.00"
    "fz_ybj_2026_yusuan.txt": ("预算", Decimal("351904.90")),
    # xa line 487 (单位：元): "	合计	480544221.6	…"
    "xa_ybj_2022_yusuan.txt": ("预算", Decimal("48054.42216")),
}
ROUNDING = Decimal("0.02")  # the documents' 尾数误差: 000 prints 11915.40 for leaves adding to 11915.41

SAFE_VIEWS = ["rpt_expenditure", "rpt_expenditure_by_fund", "rpt_basic_expenditure", "rpt_three_public", "rpt_revenue"]


def total(con, sql: str, *params) -> Decimal:
    value = con.execute(sql, list(params)).fetchone()[0]
    return Decimal(str(value or 0))


def test_expenditure_sums_to_each_printed_total(wh):
    for source_file, (stage, printed) in PRINTED_SPENDING.items():
        got = total(wh, "select sum(amount_wan) from rpt_expenditure where source_file = ?", source_file)
        assert abs(got - printed) <= ROUNDING, (source_file, got, printed)
        assert wh.execute("select distinct stage from rpt_expenditure where source_file = ?", [source_file]).fetchall() == [
            (stage,)
        ]


def test_a_plain_sum_of_the_whole_view_counts_each_amount_once(wh):
    """No filter at all: the view's sum is the sum of what the documents print, by stage."""
    by_stage = dict(wh.execute("select stage, sum(amount_wan) from rpt_expenditure group by stage").fetchall())
    for stage in ("预算", "决算"):
        printed = sum(p for s, p in PRINTED_SPENDING.values() if s == stage)
        assert abs(Decimal(str(by_stage[stage])) - printed) <= ROUNDING * len(PRINTED_SPENDING), (stage, by_stage)
    everything = total(wh, "select sum(amount_wan) from rpt_expenditure")
    assert abs(everything - sum(p for _, p in PRINTED_SPENDING.values())) <= ROUNDING * len(PRINTED_SPENDING)


def test_fund_tables_are_their_own_view(wh):
    # 000 line 221 (一般公共预算支出表): "1		合计	11715. 40	350. 34	11365. 06"
    # 000 line 308 (政府性基金预算支出表): "1		合计	200.00		200.00"
    rows = dict(
        wh.execute(
            "select fund_type, sum(amount_wan) from rpt_expenditure_by_fund "
            "where source_file like '000\\_%' escape '\\' group by fund_type"
        ).fetchall()
    )
    assert abs(Decimal(str(rows["一般公共预算"])) - Decimal("11715.40")) <= ROUNDING
    assert Decimal(str(rows["政府性基金预算"])) == Decimal("200.00")
    assert set(rows) == {"一般公共预算", "政府性基金预算"}
    # the fund tables are part of the all-funds total (11715.40 + 200.00 = 11915.40), not beside it
    assert wh.execute("select distinct fund_type from rpt_expenditure").fetchall() == [("全部资金",)]


def test_basic_expenditure_sums_to_the_printed_basic_total(wh):
    # 000 line 269 (一般公共预算基本支出表): "1		合计	350. 34	333. 46	16. 88"
    rows = dict(
        wh.execute(
            "select expense_type, sum(amount_wan) from rpt_basic_expenditure "
            "where source_file like '000\\_%' escape '\\' group by expense_type"
        ).fetchall()
    )
    assert abs(Decimal(str(rows["人员经费"])) - Decimal("333.46")) <= ROUNDING
    assert abs(Decimal(str(rows["公用经费"])) - Decimal("16.88")) <= ROUNDING


def test_three_public_counts_the_documents_own_stage_once(wh):
    """A 决算's "三公" table prints the budget beside the actual; only the actual is amount_wan."""
    # 002 line 352 (财政拨款"三公"经费支出决算表, 预算数 then 决算数):
    #   "1.34		1. 18		1. 18	0. 16	1. 34		1. 18		1. 18	0. 16"
    rows = wh.execute(
        "select stage, sum(amount_wan), sum(printed_budget_wan) from rpt_three_public "
        "where source_file like '002\\_%' escape '\\' group by stage"
    ).fetchall()
    assert [(s, Decimal(str(a)), Decimal(str(b))) for s, a, b in rows] == [("决算", Decimal("1.34"), Decimal("1.34"))]
    # 003 line 158: "“三公”经费支出 1.66 万元，完成预算的 69.75%" (budget 2.38 = 1.66 / 69.75%)
    rows = wh.execute(
        "select item, amount_wan, printed_budget_wan from rpt_three_public where source_file like '003\\_%' escape '\\'"
    ).fetchall()
    assert [(i, Decimal(str(a)), Decimal(str(b))) for i, a, b in rows] == [
        ("公务用车运行维护费", Decimal("1.66"), Decimal("2.38"))
    ]


@pytest.mark.parametrize("view", SAFE_VIEWS)
def test_views_hold_only_documents_in_totals(extended_warehouse, view):
    """fz_as_own_office is the 本级 of a department whose 部门汇总 is loaded: in no view."""
    con = duckdb.connect(str(extended_warehouse), read_only=True)
    try:
        own_office = con.execute(
            "select document_id, scope, in_totals from dim_document where source_file = 'fz_as_own_office.txt'"
        ).fetchall()
        assert [(scope, in_totals) for _, scope, in_totals in own_office] == [("本级", False)]
        assert con.execute(f"select count(*) from {view} where document_id = ?", [own_office[0][0]]).fetchone() == (0,)
        # ... while the fact tables keep it, flagged
        if view == "rpt_expenditure":
            n = con.execute("select count(*) from fct_expenditure where document_id = ?", [own_office[0][0]]).fetchone()
            assert n[0] > 0
    finally:
        con.close()


def test_department_and_own_office_count_once(extended_warehouse):
    """福州市医疗保障局 2026: the 部门汇总 (351904.90 printed) and a 本级 copy of it are loaded;
    a plain sum over the unit's rows is still 351904.90, not twice that."""
    con = duckdb.connect(str(extended_warehouse), read_only=True)
    try:
        got = total(con, "select sum(amount_wan) from rpt_expenditure where year = 2026 and city = '福州市'")
        assert abs(got - Decimal("351904.90")) <= ROUNDING
        facts = total(con, "select sum(amount_wan) from fct_expenditure where year = 2026 and fund_type = '全部资金'")
        assert abs(facts - 2 * Decimal("351904.90")) <= 2 * ROUNDING  # the facts hold both, flagged
    finally:
        con.close()


def test_budget_execution_matches_budget_with_final_accounts_once(extended_warehouse):
    """000 and its 决算 copy: the same unit and year, every line executed at 100%."""
    con = duckdb.connect(str(extended_warehouse), read_only=True)
    try:
        budget, final, lines = con.execute(
            "select sum(budget_wan), sum(final_wan), count(*) from rpt_budget_execution "
            "where unit_name = '青龙满族自治县医疗保障局' and year = 2024"
        ).fetchone()
        # 000 line 121: "1		合计	11915. 40	350. 34	11565. 06" — printed once in each document
        assert abs(Decimal(str(budget)) - Decimal("11915.40")) <= ROUNDING
        assert budget == final
        assert con.execute(
            "select count(*) from rpt_budget_execution where unit_name = '青龙满族自治县医疗保障局' "
            "and year = 2024 and not both_printed"
        ).fetchone() == (0,)
        assert lines > 0
    finally:
        con.close()
