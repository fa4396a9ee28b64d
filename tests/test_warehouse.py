"""The built warehouse against values read from the sample documents (not from the code).

One full refresh of data/samples (ingest + dbt build) is shared by these tests.
"""

import pytest


def one(wh, sql, params=()):
    rows = wh.execute(sql, params).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    "source_file, kind, year, unit, code, money",
    [
        ("000_0b5863540bb89ed9.txt", "预算", 2024, "青龙满族自治县医疗保障局", "450", "万元"),
        ("001_ba0d23ffbd0d6f1c.txt", "预算", 2023, "镇安县医疗保险经办机构", "353002", "元"),
        ("002_25f790a2d4a95ea4.txt", "决算", 2024, "高平市医疗保险服务中心", "160002", "万元"),
        ("003_a908d6a88c021b91.txt", "决算", 2024, "辽宁省朝阳市北票市医疗保障局", None, "万元"),
        ("004_7cec67b54d9192d1.txt", "绩效自评", 2022, "大厂回族自治县医疗保障局", None, "万元"),
    ],
)
def test_dim_document_recognises_each_sample(wh, source_file, kind, year, unit, code, money):
    row = one(
        wh, "select doc_kind, year, unit_name, unit_code, amount_unit from dim_document where source_file = ?", [source_file]
    )
    assert row == (kind, year, unit, code, money)


@pytest.mark.parametrize(
    "source_file, province, city, county, adcode",
    [
        ("000_0b5863540bb89ed9.txt", "河北省", "秦皇岛市", "青龙满族自治县", "130321"),
        ("001_ba0d23ffbd0d6f1c.txt", "陕西省", "商洛市", "镇安县", "611025"),
        ("002_25f790a2d4a95ea4.txt", "山西省", "晋城市", "高平市", "140581"),
        ("003_a908d6a88c021b91.txt", "辽宁省", "朝阳市", "北票市", "211381"),
        ("004_7cec67b54d9192d1.txt", "河北省", "廊坊市", "大厂回族自治县", "131028"),
    ],
)
def test_units_resolve_to_their_region(wh, source_file, province, city, county, adcode):
    row = one(
        wh,
        """select u.province, u.city, u.county, u.adcode from dim_document d
                     join dim_unit u using (unit_id) where d.source_file = ?""",
        [source_file],
    )
    assert row == (province, city, county, adcode)


def test_unit_printed_under_two_names_is_one_member(wh):
    # title says 镇安县医疗保险经办机构, the tables say 镇安县医疗保险经办中心
    rows = wh.execute("select unit_name, printed_names from dim_unit where unit_name like '镇安县医疗保险经办%'").fetchall()
    assert len(rows) == 1 and "镇安县医疗保险经办中心" in rows[0][1]


def test_unit_parent_department(wh):
    # 预算单位 160002-高平市医疗保险服务中心 under 主管部门 160-高平市医疗保障局
    row = one(
        wh,
        """select p.unit_name, p.unit_code from dim_unit u join dim_unit p on u.parent_unit_id = p.unit_id
                     where u.unit_code = '160002'""",
    )
    assert row == ("高平市医疗保障局", "160")


@pytest.mark.parametrize(
    "source_file, fund, code, expense, amount",
    [
        # 000 部门预算支出总表 line '21 2101506 医疗保障经办事务 213. 38 204. 38 9.00'
        ("000_0b5863540bb89ed9.txt", "全部资金", "2101506", "基本支出", 204.38),
        ("000_0b5863540bb89ed9.txt", "全部资金", "2101506", "项目支出", 9.00),
        ("000_0b5863540bb89ed9.txt", "政府性基金预算", "2120899", "项目支出", 200.00),
        ("000_0b5863540bb89ed9.txt", "一般公共预算", "2101202", "项目支出", 7212.00),
        # 001 表5 (元): '2101550 事业运行 2473860.00 2380060.00 93800.00' -> 基本 = 人员 + 公用
        ("001_ba0d23ffbd0d6f1c.txt", "一般公共预算", "2101550", "基本支出", 247.386),
        ("001_ba0d23ffbd0d6f1c.txt", "一般公共预算", "2101506", "项目支出", 45.0),
        # 002 支出决算表 printed without codes: '其他医疗保障管理事 务支出 2463. 79 … 2463. 79'
        ("002_25f790a2d4a95ea4.txt", "全部资金", "2101599", "项目支出", 2463.79),
        ("002_25f790a2d4a95ea4.txt", "全部资金", "2101103", "基本支出", 1018.05),
        # 003 支出决算表: '2101550 事业运行 352.57 352.57'
        ("003_a908d6a88c021b91.txt", "全部资金", "2101550", "基本支出", 352.57),
        ("003_a908d6a88c021b91.txt", "一般公共预算", "2101502", "项目支出", 9.82),
    ],
)
def test_expenditure_facts(wh, source_file, fund, code, expense, amount):
    row = one(
        wh,
        """select f.amount_wan from fct_expenditure f join dim_document d using (document_id)
                     where d.source_file = ? and f.fund_type = ? and f.func_code = ? and f.expense_type = ?""",
        [source_file, fund, code, expense],
    )
    assert float(row[0]) == pytest.approx(amount, abs=1e-6)


