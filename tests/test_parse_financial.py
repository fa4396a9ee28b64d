"""Parser tests per table layout, on fragments copied from the sample documents.

Expected values are read from the documents themselves (the line is quoted beside each).
"""

from ingest.financial import parse_financial_table, read_financial_table, repair_codes
from ingest.model import SourceDocument
from ingest.segment import segment_tables, title_kind


def doc_from(text: str) -> SourceDocument:
    return SourceDocument("fragment.txt", "fragment.txt", "0" * 64, "utf-8", text.split("\n"))


def parse(text: str, unit="万元", stage="预算"):
    tables = segment_tables(doc_from(text), unit)
    cells = []
    for t in tables:
        cells += parse_financial_table(t, stage)
    repairs = repair_codes(cells)
    return tables, cells, repairs


def value(cells, code, measure, kind="item"):
    hits = [c.amount for c in cells if c.subject_code == code and c.measure == measure and c.row_kind == kind]
    assert len(hits) == 1, (code, measure, hits)
    return hits[0]


# 部门预算支出总表 with a page break that repeats the page header and the column header (sample 000)
ALL_FUNDS_WITH_PAGE_BREAK = """部门预算支出总表

450 某县医疗保障局

预算年度: 2024

\t功能分类科目\t\t\t\t\t\t上解上级\t对附属单位
序号\t科目编码\t科目名称\t合计\t基本支出\t项目支出\t经营支出\t支出\t补助支出
栏次\t1\t2\t3\t4\t5\t6\t7\t8
1\t\t合计\t11915. 40\t350. 34\t11565. 06\t\t\t
17\t21015\t医疗保障管理事务\t336.03\t268. 97\t67. 05\t\t\t
18\t2101501\t行政运行\t64. 59\t64. 59\t\t_\t\t

450 某县医疗保障局

预算年度: 2024

\t\t功能分类科目\t\t\t\t\t上解上级\t对附属单位
序号\t科目编码\t科目名称\t合计\t基本支出\t项目支出\t经营支出\t支出\t补助支出
栏次\t1\t2\t3\t4\t5\t6\t7\t8
19\t2101502\t一般行政管理事务\t13. 05\t\t13. 05\t\t\t
21\t2101506\t医疗保障经办事务\t213. 38\t204. 38\t9.00\t\t\t
"""


def test_all_funds_table_over_a_page_break_is_one_table():
    tables, cells, _ = parse(ALL_FUNDS_WITH_PAGE_BREAK)
    assert [t.table_kind for t in tables] == ["expenditure_all"]
    assert value(cells, "2101506", "基本支出") == 204.38  # '21 2101506 医疗保障经办事务 213. 38 204. 38 9.00'
    assert value(cells, "2101506", "项目支出") == 9.00
    assert value(cells, "2101502", "项目支出") == 13.05  # first row after the page break
    assert value(cells, None, "合计", kind="total") == 11915.40


# 支出决算表 printed without codes; the 收入决算表 of the same document prints them (sample 002)
NAMES_WITHOUT_CODES = """收入决算表

\t项目\t本年收入合\t财政拨款收
科目代码\t科目名称\t计\t入
\t栏次\t1\t2
\t合计\t5056. 26\t5056. 26
210\t卫生健康支出\t4976. 46\t4976. 46
21013\t医疗救助\t1160. 98\t1160. 98
2101301\t城乡医疗救助\t1042.64\t1042. 64
2101399\t其他医疗救助支出\t118. 34\t118. 34

支出决算表

项目 科目名称\t本年支出合计\t基本支出\t项目支出\t上缴上级 支出\t经营支出\t对附属单 位补助 支出
上\t1\t2\t3\t4\t5\t6
合计\t5056. 26\t1367. 05\t3689. 21\t\t\t
卫生健康支出\t4976. 46\t1287. 98\t3688. 48\t\t\t
医疗救助\t1160. 98\t\t1160. 98\t\t\t
城乡医疗救助\t1042.64\t\t1042.64\t\t\t
其他医疗救助支出\t118. 34\t\t118. 34\t\t\t
"""


def test_codes_restored_from_sibling_table_and_recorded():
    tables, cells, repairs = parse(NAMES_WITHOUT_CODES, stage="决算")
    spending = [c for c in cells if c.table_no == 2]
    assert value(spending, "2101399", "项目支出") == 118.34
    assert value(spending, "21013", "合计") == 1160.98
    rules = {(r.repaired, r.rule) for r in repairs}
    assert ("2101399", "code_from_sibling_table") in rules
    assert ("210", "code_from_sibling_table") in rules


# 一般公共预算财政拨款基本支出决算表: groups side by side, codes cut to 4 digits (sample 003)
SIDE_BY_SIDE_CUT_CODES = """一般公共预算财政拨款基本支出决算表

人员经费\t\t\t公用经费\t\t\t\t\t
科目 编码\t科目名称\t决算数\t科目 编码\t科目名称\t决算数\t科目 编码\t科目名称\t决算数
301\t工资福利支出\t490.66\t302\t商品和服务支出\t74.30\t307\t债务利息及费用支出\t
3010\t基本工资\t178.74\t3020\t办公费\t16.07\t3070\t国内债务付息\t
3010\t机关事业单位基本养老保险\t48.32\t3020\t电费\t1.67\t3100\t专用设备购置\t
3011\t住房公积金\t36.20\t3022\t劳务费\t41.85\t3120\t资本金注入\t
\t\t3029\t\t其他商品和服务支出\t1.27\t399\t其他支出\t
人员经费合计\t\t490.66\t公用经费合计\t\t\t\t\t74.30
"""


def test_side_by_side_groups_with_cut_codes():
    tables, cells, repairs = parse(SIDE_BY_SIDE_CUT_CODES, stage="决算")
    assert tables[0].table_kind == "basic_econ"
    assert value(cells, "30101", "决算数") == 178.74  # '3010 基本工资 178.74'
    assert value(cells, "30108", "决算数") == 48.32  # name cut too: …基本养老保险(缴费)
    assert value(cells, "30113", "决算数") == 36.20
    assert value(cells, "30226", "决算数") == 41.85  # 劳务费
    assert value(cells, "30299", "决算数") == 1.27  # group shifted by one cell
    totals = {c.measure: c.amount for c in cells if c.row_kind == "total"}
    assert totals == {"人员经费": 490.66, "公用经费": 74.30}
    assert any(r.printed == "3010" and r.repaired == "30101" for r in repairs)


# 一般公共预算支出明细表 in 元 with a 4-digit 款 code and 人员/公用/专项 columns (sample 001)
GPB_IN_YUAN = """### 单位综合预算一般公共预算支出明细表（按支出功能分类科目）

单位：元

功能科目编码\t功能科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出\t备注
**\t**\t**\t**\t**\t**\t**
\t\t3131700.00\t2587900.00\t93800.00\t450000.00\t
221\t住房保障支出\t207840.00\t207840.00\t\t\t
2210\t住房改革支出\t207840.00\t207840.00\t\t\t
2210201\t住房公积金\t207840.00\t207840.00\t\t\t
"""


def test_yuan_table_and_short_function_code():
    tables, cells, repairs = parse(GPB_IN_YUAN, unit="万元")
    assert tables[0].amount_unit == "元"
    assert tables[0].table_kind == "gpb_func"
    assert value(cells, "22102", "人员经费") == 207840.0  # '2210 住房改革支出' -> 22102
    assert value(cells, "2210201", "人员经费") == 207840.0
    assert any(r.printed == "2210" and r.repaired == "22102" for r in repairs)


# "三公" tables: one wide line of 12 amounts (sample 002) and 预算数/决算数 rows (sample 003)
THREE_PUBLIC_WIDE = """财政拨款"三公"经费支出决算表

\t\t预算\t数\t\t\t\t\t决算\t数\t\t
合计\t(境) 费\t小计\t公务用车 购置费\t公务用车 运行维护 费\t公务接待费\t合计\t(境) 费\t小计\t公务用车 购置费\t公务用车 运行维护 费\t公务接待费
1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12
1.34\t\t1. 18\t\t1. 18\t0. 16\t1. 34\t\t1. 18\t\t1. 18\t0. 16
"""

THREE_PUBLIC_ROWS = """## 财政拨款“三公”经费支出决算表

金额单位：万元

项 目\t预算数\t决算数
合 计\t2.38\t1.66
1、因公出国（境）费\t\t
2、公务接待费\t\t
3、公务用车购置及运行费\t2.38\t1.66
其中：(1) 公务用车运行维护费\t2.38\t1.66
(2) 公务用车购置费\t\t
"""


def test_three_public_wide_layout():
    _, cells, _ = parse(THREE_PUBLIC_WIDE, stage="决算")
    got = {(c.measure, c.subject_code): c.amount for c in cells if c.row_kind == "item"}
    assert got == {
        ("预算", "公务用车运行维护费"): 1.18,
        ("预算", "公务接待费"): 0.16,
        ("决算", "公务用车运行维护费"): 1.18,
        ("决算", "公务接待费"): 0.16,
    }


def test_three_public_row_layout():
    _, cells, _ = parse(THREE_PUBLIC_ROWS, stage="决算")
    got = {(c.measure, c.subject_code, c.row_kind): c.amount for c in cells}
    assert got[("预算", "公务用车运行维护费", "item")] == 2.38
    assert got[("决算", "公务用车运行维护费", "item")] == 1.66
    assert got[("决算", "合计", "total")] == 1.66


# 收支总表 whose first page was extracted as one flattened line (sample 000)
FLATTENED_SUMMARY = """部门预算收支总表

单位: 万元 支出 收入 序号 项 目 预算数 项 目 预算数 栏次 1 2 一、一般公共预算拨款收入 8476. 31 一、一般公共服务支出 1 二、外交支出 二、政府性基金预算拨款收入 2 200.00 三、国有资本经营预算拨款收入 三、国防支出 3 八、社会保障和就业支出 46.42

序号\t项 目\t预算数\t项 目\t预算数
32\t本年收入合计\t8676. 31\t本年支出合计\t11915. 40
33\t上年结转结余\t3239. 09\t年终结转结余\t
34\t收入总计\t11915. 40\t支出总计\t11915. 40
"""


def test_revenue_from_flattened_page_and_rows():
    _, cells, _ = parse(FLATTENED_SUMMARY)
    items = {c.subject_code: c.amount for c in cells if c.row_kind == "item"}
    assert items == {"一般公共预算财政拨款收入": 8476.31, "政府性基金预算财政拨款收入": 200.00, "上年结转结余": 3239.09}
    totals = {c.subject_name: c.amount for c in cells if c.row_kind == "total"}
    assert totals == {"本年收入合计": 8676.31, "收入总计": 11915.40, "支出总计": 11915.40}  # both printed on row 34


def test_table_titles_and_toc_entries():
    assert title_kind("部门预算一般公共预算财政拨款基本支出表")[0] == "basic_econ"
    assert title_kind("公开 05 表") is None
    assert title_kind("部门预算收支总表\t1") is None  # table of contents with page number
    assert title_kind("一、收支预算总表......8") is None
    assert title_kind("- 一、收入支出决算总表") is None  # a list item in the contents
    assert title_kind("2026 年度一般公共预算“三公”经费支出预算表")[0] == "three_public"
    assert title_kind("一般公共预算财政拨款支出决算表")[0] == "gpb_func"
    assert title_kind("支出决算表")[0] == "expenditure_all"


def test_overall_situation_titles_of_the_provincial_template():
    """部门收支总体情况表 … : the same standard tables under the 总体情况表 names (not from a
    sample: the titles of the 部门预算 template several provinces publish)."""
    assert title_kind("2024年部门收支总体情况表")[0] == "summary"
    assert title_kind("表2 部门收入总体情况表")[0] == "income"
    assert title_kind("表3 部门支出总体情况表")[0] == "expenditure_all"
    assert title_kind("财政拨款收支总体情况表")[0] == "fiscal_summary"
    assert title_kind("一般公共预算支出情况表")[0] == "gpb_func"
    assert title_kind("一般公共预算基本支出情况表")[0] == "basic_econ"
    assert title_kind("政府性基金预算支出情况表")[0] == "gov_fund"


def test_breakdowns_that_would_print_money_twice_are_not_fact_tables():
    """Tables of the 决算/预算 templates that re-print money the fact tables already hold: the
    项目支出 table (by project), 机构运行经费, and all 财政拨款 funds together by function
    (its rows are the sum of the fund tables). Loading them as function tables would make a
    second printing of each fact, and false cross-table findings."""
    assert title_kind("一般公共预算财政拨款项目支出决算表")[0] == "other"
    assert title_kind("项目支出预算表")[0] == "other"
    assert title_kind("机构运行经费支出预算表")[0] == "other"
    assert title_kind("财政拨款支出预算表（按功能科目）")[0] == "other"
    # the fact tables themselves are unchanged
    assert title_kind("一般公共预算财政拨款支出决算表")[0] == "gpb_func"
    assert title_kind("财政拨款收入支出决算总表")[0] == "fiscal_summary"
    assert title_kind("部门支出预算表")[0] == "expenditure_all"


# a 部门支出总体情况表 in the layout of the samples' 支出总表 (codes, names, 合计/基本/项目)
OVERALL_EXPENDITURE = """部门支出总体情况表

单位：万元

科目编码	科目名称	合计	基本支出	项目支出
	合计	120.50	100.00	20.50
210	卫生健康支出	120.50	100.00	20.50
21015	医疗保障管理事务	120.50	100.00	20.50
2101501	行政运行	100.00	100.00	
2101550	事业运行	20.50		20.50
"""


def test_overall_expenditure_table_is_read_as_the_all_funds_table():
    tables, cells, _ = parse(OVERALL_EXPENDITURE)
    assert [t.table_kind for t in tables] == ["expenditure_all"]
    assert value(cells, "2101501", "基本支出") == 100.00
    assert value(cells, "2101550", "项目支出") == 20.50
    assert value(cells, None, "合计", kind="total") == 120.50


def test_unit_statement_on_the_title_line():
    """Title and unit statement extracted as one line ('收入支出决算总表  部门：某局  单位：万元',
    the header block of fs printed on one line): the title is still recognised, and the table
    takes the unit stated there (元 here, against the 万元 default)."""
    assert title_kind("收入支出决算总表  部门： 佛山市轨道交通局  单位：万元") == ("summary", "收入支出决算总表")
    assert title_kind("部门支出总体情况表 （单位：元）")[0] == "expenditure_all"
    text = OVERALL_EXPENDITURE.replace("部门支出总体情况表\n\n单位：万元\n", "部门支出总体情况表  单位：元\n")
    tables, cells, _ = parse(text, unit="万元")
    assert [(t.table_kind, t.amount_unit, t.unit_printed) for t in tables] == [("expenditure_all", "元", True)]
    assert value(cells, "2101501", "基本支出") == 100.00


# 基本支出明细表 with 部门 and 政府 economic codes side by side, in 元 (sample 001 表8)
DEPT_AND_GOV_CODES = """单位综合预算一般公共预算基本支出明细表（支出经济分类科目）

单位：元

部门经济科目编码\t部门经济科目名称\t政府经济科目编码\t政府经济科目名称\t合计\t人员经费支出\t公用经费支出\t备注
**\t**\t**\t**\t**\t**\t**\t**
301\t工资福利支出\t501\t机关工资福利支出\t2577700\t2577700\t\t
30101\t基本工资\t50101\t工资奖金津补贴\t986180\t986180\t\t
30113\t住房公积金\t50103\t住房公积金\t207840\t207840\t\t
303\t个人和家庭的补助\t509\t个人和家庭的补助\t10200\t\t10200\t
30307\t医疗费补助\t50901\t社会福利和救助\t10200\t\t10200\t
"""


def test_department_and_government_codes_side_by_side():
    tables, cells, _ = parse(DEPT_AND_GOV_CODES)
    assert tables[0].table_kind == "basic_econ" and tables[0].amount_unit == "元"
    basic_pay = [c for c in cells if c.subject_code == "30101" and c.measure == "人员经费"]
    assert [(c.amount, c.paired_code) for c in basic_pay] == [(986180.0, "50101")]
    medical = [c for c in cells if c.subject_code == "30307" and c.measure == "公用经费"]
    assert [(c.amount, c.paired_code) for c in medical] == [(10200.0, "50901")]  # printed under 公用经费