def test_expenditure_holds_leaves_only(wh):
    # subtotals (类 208, 款 21015) are not fact rows: they are reproduced by summing leaves
    n = one(
        wh,
        """select count(*) from fct_expenditure f join dim_document d using (document_id)
                   where d.source_file = '000_0b5863540bb89ed9.txt' and f.func_code in ('208', '21015')""",
    )[0]
    assert n == 0
    total = one(
        wh,
        """select sum(amount_wan) from fct_expenditure f join dim_document d using (document_id)
                       where d.source_file = '003_a908d6a88c021b91.txt' and f.fund_type = '全部资金'""",
    )[0]
    assert float(total) == pytest.approx(1459.71, abs=0.02)  # 支出决算表 合计 1,459.71


@pytest.mark.parametrize(
    "source_file, code, expense, amount",
    [
        ("000_0b5863540bb89ed9.txt", "30101", "人员经费", 149.03),
        ("000_0b5863540bb89ed9.txt", "30231", "公用经费", 3.20),
        ("002_25f790a2d4a95ea4.txt", "30307", "人员经费", 1014.40),  # 公开06表, four groups side by side
        ("002_25f790a2d4a95ea4.txt", "30228", "公用经费", 2.43),
        ("003_a908d6a88c021b91.txt", "30101", "人员经费", 178.74),  # printed '3010 基本工资'
        ("003_a908d6a88c021b91.txt", "30226", "公用经费", 41.85),
        ("001_ba0d23ffbd0d6f1c.txt", "30307", "公用经费", 1.02),  # 表8: 10200 元 in the 公用经费 column
    ],
)
def test_basic_expenditure_facts(wh, source_file, code, expense, amount):
    row = one(
        wh,
        """select f.amount_wan from fct_basic_expenditure f join dim_document d using (document_id)
                     where d.source_file = ? and f.econ_code = ? and f.expense_type = ?""",
        [source_file, code, expense],
    )
    assert float(row[0]) == pytest.approx(amount, abs=1e-6)


def test_revenue_facts(wh):
    rows = dict(
        wh.execute("""select revenue_type, amount_wan from fct_revenue f join dim_document d using (document_id)
                              where d.source_file = '000_0b5863540bb89ed9.txt'""").fetchall()
    )
    assert {k: float(v) for k, v in rows.items()} == {
        "一般公共预算财政拨款收入": 8476.31,
        "政府性基金预算财政拨款收入": 200.00,
        "上年结转结余": 3239.09,
    }


def test_three_public_facts(wh):
    rows = {
        (s, i): float(a)
        for s, i, a in wh.execute(
            """select stage, item, amount_wan from fct_three_public f join dim_document d using (document_id)
           where d.source_file = '003_a908d6a88c021b91.txt'"""
        ).fetchall()
    }
    assert rows == {("预算", "公务用车运行维护费"): 2.38, ("决算", "公务用车运行维护费"): 1.66}


def test_every_financial_sample_reconciles(wh):
    failed = wh.execute("""select source_file, rule_id, subject, measure, printed_value, computed_value
                           from fct_reconciliation where not passed and severity = 'error'
                           and source_file like '00%'""").fetchall()
    assert failed == []
    n_checks = one(wh, "select count(*) from fct_reconciliation where source_file like '00%'")[0]
    assert n_checks > 300


def test_failed_reconciliation_is_visible_as_data(wh):
    # the model publishes every check with its printed and computed values, passed or not
    cols = {r[0] for r in wh.execute("describe fct_reconciliation").fetchall()}
    assert {"printed_value", "computed_value", "difference", "tolerance", "passed", "severity", "message"} <= cols


def test_repairs_are_recorded(wh):
    rules = {r[0] for r in wh.execute("select distinct rule from fct_repairs").fetchall()}
    assert {"code_completed_from_name", "code_from_sibling_table"} <= rules


def test_extra_documents_load_and_reconcile(wh):
    docs = dict(wh.execute("select source_file, doc_kind from dim_document where source_file not like '00%'").fetchall())
    assert docs == {"fs_gdjtj_2019_juesuan.txt": "决算", "fz_ybj_2026_yusuan.txt": "预算", "xa_ybj_2022_yusuan.txt": "预算"}
    failed = wh.execute("""select source_file, rule_id, subject from fct_reconciliation
                           where not passed and severity = 'error' and source_file not like '00%'""").fetchall()
    assert failed == []