def test_codes_that_cannot_be_codes_are_dropped_not_kept():
    """OCR damage in the same table: an amount read into the 政府 code column ('93800'), and a
    部门 code under no 类 of the classification ('93807'). Neither may become a dimension
    member; the amounts stay, without a code, and each drop is a recorded repair."""
    damaged = DEPT_AND_GOV_CODES.replace("30113\t住房公积金\t50103", "30113\t住房公积金\t93800").replace(
        "30307\t医疗费补助\t50901", "93807\t医疗费补助\t50901"
    )
    tables, cells, repairs = parse(damaged)
    housing = [c for c in cells if c.subject_code == "30113" and c.measure == "人员经费"]
    assert [(c.amount, c.paired_code) for c in housing] == [(207840.0, None)]
    medical = [c for c in cells if c.subject_name == "医疗费补助" and c.measure == "公用经费"]
    assert [(c.amount, c.subject_code) for c in medical] == [(10200.0, None)]
    dropped = sorted((r.field, r.printed) for r in repairs if r.rule == "code_unusable")
    assert dropped == [("econ_dept_code", "93807"), ("paired_code", "93800")]
    assert all(r.repaired is None for r in repairs if r.rule == "code_unusable")


# 基本支出经济分类情况表 with one 预算数 column (fz): the expense type follows the class in dbt
ONE_AMOUNT_COLUMN = """九、一般公共预算基本支出经济分类情况表
2026 年度一般公共预算基本支出经济分类情况表
单位：万元
科目编码\t科目名称\t预算数
合计\t\t7841.26
301\t工资福利支出\t7070.34
30101\t基本工资\t1446.32
30106\t伙食补助费\t
302\t商品和服务支出\t531.71
30201\t办公费\t186.38
"""


def test_single_amount_basic_table_and_repeated_title():
    tables, cells, _ = parse(ONE_AMOUNT_COLUMN)
    assert [t.table_kind for t in tables] == ["basic_econ"]  # the numbered heading above is not a second table
    assert value(cells, "30101", "合计") == 1446.32
    assert value(cells, "30201", "合计") == 186.38
    assert value(cells, None, "合计", kind="total") == 7841.26  # '合计' printed in the code column


# "三公" by budget unit with 上年 / 本年 / 增减 blocks, in 元 (xa 表12): the table's own year is read
THREE_PUBLIC_BY_UNIT = """2022年部门综合预算一般公共预算拨款“三公”经费、会议费、培训费表（不含上年结转）
单位：元
单位编码\t单位名称\t2021年\t\t\t\t\t\t\t\t\t2022年\t\t\t\t\t\t\t\t\t增减变化情况\t\t\t\t\t\t\t\t
\t\t合计\t一般公共预算拨款安排的“三公”经费预算\t\t\t\t\t\t会议费\t培训费\t合计\t一般公共预算拨款安排的“三公”经费预算\t\t\t\t\t\t会议费\t培训费\t合计\t一般公共预算拨款安排的“三公”经费预算\t\t\t\t\t\t会议费\t培训费
\t\t\t小计\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\t\t\t\t\t\t小计\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\t\t\t\t\t\t小计\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\t\t\t\t
\t\t\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\t
\t合计\t551800\t30400\t0\t30400\t0\t0\t0\t147850\t373550\t627300\t35000\t0\t10000\t25000\t0\t25000\t202300\t390000\t75500\t4600\t0\t-20400\t25000\t0\t25000\t54450\t16450
245\t西安市医疗保障局\t551800\t30400\t0\t30400\t0\t0\t0\t147850\t373550\t627300\t35000\t0\t10000\t25000\t0\t25000\t202300\t390000\t75500\t4600\t0\t-20400\t25000\t0\t25000\t54450\t16450
"""


def test_three_public_by_unit_year_blocks():
    tables, cells, _ = parse(THREE_PUBLIC_BY_UNIT)
    assert tables[0].amount_unit == "元"
    got = {(c.subject_code, c.row_kind): c.amount for c in cells}
    # 2022 block of the 合计 line: 三公小计 35000, 因公出国 0, 公务接待费 10000, 公务用车 25000 (购置 0, 运行 25000)
    assert got == {
        ("合计", "total"): 35000.0,
        ("因公出国(境)费", "item"): 0.0,
        ("公务接待费", "item"): 10000.0,
        ("公务用车购置及运行维护费", "parent"): 25000.0,
        ("公务用车购置费", "item"): 0.0,
        ("公务用车运行维护费", "item"): 25000.0,
    }
    assert {c.measure for c in cells} == {"预算"}


# ------------------------------------------------------------------ corpus layouts
# Fragments copied from ../shared/corpus/txt (file stem and lines named above each); the
# expected values are read from the printed lines quoted beside them.


def read(text: str, unit="万元", stage="预算"):
    """Tables, amount cells and every finding / repair, as a document's parse records them."""
    tables = segment_tables(doc_from(text), unit)
    cells, findings = [], []
    for t in tables:
        reading = read_financial_table(t, stage)
        cells += reading.cells
        findings += reading.findings
    return tables, cells, findings + repair_codes(cells)


def row(cells, code, kind="item"):
    """{measure: amount} of the row printed with this code."""
    got = {c.measure: c.amount for c in cells if c.subject_code == code and c.row_kind == kind}
    assert got, code
    return got


# Header stacks (report cause #2): column meaning read top-down through every header line.

# 004_05f59e7a87 L333-347 (表五 一般公共预算支出情况表): 小计 under a spanning 基本支出 is 基本支出
SUBTOTAL_UNDER_BASIC = """表五
年一般公共预算支出情况表
2026
单位名称：重庆市水利局 单位：万元
科目编码\t科目名称\t总计\t基本支出\t\t\t项目支出
\t\t\t小计\t人员经费\t公用经费\t
合计\t\t128,148.56\t33,325.21\t23,208.51\t10,116.70\t94,823.35
201\t一般公共服务支出\t59.56\t\t\t\t59.56
20103\t政府办公厅（室）及相关机构事务\t59.56\t\t\t\t59.56
2010305\t专项业务及机关事务管理\t59.56\t\t\t\t59.56
205\t教育支出\t23,168.99\t14,642.60\t7,038.41\t7,604.19\t8,526.39
20503\t职业教育\t23,156.82\t14,630.43\t7,038.41\t7,592.02\t8,526.39
2050305\t高等职业教育\t23,156.82\t14,630.43\t7,038.41\t7,592.02\t8,526.39
20508\t进修及培训\t12.17\t12.17\t\t12.17\t
2050803\t培训支出\t12.17\t12.17\t\t12.17\t
"""


def test_subtotal_under_a_spanning_basic_column_is_basic():
    tables, cells, findings = read(SUBTOTAL_UNDER_BASIC)
    assert [t.table_kind for t in tables] == ["gpb_func"] and findings == []
    # '205\t教育支出\t23,168.99\t14,642.60\t7,038.41\t7,604.19\t8,526.39'
    assert row(cells, "205") == {
        "合计": 23168.99,
        "基本支出": 14642.60,
        "人员经费": 7038.41,
        "公用经费": 7604.19,
        "项目支出": 8526.39,
    }
    # '合计\t\t128,148.56\t33,325.21\t23,208.51\t10,116.70\t94,823.35'
    assert row(cells, None, "total") == {
        "合计": 128148.56,
        "基本支出": 33325.21,
        "人员经费": 23208.51,
        "公用经费": 10116.70,
        "项目支出": 94823.35,
    }


# 004_43f5613520 L314-322: a 2025年预算数 column before the 2026 block is not a measure of this table
PRIOR_YEAR_COLUMN = """表五
2026年一般公共预算支出情况表
单位名称：重庆市规划和自然资源局 单位：万元
功能分类科目\t\t2025年预算数\t2026年预算数\t\t\t\t
科目编码\t科目名称\t\t总计\t基本支出\t\t\t项目支出
\t\t\t\t小计\t人员经费\t公用经费\t
合计\t\t219,607.38\t227,955.11\t113,007.22\t97,954.58\t15,052.64\t114,947.89
205\t教育支出\t52.17\t54.94\t54.94\t\t54.94\t
20508\t进修及培训\t52.17\t54.94\t54.94\t\t54.94\t
"""


def test_column_of_another_year_is_not_read():
    tables, cells, findings = read(PRIOR_YEAR_COLUMN)
    assert findings == []
    # '205\t教育支出\t52.17\t54.94\t54.94\t\t54.94\t': 52.17 is the 2025 budget
    assert row(cells, "205") == {"合计": 54.94, "基本支出": 54.94, "公用经费": 54.94}
    assert all(c.amount_text != "52.17" for c in cells)
    # '合计\t\t219,607.38\t227,955.11\t113,007.22\t97,954.58\t15,052.64\t114,947.89'
    assert row(cells, None, "total") == {
        "合计": 227955.11,
        "基本支出": 113007.22,
        "人员经费": 97954.58,
        "公用经费": 15052.64,
        "项目支出": 114947.89,
    }


# 079_13d2d0c02f L636-645: 人员支出 / 公用经费 under a spanning 基本支出 with no 小计 column
PERSONNEL_SYNONYM_NO_SUBTOTAL = """表03
2026年市级部门支出预算总表
507-湖州市卫生健康委员会 单位:万元
科目编码\t科目名称\t总计\t基本支出\t\t项目支出\t事业单位经营支出\t上缴上级支出\t对附属单位补助支出
\t\t\t人员支出\t公用经费\t\t\t\t
**\t**\t1\t2\t3\t4\t5\t6\t7
\t合计\t515313.35\t212605.27\t250851.67\t51856.41\t\t\t
206\t科学技术支出\t1140.61\t\t\t1140.61\t\t\t
20602\t基础研究\t83.78\t\t\t83.78\t\t\t
2060204\t实验室及相关设施\t83.78\t\t\t83.78\t\t\t
"""


def test_personnel_synonym_under_basic_without_subtotal():
    tables, cells, findings = read(PERSONNEL_SYNONYM_NO_SUBTOTAL)
    assert [t.table_kind for t in tables] == ["expenditure_all"] and findings == []
    # '\t合计\t515313.35\t212605.27\t250851.67\t51856.41\t\t\t': 基本支出 is their sum, printed in no column
    assert row(cells, None, "total") == {"合计": 515313.35, "人员经费": 212605.27, "公用经费": 250851.67, "项目支出": 51856.41}
    assert row(cells, "2060204") == {"合计": 83.78, "项目支出": 83.78}  # '2060204\t实验室及相关设施\t83.78\t\t\t83.78'


# 003_08cc7487b7 L484-492 (深圳 支出总表, one unit): the trailing 2026年政府采购项目 block is not a measure
PROCUREMENT_BLOCK = """表3
支出总表
部门名称：深圳市交通运输局（本级） 单位：万元
预算单位\t科目编码\t科目名称\t支出总计\t基本支出\t项目支出\t事业单位经营支出\t对附属单位补助支出\t上缴上级支出\t2026年政府采购项目\t\t
\t\t\t\t\t\t\t\t\t小计\t其中：2026年政府采购项目中预留给中小企业的项目资金规模\t其中：2026年政府采购项目中预留给小型、微型企业的项目资金规模
深圳市交通运输局（本级）\t\t\t388,763.56\t11,826.97\t376,936.60\t0.00\t0.00\t0.00\t7,558.99\t2,726.35\t131.67
\t205\t教育支出\t41.99\t2.00\t39.99\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
\t20508\t进修及培训\t41.99\t2.00\t39.99\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
\t2050803\t培训支出\t41.99\t2.00\t39.99\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
"""


def test_trailing_procurement_block_is_not_read():
    tables, cells, findings = read(PROCUREMENT_BLOCK)
    assert findings == []
    # '\t205\t教育支出\t41.99\t2.00\t39.99\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00'
    assert row(cells, "205") == {
        "合计": 41.99,
        "基本支出": 2.00,
        "项目支出": 39.99,
        "经营支出": 0.0,
        "对附属单位补助支出": 0.0,
        "上缴上级支出": 0.0,
    }
    # the unit's own line is the table's total; its 政府采购 amounts (7,558.99 …) are not read
    assert row(cells, None, "total")["合计"] == 388763.56
    assert not {"7,558.99", "2,726.35", "131.67"} & {c.amount_text for c in cells}


# Funding-source breakdowns (report cause #3): columns 总计 | 财政拨款 | 财政专户 | 单位资金 …, rows units,
# economic classes without codes or projects. 003_15defc28d2 L301-310 and 005_b8ff9ee4c5 L342-350.
BASIC_BY_FUNDING_SOURCE = """表4
基本支出总表
部门名称：深圳市人民政府办公厅 单位：万元
支出项目类别\t总计\t财政拨款\t\t\t\t财政专户管理资金\t单位资金\t\t\t\t\t上年结余、结转
\t\t小计\t一般公共预算拨款\t政府性基金预算拨款\t国有资本经营预算拨款\t\t事业收入\t事业单位经营收入\t上级补助收入\t附属单位上缴收入\t其他收入\t
深圳市人民政府办公厅\t9,464.34\t9,464.34\t9,464.34\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
工资福利支出\t7,738.47\t7,738.47\t7,738.47\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
基本工资\t1,075.20\t1,075.20\t1,075.20\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
津贴补贴\t3,601.57\t3,601.57\t3,601.57\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
奖金\t787.42\t787.42\t787.42\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
"""

PROJECTS_BY_FUNDING_SOURCE = """部门预算项目支出及其他支出预算表
单位名称：中国共产党广州市委员会宣传部 单位：万元
支出项目类别（资金使用单位）\t总计\t财政拨款\t\t\t\t财政专户拨款\t其他资金\t绩效目标
\t\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t\t
合计\t16,777.55\t16,777.55\t16,451.95\t0.00\t325.60\t0.00\t0.00\t
中国共产党广州市委员会宣传部\t16,041.55\t16,041.55\t15,715.95\t0.00\t325.60\t0.00\t0.00\t
市委宣传部2024年-2025年信息化运维项目\t37.95\t37.95\t37.95\t0.00\t0.00\t0.00\t0.00\t持续做好市委宣传部2024-2025年信息化运维项目，确保信息化系统及设备、信息化业务应用系统的正常运行，保障市委宣传部业务工作顺利开展。
市委宣传部2025年信息化运维项目\t38.93\t38.93\t38.93\t0.00\t0.00\t0.00\t0.00\t持续做好市委宣传部2025年信息化运维项目，确保信息化系统及设备、信息化业务应用系统的正常运行，保障市委宣传部业务工作顺利开展。
2026年文艺精品创作与群众文化建设工作经费\t600.00\t600.00\t600.00\t0.00\t0.00\t0.00\t0.00\t组织开展广州优秀文艺项目评审扶持工作；聚焦质量提升，创作推出一批文艺精品；聚焦电影产业，推动电影工作高质量发展；持续提升公共文化服务水平。
"""


def test_tables_by_funding_source_are_other_and_give_no_cells():
    for text, kind in ((BASIC_BY_FUNDING_SOURCE, "basic_econ"), (PROJECTS_BY_FUNDING_SOURCE, "expenditure_all")):
        assert title_kind(text.split("\n")[1 if kind == "basic_econ" else 0])[0] == kind  # what the title says
        tables, cells, findings = read(text)
        # '工资福利支出\t7,738.47\t7,738.47\t7,738.47\t0.00…' was stored as 合计, 人员经费 and 公用经费;
        # '2026年政策研究经费\t20.00…' is a project, not code 2026 (and gets no code by name)
        assert cells == []
        assert [t.table_kind for t in tables] == ["other"]
        assert [(f.rule, f.printed, f.repaired) for f in findings] == [("kind_from_header", kind, "other")]


# 006_003a980484 L524-530: a header whose column names no known measure
HEADER_WITHOUT_MEASURE = """公开12表
一般公共预算机关运行经费支出预算表
单位：苏州市科学技术局 单位：万元
科目编码\t科目名称\t机关运行经费支出
合计\t\t223.66
302\t商品和服务支出\t223.66
30201\t办公费\t18.00
"""


def test_header_not_understood_is_recorded_not_guessed():
    (table,) = segment_tables(doc_from(HEADER_WITHOUT_MEASURE), "万元")
    table.table_kind = "gpb_func"  # whatever kind its title gets: the header names no measure
    reading = read_financial_table(table, "预算")
    # '合计\t\t223.66' would have been laid under the kind's default 合计/基本支出/项目支出
    assert reading.cells == []
    assert [(f.rule, f.line_no) for f in reading.findings] == [("header_not_understood", 4)]  # the header line