def test_all_funds_derived_where_all_money_is_general_budget(wh):
    # 001 prints its 支出总表 by budget unit only (353002 … 3131700); its 收支总表 shows all
    # income is 一般公共预算拨款 (3,131,700.00), so 全部资金 = 一般公共预算 by function (表5)
    rows = {
        (c, e): (float(a), d)
        for c, e, a, d in wh.execute(
            """select func_code, expense_type, amount_wan, is_derived from fct_expenditure f
           join dim_document using (document_id)
           where source_file = '001_ba0d23ffbd0d6f1c.txt' and fund_type = '全部资金'"""
        ).fetchall()
    }
    assert rows == {
        ("2101550", "基本支出"): (247.386, True),
        ("2210201", "基本支出"): (20.784, True),
        ("2101506", "项目支出"): (45.0, True),
    }
    printed = one(
        wh,
        """select count(*) from fct_expenditure join dim_document using (document_id)
                         where source_file = '000_0b5863540bb89ed9.txt' and is_derived""",
    )[0]
    assert printed == 0  # 000 prints its own all-funds table: nothing is derived


@pytest.mark.parametrize(
    "source_file, project, budget, executed, rate, score, grade",
    [
        # 004: '年度资金总额 5.6 5.6 5.18 10 92.5% 9.25' … '总分 100 97.75'
        ("004_7cec67b54d9192d1.txt", "退役军人辅助性岗位经费", 5.6, 5.18, 92.5, 97.75, "优"),
        # 003 自评表: '项目预算金额(万元) 92 全年执行数(万元) 41.11 执行率 44.69%'; narrative: 自评得分 59 分
        ("003_a908d6a88c021b91.txt", "离休医疗保障", 92.0, 41.11, 44.69, 59.0, "差"),
        # 002: '资金总额: 36 36 36 0 36 0 0' … '总分 70 中'
        ("002_25f790a2d4a95ea4.txt", "医疗救助代办服务费", 36.0, 0.0, 0.0, 70.0, "中"),
    ],
)
def test_project_performance_facts(wh, source_file, project, budget, executed, rate, score, grade):
    row = one(
        wh,
        """select budget_wan, executed_wan, execution_rate, score, grade from fct_project_performance p
                     join dim_document d using (document_id) where d.source_file = ? and p.project_name = ?""",
        [source_file, project],
    )
    assert (float(row[0]), float(row[1]), float(row[2]), float(row[3]), row[4]) == (budget, executed, rate, score, grade)


def test_whole_unit_evaluation_is_a_project(wh):
    # 001 表14 单位整体支出绩效目标表: 部门（单位）名称 镇安县医疗保险经办中心, 金额合计 313.17
    row = one(
        wh,
        """select budget_wan from fct_project_performance p join dim_document d using (document_id)
                     where d.source_file = '001_ba0d23ffbd0d6f1c.txt' and p.project_name = '整体:镇安县医疗保险经办中心'""",
    )
    assert float(row[0]) == 313.17


def test_publisher_inconsistencies_are_findings(wh):
    # 004 医保基金监管专项检查经费: indicator scores (90) + 资金 score (10) = 110, printed 总分 100
    rows = wh.execute("""select printed_value, computed_value from fct_reconciliation
                         where rule_id = 'R09' and not passed and subject = '医保基金监管专项检查经费'""").fetchall()
    assert [(float(a), float(b)) for a, b in rows] == [(100.0, 110.0)]


def test_mart_keys_are_not_null_in_the_table(wh):
    """The marts' contracts declare their keys not_null, and DuckDB holds them to it: a key a BI
    tool joins on cannot be NULL (an insert that tries fails the build)."""
    nullable = dict(
        wh.execute(
            "select table_name || '.' || column_name, is_nullable from duckdb_columns() "
            "where schema_name = 'main' and column_name in ('document_id', 'unit_id', 'year')"
        ).fetchall()
    )
    assert nullable["fct_expenditure.document_id"] is False
    assert nullable["dim_unit.unit_id"] is False
    assert nullable["dim_year.year"] is False
    assert nullable["fct_expenditure.unit_id"] is True  # tested, not constrained


def test_bi_tools_see_every_description(wh):
    """persist_docs: every table, view and column a BI tool lists in schema main carries its
    YAML description as a comment (what `duckdb_columns().comment` returns to the tool)."""
    relations = wh.execute(
        "select table_name, comment from duckdb_tables() where schema_name = 'main' "
        "union all select view_name, comment from duckdb_views() where schema_name = 'main' and not internal"
    ).fetchall()
    assert len(relations) > 20
    assert [name for name, comment in relations if not comment] == []
    names = {name for name, _ in relations}
    missing = wh.execute(
        "select table_name || '.' || column_name from duckdb_columns() where schema_name = 'main' and comment is null"
    ).fetchall()
    assert [m for (m,) in missing if m.split(".")[0] in names] == []
    comment = wh.execute(
        "select comment from duckdb_columns() where table_name = 'fct_expenditure' and column_name = 'document_id'"
    ).fetchone()[0]
    assert comment.startswith("文档编号 (document id)")  # a shared doc block, rendered