# Codes printed over 类 | 款 | 项 cells (report cause #4): assembled, parents carried down, only
# leaves under a code no other row extends.

# 001_0afcacdde0 L104-127 (上海 支出预算总表, 元): parents repeated on every row, 合计 printed last
SPLIT_CODES_REPEATED = """2026年预算单位支出预算总表
编制单位：上海市自然资源确权登记事务中心 单位：元
项目\t\t\t\t支出预算\t\t
功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出
类\t款\t项\t\t\t\t
208\t\t\t社会保障和就业支出\t6,835,532\t6,835,532\t
208\t05\t\t行政事业单位养老支出\t6,835,532\t6,835,532\t
208\t05\t02\t事业单位离退休\t720,660\t720,660\t
208\t05\t05\t机关事业单位基本养老保险缴费支出\t4,069,913\t4,069,913\t
208\t05\t06\t机关事业单位职业年金缴费支出\t2,034,959\t2,034,959\t
208\t05\t99\t其他行政事业单位养老支出\t10,000\t10,000\t
210\t\t\t卫生健康支出\t2,727,598\t2,727,598\t
210\t11\t\t行政事业单位医疗\t2,727,598\t2,727,598\t
210\t11\t02\t事业单位医疗\t2,727,598\t2,727,598\t
212\t\t\t城乡社区支出\t435,000\t\t435,000
212\t08\t\t国有土地使用权出让收入安排的支出\t435,000\t\t435,000
212\t08\t06\t土地出让业务支出\t435,000\t\t435,000
220\t\t\t自然资源海洋气象等支出\t36,861,351\t30,325,551\t6,535,800
220\t01\t\t自然资源事务\t36,861,351\t30,325,551\t6,535,800
220\t01\t50\t事业运行\t36,861,351\t30,325,551\t6,535,800
221\t\t\t住房保障支出\t3,180,519\t3,180,519\t
221\t02\t\t住房改革支出\t3,180,519\t3,180,519\t
221\t02\t01\t住房公积金\t3,180,519\t3,180,519\t
合计\t\t\t\t50,040,000\t43,069,200\t6,970,800
"""


def test_split_codes_with_parents_repeated():
    tables, cells, findings = read(SPLIT_CODES_REPEATED)
    assert tables[0].amount_unit == "元" and findings == []
    assert row(cells, "2080502") == {"合计": 720660, "基本支出": 720660}  # '208\t05\t02\t事业单位离退休\t720,660\t720,660\t'
    assert row(cells, "20805") == {
        "合计": 6835532,
        "基本支出": 6835532,
    }  # '208\t05\t\t行政事业单位养老支出\t6,835,532\t6,835,532\t'
    assert row(cells, "2200150") == {"合计": 36861351, "基本支出": 30325551, "项目支出": 6535800}  # '220\t01\t50\t事业运行…'
    assert row(cells, None, "total") == {"合计": 50040000, "基本支出": 43069200, "项目支出": 6970800}  # '合计\t\t\t\t50,040,000…'
    # the leaves add up to the printed 合计 (each 类 counted once, not three times)
    codes = {c.subject_code for c in cells if c.subject_code}
    leaves = [
        c
        for c in cells
        if c.measure == "合计" and c.subject_code and not any(o != c.subject_code and o.startswith(c.subject_code) for o in codes)
    ]
    assert round(sum(c.amount for c in leaves)) == 50040000
    assert all(c.subject_name and not c.subject_name.isdigit() for c in cells)


# 025_0207ba842f L515-524 (烟台 一般公共预算支出情况表): parents printed once, blank below
SPLIT_CODES_BLANK_PARENTS = """公开表5
一般公共预算支出情况表
部门（单位）：烟台市市场监督管理局 单位：万元
科目编码\t\t\t科目名称\t合 计\t基本支出\t\t\t项目支出
类\t款\t项\t\t\t小 计\t人员支出\t日常公用支出\t
\t\t\t合 计\t21,367.42\t14,653.97\t13,499.71\t1,154.26\t6,713.45
201\t\t\t一般公共服务支出\t13,136.82\t7,704.36\t6,717.84\t986.52\t5,432.46
\t14\t\t知识产权事务\t779.91\t563.91\t526.60\t37.30\t216.00
\t\t50\t事业运行\t666.91\t563.91\t526.60\t37.30\t103.00
\t\t99\t其他知识产权事务支出\t113.00\t\t\t\t113.00
"""


def test_split_codes_with_blank_parents():
    _, cells, findings = read(SPLIT_CODES_BLANK_PARENTS)
    assert findings == []
    # '\t14\t\t知识产权事务\t779.91\t563.91\t526.60\t37.30\t216.00'
    assert row(cells, "20114") == {"合计": 779.91, "基本支出": 563.91, "人员经费": 526.60, "公用经费": 37.30, "项目支出": 216.00}
    assert row(cells, "2011450")["合计"] == 666.91  # '\t\t50\t事业运行\t666.91…'
    assert row(cells, "2011499") == {"合计": 113.00, "项目支出": 113.00}  # '\t\t99\t其他知识产权事务支出\t113.00\t\t\t\t113.00'


# 015_4a8c7eeabe L221-229 (长沙 收入总体情况表): mixed — a 款 row '\t03\t', a 项 row '205\t03\t99'
SPLIT_CODES_MIXED = """2026年部门收入总体情况表
单位名称：长沙职业教育基地综合协调办公室 单位：万元
类\t款\t项\t功能科目\t合计\t本级财政拨款\t\t财政专户管理事业收入\t事业单位经营服务收入\t上级补助收入\t其它收入\t事业收入\t上年结转
\t\t\t\t\t金额\t其中:经费拨款\t\t\t\t\t\t
**\t**\t**\t**\t1\t2\t3\t4\t5\t6\t7\t8\t9
\t\t\t合计\t656.73\t656.73\t656.73\t\t\t\t\t\t
205\t\t\t教育支出\t656.73\t656.73\t656.73\t\t\t\t\t\t
\t03\t\t职业教育\t656.73\t656.73\t656.73\t\t\t\t\t\t
205\t03\t99\t其他职业教育支出\t656.73\t656.73\t656.73\t\t\t\t\t\t
"""


def test_split_codes_mixed_and_a_fund_amount_under_its_heading():
    _, cells, _ = read(SPLIT_CODES_MIXED)
    assert sorted({c.subject_code for c in cells if c.subject_code}) == ["205", "20503", "2050399"]
    # '205\t03\t99\t其他职业教育支出\t656.73\t656.73\t656.73': 金额 under 本级财政拨款 is that income;
    # 其中:经费拨款 is an 'of which' column, not read
    assert row(cells, "2050399") == {"合计": 656.73, "财政拨款收入": 656.73}


# 025_0207ba842f L567-576 and L584-586 (烟台 一般公共预算基本支出情况表): 部门 类 | 款 beside 政府 类 | 款,
# a 部门 class printed once per 政府 class
ECON_SPLIT_WITH_GOV_CODES = """公开表6
一般公共预算基本支出情况表
部门（单位）：烟台市市场监督管理局 单位：万元
科目编码\t\t部门预算支出经济分类科目名称\t科目编码\t\t政府预算支出经济分类科目名称\t基本支出预算\t\t
类\t款\t\t类\t款\t\t小计\t人员支出\t日常公用支出
\t\t合计\t\t\t\t14,653.97\t13,499.71\t1,154.26
301\t\t工资福利支出\t501\t\t机关工资福利支出\t5,009.44\t5,009.44\t
301\t01\t基本工资\t501\t01\t工资奖金津补贴\t1,225.21\t1,225.21\t
301\t02\t津贴补贴\t501\t01\t工资奖金津补贴\t1,178.68\t1,178.68\t
301\t03\t奖金\t501\t01\t工资奖金津补贴\t1,034.35\t1,034.35\t
301\t\t工资福利支出\t505\t\t对事业单位经常性补助\t7,107.71\t7,107.71\t
301\t01\t基本工资\t505\t01\t工资福利支出\t1,855.41\t1,855.41\t
301\t02\t津贴补贴\t505\t01\t工资福利支出\t623.70\t623.70\t
"""


def test_economic_split_codes_beside_government_codes():
    _, cells, findings = read(ECON_SPLIT_WITH_GOV_CODES)
    assert findings == []
    got = {(c.subject_code, c.paired_code, c.measure): c.amount for c in cells if c.row_kind == "item"}
    assert got[("301", "501", "合计")] == 5009.44  # '301\t\t工资福利支出\t501\t\t机关工资福利支出\t5,009.44\t5,009.44\t'
    assert got[("30101", "50101", "人员经费")] == 1225.21  # '301\t01\t基本工资\t501\t01\t工资奖金津补贴\t1,225.21\t1,225.21\t'
    assert got[("301", "505", "合计")] == 7107.71  # '301\t\t工资福利支出\t505\t\t对事业单位经常性补助\t7,107.71…'
    assert got[("30101", "50501", "人员经费")] == 1855.41  # '301\t01\t基本工资\t505\t01\t工资福利支出\t1,855.41…'
    assert row(cells, None, "total") == {
        "合计": 14653.97,
        "人员经费": 13499.71,
        "公用经费": 1154.26,
    }  # '\t\t合计\t\t\t\t14,653.97…'


# 005_015554f21f L282-292 (广州 一般公共预算支出情况表): '[201]一般公共服务支出', the code in the name cell
CODE_IN_BRACKETS = """表5
一般公共预算支出情况表（按功能分类科目）
单位名称：广州市司法局 单位：万元
功能科目名称\t一般公共预算支出\t\t
\t小计\t其中：基本支出\t项目支出
合计\t174,177.85\t151,664.25\t22,513.60
[201]一般公共服务支出\t1,075.58\t6.49\t1,069.09
[20103]政府办公厅（室）及相关机构事务\t6.49\t6.49\t0.00
[2010301]行政运行\t6.49\t6.49\t0.00
[20111]纪检监察事务\t5.00\t0.00\t5.00
[2011105]派驻派出机构\t5.00\t0.00\t5.00
"""


def test_code_in_brackets_before_the_name():
    _, cells, _ = read(CODE_IN_BRACKETS)
    # '[201]一般公共服务支出\t1,075.58\t6.49\t1,069.09'
    assert row(cells, "201") == {"合计": 1075.58, "基本支出": 6.49, "项目支出": 1069.09}
    assert row(cells, "2011105") == {"合计": 5.00, "基本支出": 0.0, "项目支出": 5.00}  # '[2011105]派驻派出机构\t5.00\t0.00\t5.00'
    assert {c.subject_name for c in cells if c.subject_code == "2010301"} == {"行政运行"}


# 020_f3e1c25717 L480-495 and L507-518 (西安 2020): the 款 printed alone as two digits in the code column
TWO_DIGIT_KUAN = """表5
2020年部门综合预算一般公共预算支出明细表（按支出功能分类科目）
单位：万元
功能科目编码\t功能科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出\t备注
\t合计\t181716.56\t7942.58\t621.37\t173152.61\t
201\t一般公共服务支出\t56.52\t0\t0\t56.52\t
10\t人力资源事务\t56.52\t0\t0\t56.52\t
2011007\t博士后日常经费\t7\t0\t0\t7\t
2011004\t政府特殊津贴\t16.32\t0\t0\t16.32\t
2011002\t一般行政管理事务（人力资源事务）\t33.2\t0\t0\t33.2\t
205\t教育支出\t3523.12\t412.91\t28.21\t3082\t
03\t职业教育\t3523.12\t412.91\t28.21\t3082\t
2050303\t技校教育\t3523.12\t412.91\t28.21\t3082\t
208\t社会保障和就业支出\t136400.21\t6556.96\t593.16\t129250.09\t
01\t人力资源和社会保障管理事务\t28589.24\t5845.99\t593.16\t22150.09\t
2080110\t劳动关系和维权\t14\t0\t0\t14\t
05\t行政事业单位养老支出\t71797.82\t697.82\t0\t71100\t
2080507\t对机关事业单位基本养老保险基金的补助\t68700\t0\t0\t68700\t
2080501\t行政单位离退休\t600\t0\t0\t600\t
2080502\t事业单位离退休\t1800\t0\t0\t1800\t
2080505\t机关事业单位基本养老保险缴费支出\t465.21\t465.21\t0\t0\t
2080506\t机关事业单位职业年金缴费支出\t232.61\t232.61\t0\t0\t
08\t抚恤\t6000\t0\t0\t6000\t
2080801\t死亡抚恤\t6000\t0\t0\t6000\t
26\t财政对基本养老保险基金的补助\t30000\t0\t0\t30000\t
2082602\t财政对城乡居民基本养老保险基金的补助\t30000\t0\t0\t30000\t
99\t其他社会保障和就业支出\t13.15\t13.15\t0\t0\t
2089901\t其他社会保障和就业支出\t13.15\t13.15\t0\t0\t
"""


def test_two_digit_kuan_under_the_last_class():
    _, cells, findings = read(TWO_DIGIT_KUAN)
    assert row(cells, "20110")["合计"] == 56.52  # '10\t人力资源事务\t56.52' under '201\t一般公共服务支出'
    assert row(cells, "20503")["合计"] == 3523.12  # '03\t职业教育\t3523.12' under '205\t教育支出'
    assert row(cells, "20805")["合计"] == 71797.82  # '05\t行政事业单位养老支出\t71797.82' after the 项 2080104
    # '99\t其他社会保障和就业支出\t13.15' is the 款 20899, '2089901\t其他社会保障和就业支出\t13.15' its 项
    assert row(cells, "20899")["合计"] == 13.15 and row(cells, "2089901")["合计"] == 13.15
    placed = {(r.printed, r.repaired) for r in findings if r.rule == "code_from_hierarchy"}
    assert {("10", "20110"), ("03", "20503"), ("99", "20899")} <= placed


# Tables by budget unit (report cause #5): one tree per unit, never summed as one tree; the
# subtotal checks stay within a unit's block (int_subject_cells.block_line, R01).

# 003_63d734e667 L1104-1113 and L1172-1175 (深圳 汇总 支出总表): a 预算单位 column, blocks per unit
UNIT_BLOCKS_BY_COLUMN = """表3
支出总表
部门名称：深圳市人力资源和社会保障局 单位：万元
预算单位\t科目编码\t科目名称\t支出总计\t基本支出\t项目支出\t事业单位经营支出\t对附属单位补助支出\t上缴上级支出\t2026年政府采购项目\t\t
\t\t\t\t\t\t\t\t\t小计\t其中：2026年政府采购项目中预留给中小企业的项目资金规模\t其中：2026年政府采购项目中预留给小型、微型企业的项目资金规模
深圳市人力资源和社会保障局\t\t\t571,347.93\t136,131.77\t435,216.17\t0.00\t0.00\t0.00\t39,591.53\t16,279.12\t215.07
深圳市人力资源和社会保障局（本级）\t\t\t156,491.01\t14,270.17\t142,220.85\t0.00\t0.00\t0.00\t3,916.99\t767.23\t0.00
\t205\t教育支出\t13,184.10\t10.00\t13,174.10\t0.00\t0.00\t0.00\t341.82\t0.00\t0.00
\t20503\t职业教育\t12,695.48\t0.00\t12,695.48\t0.00\t0.00\t0.00\t163.12\t0.00\t0.00
\t2050303\t技校教育\t12,695.48\t0.00\t12,695.48\t0.00\t0.00\t0.00\t163.12\t0.00\t0.00
深圳市人力资源和社会保障数据管理中心\t\t\t4,077.84\t2,161.63\t1,916.21\t0.00\t0.00\t0.00\t1,502.83\t0.00\t0.00
\t205\t教育支出\t3.08\t3.08\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
\t20508\t进修及培训\t3.08\t3.08\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
\t2050803\t培训支出\t3.08\t3.08\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00
"""

# 020_891d54ad6c L136-160 (西安 2019): unit-code lines ('125001\t西安市安全生产监督管理局') open blocks
UNIT_BLOCKS_BY_CODE = """表5
2019年部门综合预算一般公共预算支出明细表（按支出功能分类科目）
单位：万元
功能科目编码\t功能科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出\t备注
**\t**\t1\t2\t3\t4\t**
\t合计\t3,643.37\t1,839.51\t182.88\t1,620.98\t
125001\t西安市安全生产监督管理局\t2,080.32\t972.99\t98.88\t1,008.45\t
208\t社会保障和就业支出\t115.11\t83.06\t32.05\t\t
05\t行政事业单位离退休\t113.28\t81.23\t32.05\t\t
2080505\t机关事业单位基本养老保险缴费支出\t81.23\t81.23\t\t\t
2080506\t机关事业单位职业年金缴费支出\t32.05\t\t32.05\t\t
99\t其他社会保障和就业支出\t1.83\t1.83\t\t\t
2089901\t其他社会保障和就业支出\t1.83\t1.83\t\t\t
210\t卫生健康支出\t15.86\t15.86\t\t\t
11\t行政事业单位医疗\t15.86\t15.86\t\t\t
2101101\t行政单位医疗\t15.86\t15.86\t\t\t
221\t住房保障支出\t87.86\t87.86\t\t\t
02\t住房改革支出\t87.86\t87.86\t\t\t
2210201\t住房公积金\t87.86\t87.86\t\t\t
224\t灾害防治及应急管理支出\t1,861.49\t786.21\t66.83\t1,008.45\t
01\t应急管理事务\t1,861.49\t786.21\t66.83\t1,008.45\t
2240101\t行政运行\t853.04\t786.21\t66.83\t\t
2240106\t安全监管\t1,008.45\t\t\t1,008.45\t
125002\t西安市安全生产宣传教育中心\t461.80\t250.80\t25.80\t185.20\t
208\t社会保障和就业支出\t22.62\t22.62\t\t\t
"""

# 006_1f31a4383d L166-172 (苏州 收入总表): 部门代码 | 部门名称, one line per unit
UNITS_ONLY = """收入总表\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t
部门：苏州市交通运输局\t\t\t\t\t\t\t\t\t\t\t\t\t单位：万元\t\t\t\t\t
部门代码\t部门名称\t合计\t本年收入\t\t\t\t\t\t\t\t\t\t上年结转结余\t\t\t\t\t
\t\t\t小计\t一般公共预算\t政府性基金预算\t国有资本经营预算\t财政专户管理资金\t事业收入\t事业单位经营收入\t上级补助收入\t附属单位上缴收入\t其他收入\t小计\t一般公共预算\t政府性基金预算\t国有资本经营预算\t财政专户管理资金\t单位资金
合计\t\t249,977.11\t249,977.11\t242,360.10\t\t\t\t\t\t\t\t7,617.01\t\t\t\t\t\t
123\t苏州市交通运输局\t249,977.11\t249,977.11\t242,360.10\t\t\t\t\t\t\t\t7,617.01\t\t\t\t\t\t
123001\t苏州市交通运输局\t201,457.56\t201,457.56\t201,457.56\t\t\t\t\t\t\t\t\t\t\t\t\t\t
"""


def test_tables_by_unit_are_read_unit_by_unit():
    tables, cells, findings = read(UNIT_BLOCKS_BY_COLUMN)
    assert [(f.rule, f.repaired) for f in findings] == [("read_by_unit_block", "2 units")]
    # '深圳市人力资源和社会保障局\t\t\t571,347.93…': the department's line, the table's total
    assert [c.amount for c in cells if c.row_kind == "total" and c.measure == "合计"] == [571347.93]
    # each unit's line is the total of its own block ('parent'), never of the table
    units = {c.subject_name: c.amount for c in cells if c.row_kind == "parent" and c.measure == "合计"}
    assert units == {"深圳市人力资源和社会保障局(本级)": 156491.01, "深圳市人力资源和社会保障数据管理中心": 4077.84}
    # '\t205\t教育支出\t13,184.10…' under the first unit, '\t205\t教育支出\t3.08…' under the second
    assert sorted((c.line_no, c.amount) for c in cells if c.subject_code == "205" and c.measure == "合计") == [
        (8, 13184.10),
        (12, 3.08),
    ]


def test_unit_code_lines_open_blocks():
    _, cells, findings = read(UNIT_BLOCKS_BY_CODE)
    assert [(f.rule, f.repaired) for f in findings if f.rule == "read_by_unit_block"] == [("read_by_unit_block", "2 units")]
    # '\t合计\t3,643.37…' the table's total; '125001\t西安市安全生产监督管理局\t2,080.32…' and
    # '125002\t西安市安全生产宣传教育中心\t461.80…' the units' lines (their codes are not subjects)
    assert [c.amount for c in cells if c.row_kind == "total" and c.measure == "合计"] == [3643.37]
    assert sorted(c.amount for c in cells if c.row_kind == "parent" and c.measure == "合计") == [461.80, 2080.32]
    assert not {c.subject_code for c in cells} & {"125001", "125002"}


def test_a_table_whose_rows_are_units_is_not_read():
    _, cells, findings = read(UNITS_ONLY)  # '123001\t苏州市交通运输局\t201,457.56…': units, no subjects
    assert cells == []
    assert [f.rule for f in findings] == ["by_unit_not_read"]


def test_a_table_of_one_unit_is_read_with_the_unit_line_as_its_total():
    _, cells, findings = read(
        PROCUREMENT_BLOCK
    )  # 003_08cc7487b7: '深圳市交通运输局（本级）\t\t\t388,763.56\t11,826.97\t376,936.60…'
    assert findings == []
    assert row(cells, None, "total") == {
        "合计": 388763.56,
        "基本支出": 11826.97,
        "项目支出": 376936.60,
        "经营支出": 0.0,
        "对附属单位补助支出": 0.0,
        "上缴上级支出": 0.0,
    }
    assert {c.subject_name for c in cells if c.row_kind == "total"} == {"深圳市交通运输局(本级)"}  # names compacted (NFKC)


# Other code forms (report cause #10)

# 008_7b5fe2e169 L335-350 (杭州 支出预算总表): names without codes, coded from the catalogue by exact
# name in hierarchy order; a name the catalogue lacks is left uncoded (and the rows under it)
NAMES_ONLY = """表3：2026年市级部门支出预算总表
部门名称：杭州市气象局 单位:万元
功能分类科目名称\t总计\t基本支出\t\t项目支出\t事业单位经营支出\t上缴上级支出\t对附属单位补助支出
\t\t人员支出\t日常公用支出\t\t\t\t
**\t1\t2\t3\t4\t5\t6\t7
合计\t5,876.67\t2,906.80\t838.27\t2,131.61\t\t\t
科学技术支出\t28.00\t\t\t28.00\t\t\t
技术研究与开发\t28.00\t\t\t28.00\t\t\t
科技成果转化与扩散\t28.00\t\t\t28.00\t\t\t
社会保障和就业支出\t396.67\t395.77\t0.90\t\t\t\t
行政事业单位养老支出\t396.67\t395.77\t0.90\t\t\t\t
行政单位离退休\t193.24\t192.34\t0.90\t\t\t\t
机关事业单位基本养老保险缴费支出\t135.62\t135.62\t\t\t\t\t
机关事业单位职业年金缴费支出\t67.81\t67.81\t\t\t\t\t
卫生健康支出\t80.52\t80.52\t\t\t\t\t
行政事业单位医疗\t80.52\t80.52\t\t\t\t\t
"""


def test_names_only_table_takes_catalogue_codes_in_hierarchy_order():
    _, cells, repairs = read(NAMES_ONLY)
    coded = {c.subject_name: c.subject_code for c in cells if c.row_kind == "item" and c.measure == "合计"}
    assert coded == {
        "科学技术支出": "206",
        "技术研究与开发": None,  # 20604: not in the catalogue seed
        "科技成果转化与扩散": None,  # under it: no place in the hierarchy to take
        "社会保障和就业支出": "208",
        "行政事业单位养老支出": "20805",
        "行政单位离退休": "2080501",
        "机关事业单位基本养老保险缴费支出": "2080505",
        "机关事业单位职业年金缴费支出": "2080506",
        "卫生健康支出": "210",
        "行政事业单位医疗": "21011",
    }
    assert row(cells, "2080501") == {
        "合计": 193.24,
        "人员经费": 192.34,
        "公用经费": 0.90,
    }  # '行政单位离退休\t193.24\t192.34\t0.90'
    assert {r.rule for r in repairs} == {"code_from_catalogue_name"}


# 008_e488d33151 L707-716 (杭州 一般公共预算基本支出预算表): economic names without codes
ECON_NAMES_ONLY = """表6：2026年市级部门一般公共预算基本支出预算表
部门名称：杭州市交通运输局单位：万元
经济分类科目名称\t本年一般公共预算基本支出\t\t
\t合计\t人员经费\t日常公用支出
**\t1\t2\t3
合计\t82,529.89\t67,627.51\t14,902.37
工资福利支出\t63,983.80\t63,983.80\t
基本工资\t10,588.60\t10,588.60\t
津贴补贴\t7,060.99\t7,060.99\t
奖金\t3,583.71\t3,583.71\t
"""


def test_economic_names_only_take_department_codes():
    _, cells, _ = read(ECON_NAMES_ONLY)
    assert row(cells, "301") == {"合计": 63983.80, "人员经费": 63983.80}  # '工资福利支出\t63,983.80\t63,983.80\t'
    assert row(cells, "30103")["合计"] == 3583.71  # '奖金\t3,583.71\t3,583.71\t' (not the 政府 code of the same name)


# 020_f3e1c25717 L532-545 (西安 2020 经济分类): 7-digit codes, children of a 5-digit 款 not printed
ECON_SEVEN_DIGITS = """表6
2020年部门综合预算一般公共预算支出明细表（按支出经济分类科目）
单位：万元
部门经济科目编码\t部门经济科目名称\t政府经济科目编码\t政府经济科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出\t备注
\t\t\t合计\t181716.56\t7942.58\t621.37\t173152.61\t
301\t工资福利支出\t\t\t7804.52\t7804.52\t0\t0\t
30101\t基本工资\t50501\t工资福利支出\t347.14\t347.14\t0\t0\t
30101\t基本工资\t50101\t工资奖金津补贴\t1242.25\t1242.25\t0\t0\t
3010201\t津贴补贴\t50101\t工资奖金津补贴\t1342.73\t1342.73\t0\t0\t
3010201\t津贴补贴\t50501\t工资福利支出\t132.41\t132.41\t0\t0\t
3010202\t改革性补贴\t50101\t工资奖金津补贴\t192.17\t192.17\t0\t0\t
3010202\t改革性补贴\t50501\t工资福利支出\t37.44\t37.44\t0\t0\t
30107\t绩效工资\t50501\t工资福利支出\t217.48\t217.48\t0\t0\t
30108\t机关事业单位基本养老保险缴费\t50102\t社会保障缴费\t366.3\t366.3\t0\t0\t
"""


def test_seven_digit_economic_codes_roll_up_to_their_kuan():
    _, cells, repairs = read(ECON_SEVEN_DIGITS)
    # '3010201\t津贴补贴\t50101\t工资奖金津补贴\t1342.73…', '3010201\t津贴补贴\t50501\t工资福利支出\t132.41…',
    # '3010202\t改革性补贴\t50101\t工资奖金津补贴\t192.17…', '3010202\t改革性补贴\t50501\t工资福利支出\t37.44…'
    assert sorted(c.amount for c in cells if c.subject_code == "30102" and c.measure == "合计") == [
        37.44,
        132.41,
        192.17,
        1342.73,
    ]
    assert {(r.printed, r.repaired, r.rule) for r in repairs} == {
        ("3010201", "30102", "econ_code_rolled_up"),
        ("3010202", "30102", "econ_code_rolled_up"),
    }


# 020_9645ce95c5 L519-527 and L547-549 (西安 2022): a header spread over three cells a column, a row
# extracted with spaces instead of tabs, and rows after it with their tabs collapsed
ROWS_NOT_IN_HEADER_COLUMNS = """2022 年部门综合预算一般公共预算支出明细表（按经济分类科目分）
预算单位：西安市工业和信息化局 金额单位：元
\t\t\t\t部门经济\t\t\t\t\t\t政府经济\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t
\t序号\t\t\t\t\t\t部门经济科目名称\t\t\t\t\t\t政府经济科目名称\t\t\t合计\t\t\t人员经费支出\t\t\t公用经费支出\t\t\t专项业务经费支出\t\t\t备注\t
\t\t\t\t科目编码\t\t\t\t\t\t科目编码\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t
\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t
1\t\t\t\t\t\t合计\t\t\t\t\t\t\t\t\t1053642667.43\t\t\t43153893.01\t\t\t3453876.50\t\t\t1007034897.92\t\t\t\t\t
2\t\t\t301\t\t\t工资福利支出\t\t\t\t\t\t\t\t\t39108602.61\t\t\t39108602.61\t\t\t0.00\t\t\t0.00\t\t\t\t\t
3\t\t\t30101\t\t\t基本工资\t\t\t50101\t\t\t工资奖金津补贴\t\t\t6057979.20\t\t\t6057979.20\t\t\t0.00\t\t\t0.00\t\t\t\t\t
23\t\t\t302\t\t\t商品和服务支出\t\t\t\t\t\t\t\t\t46209272.50\t\t\t1252566.00\t\t\t3453876.50\t\t\t41502830.00\t\t\t\t\t
24 30201 办公费 50201 办公经费 802200.00 0.00 802200.00 0.00
25\t30201\t办公费\t50502\t商品和服务支出\t284020.00\t0.00\t284020.00\t0.00\t
"""


def test_rows_not_in_the_header_columns_are_laid_into_them():
    _, cells, _ = read(ROWS_NOT_IN_HEADER_COLUMNS, unit="元")
    got = {(c.subject_code, c.paired_code, c.measure): c.amount for c in cells if c.row_kind == "item"}
    # '24 30201 办公费 50201 办公经费 802200.00 0.00 802200.00 0.00'
    assert got[("30201", "50201", "合计")] == 802200.00 and got[("30201", "50201", "公用经费")] == 802200.00
    # '25\t30201\t办公费\t50502\t商品和服务支出\t284020.00\t0.00\t284020.00\t0.00\t'
    assert got[("30201", "50502", "合计")] == 284020.00 and got[("30201", "50502", "项目支出")] == 0.00
    # '3\t\t\t30101\t\t\t基本工资\t\t\t50101\t…\t6057979.20' in the spread columns
    assert got[("30101", "50101", "人员经费")] == 6057979.20


# 一般公共预算财政拨款基本支出决算表 of ../shared/corpus/pdf/sh-pt_7709dd0f29.pdf (page lines
# 214-227 as pdfplumber reads them): two 经济分类 groups side by side, each code printed in two
# columns 类 | 款 under one 科目编码 head, one 决算数 column per group
SIDE_BY_SIDE_SPLIT_CODES = """一般公共预算财政拨款基本支出决算表
单位：万元
经济分类\t\t科目名称\t决算数\t经济分类\t\t科目名称\t决算数
科目编码\t\t\t\t科目编码\t\t\t
类\t款\t\t\t类\t款\t\t
301\t\t工资福利支出\t2,082.85\t302\t\t商品和服务支出\t171.07
301\t01\t基本工资\t262.33\t302\t01\t办公费\t21.21
301\t02\t津贴补贴\t1,238.58\t302\t02\t印刷费\t7.61
301\t03\t奖金\t\t302\t03\t咨询费\t
301\t08\t机关事业单位基本养老保险缴费\t160.75\t302\t07\t邮电费\t4.88
"""


def test_side_by_side_groups_with_codes_in_two_columns():
    tables, cells, _ = parse(SIDE_BY_SIDE_SPLIT_CODES, stage="决算")
    assert tables[0].table_kind == "basic_econ"
    assert value(cells, "301", "决算数") == 2082.85  # '301 | | 工资福利支出 | 2,082.85'
    assert value(cells, "302", "决算数") == 171.07  # '302 | | 商品和服务支出 | 171.07'
    assert value(cells, "30101", "决算数") == 262.33  # '301 | 01 | 基本工资 | 262.33'
    assert value(cells, "30201", "决算数") == 21.21  # '302 | 01 | 办公费 | 21.21'
    assert value(cells, "30102", "决算数") == 1238.58  # '301 | 02 | 津贴补贴 | 1,238.58'
    assert value(cells, "30108", "决算数") == 160.75
    assert value(cells, "30207", "决算数") == 4.88  # '302 | 07 | 邮电费 | 4.88'
    assert value(cells, "30103", "决算数") is None  # 奖金 printed blank
    assert {c.subject_name for c in cells if c.subject_code == "30102"} == {"津贴补贴"}
