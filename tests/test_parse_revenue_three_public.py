"""收支总表 revenue lines and "三公" tables as real templates print them.

Each fragment is copied from a corpus document (../shared/corpus/txt/<name>.txt, source path in
../shared/corpus/manifest.tsv), cut to the columns that matter (for a 收支总表, the income side's
label and amount and the expenditure side's first two cells); the expected values are read from
the printed lines quoted beside them.
"""

from __future__ import annotations

from ingest.financial import parse_financial_table
from ingest.model import SourceDocument
from ingest.segment import segment_tables


def _parse(text: str, stage: str = "预算", unit: str = "万元", year: int | None = 2026):
    doc = SourceDocument("fragment.txt", "fragment.txt", "0" * 64, "utf-8", text.split("\n"))
    tables = segment_tables(doc, unit)
    cells = [c for t in tables for c in parse_financial_table(t, stage, year)]
    return tables, cells


def _revenue(text: str):
    """(items by revenue type, summed as fct_revenue does; parents by label; totals by label)."""
    _, cells = _parse(text)
    items: dict[str, float] = {}
    for c in cells:
        if c.subject_scheme == "revenue" and c.row_kind == "item":
            items[c.subject_code] = round(items.get(c.subject_code, 0.0) + c.amount, 2)
    parents = {c.subject_name: c.amount for c in cells if c.row_kind == "parent"}
    totals = {c.subject_name: c.amount for c in cells if c.row_kind == "total"}
    return items, parents, totals


# 003_10b50f71e0 (深圳 2026 医疗保障局) L245-278: 一、财政拨款 over 1./2./3. lines, 三、单位资金
# over 1.事业收入 … 5.其他收入, and after 本年收入合计 上年结余、结转 over its two parts
SHENZHEN_SUMMARY = """收支总表
部门名称：深圳市医疗保障局（本级） 单位：万元
收 入\t\t支 出\t
项 目\t2026年预算数\t项 目\t2026年预算数
一、财政拨款\t13,607.02\t一、社会保障和就业支出\t1,101.93
1.一般公共预算拨款\t13,607.02\t行政事业单位养老支出\t1,099.38
2.政府性基金预算拨款\t0.00\t行政单位离退休\t149.61
3.国有资本经营预算拨款\t0.00\t机关事业单位基本养老保险缴费支出\t646.37
二、财政专户管理资金\t0.00\t机关事业单位职业年金缴费支出\t303.40
三、单位资金\t1,725.63\t抚恤\t2.55
1.事业收入\t0.00\t死亡抚恤\t2.55
2.事业单位经营收入\t0.00\t二、卫生健康支出\t11,823.02
3.上级补助收入\t0.00\t行政事业单位医疗\t262.62
4.附属单位上缴收入\t0.00\t行政单位医疗\t262.62
5.其他收入\t1,725.63\t医疗保障管理事务\t11,560.40
\t\t行政运行\t7,517.14
- 13 -
表1
收支总表
部门名称：深圳市医疗保障局（本级） 单位：万元
收 入\t\t支 出\t
项 目\t2026年预算数\t项 目\t2026年预算数
\t\t信息化建设\t347.33
\t\t医疗保障政策管理\t1,970.30
\t\t其他医疗保障管理事务支出\t1,725.63
\t\t三、住房保障支出\t2,555.31
\t\t住房改革支出\t2,555.31
\t\t住房公积金\t667.18
\t\t购房补贴\t1,888.13
本年收入合计\t15,332.65\t本年支出合计\t15,480.26
上年结余、结转\t147.61\t结转下年\t0.00
1.财政拨款结余、结转\t147.61\t\t
2.非财政拨款结余、结转\t0.00\t\t
收入总计\t15,480.26\t支出总计\t15,480.26
"""


def test_parent_lines_are_counted_through_their_parts_never_both():
    items, parents, totals = _revenue(SHENZHEN_SUMMARY)
    assert items == {
        "一般公共预算财政拨款收入": 13607.02,  # 1.一般公共预算拨款⇥13,607.02
        "政府性基金预算财政拨款收入": 0.00,  # 2.政府性基金预算拨款⇥0.00
        "国有资本经营预算财政拨款收入": 0.00,
        "财政专户管理资金收入": 0.00,  # 二、财政专户管理资金⇥0.00
        "事业收入": 0.00,
        "事业单位经营收入": 0.00,
        "上级补助收入": 0.00,
        "附属单位上缴收入": 0.00,
        "其他收入": 1725.63,  # 5.其他收入⇥1,725.63
        "上年结转结余": 147.61,  # 1.财政拨款结余、结转⇥147.61 + 2.非财政拨款结余、结转⇥0.00
    }
    # 一、财政拨款⇥13,607.02 / 三、单位资金⇥1,725.63 / 上年结余、结转⇥147.61: printed, not summed
    assert parents == {"财政拨款": 13607.02, "单位资金": 1725.63, "上年结余、结转": 147.61}
    assert totals == {"本年收入合计": 15332.65, "收入总计": 15480.26}
    assert round(sum(items.values()), 2) == totals["收入总计"]


# 025_27ae807471 (烟台 2026 住房和城乡建设局) L111-146: unnumbered parts under 一、财政拨款收入;
# 上级补助收入 printed below 本年收入合计 (a part of 收入总计 only)
YANTAI_SUMMARY = """收支总体情况表
部门（单位）：烟台市住房和城乡建设局 单位：万元
收 入\t\t支 出\t
项目\t预算数\t项目\t预算数
一、财政拨款收入\t45,832.29\t一、一般公共服务支出\t
一般公共预算收入\t41,966.15\t二、外交支出\t
政府性基金预算收入\t3,806.19\t三、公共安全支出\t
国有资本经营预算收入\t59.95\t四、教育支出\t19,804.44
二、财政专户管理资金收入\t\t五、科学技术支出\t
三、事业收入（不含教育收费）\t\t六、文化旅游体育与传媒支出\t
四、事业单位经营收入\t\t七、社会保障和就业支出\t3,888.11
五、其他收入\t75.00\t八、卫生健康支出\t774.22
\t\t九、节能环保支出\t
\t\t十、城乡社区支出\t12,654.97
\t\t十一、农林水支出\t15.00
\t\t十二、交通运输支出\t
\t\t十三、资源勘探工业信息等支出\t
\t\t十四、商业服务业等支出\t
\t\t十五、金融支出\t
\t\t十六、自然资源海洋气象等支出\t
\t\t十七、住房保障支出\t8,770.59
\t\t十八、粮油物资储备支出\t
\t\t十九、国有资本经营预算支出\t59.95
\t\t二十、灾害防治及应急管理支出\t
\t\t二十一、其他支出\t
\t\t\t
\t\t\t
\t\t\t
\t\t\t
本 年 收 入 合 计\t45,907.29\t本 年 支 出 合 计\t45,967.29
\t\t\t
上级补助收入\t60.00\t\t
附属单位上缴收入\t\t对附属单位的补助支出\t
使用非财政拨款结余\t\t上缴上级支出\t
上年结转\t\t结转下年\t
收 入 总 计\t45,967.29\t支 出 总 计\t45,967.29
"""


def test_unnumbered_parts_under_a_numbered_appropriation_line():
    items, parents, totals = _revenue(YANTAI_SUMMARY)
    assert items == {
        "一般公共预算财政拨款收入": 41966.15,  # 一般公共预算收入⇥41,966.15
        "政府性基金预算财政拨款收入": 3806.19,  # 政府性基金预算收入⇥3,806.19
        "国有资本经营预算财政拨款收入": 59.95,  # 国有资本经营预算收入⇥59.95
        "其他收入": 75.00,  # 五、其他收入⇥75.00
        "上级补助收入": 60.00,  # 上级补助收入⇥60.00 (below 本 年 收 入 合 计)
    }
    assert parents == {"财政拨款收入": 45832.29}  # 一、财政拨款收入⇥45,832.29
    assert totals == {"本年收入合计": 45907.29, "收入总计": 45967.29}


# 004_5c6aea1e79 (重庆 2026 商务委员会) L277-291: 合计 printed first, and the 、 of every
# numbering moved to the end of the label ('一 一般公共预算资金、')
CHONGQING_SUMMARY = """年部门收支总体情况表
2026
单位名称 重庆市商务委员会 单位 万元
收入\t\t支出\t
项 目\t预 算 数\t项 目\t预 算 数
合 计\t174,900.64\t合 计\t174,900.64
一 一般公共预算资金、\t101,833.84\t一 一般公共服务支出、\t23,103.76
二 政府性基金预算资金、\t41,534.73\t二 教育支出、\t55,670.32
三 国有资本经营预算资金、\t\t三 社会保障和就业支出、\t7,686.68
四 财政专户管理资金、\t22,070.82\t四 卫生健康支出、\t1,872.52
五 事业收入资金、\t2,461.25\t五 资源勘探工业信息等支出、\t41,772.73
六 上级补助收入资金、\t\t六 商业服务业等支出、\t42,846.68
七 附属单位上缴收入资金、\t\t七 住房保障支出、\t1,947.94
八 事业单位经营收入资金、\t6,282.98\t\t
九 其他收入资金、\t717.01\t\t
"""


def test_fund_lines_with_moved_numbering_and_the_total_first():
    items, parents, totals = _revenue(CHONGQING_SUMMARY)
    assert items == {
        "一般公共预算财政拨款收入": 101833.84,  # 一 一般公共预算资金、⇥101,833.84
        "政府性基金预算财政拨款收入": 41534.73,  # 二 政府性基金预算资金、⇥41,534.73
        "财政专户管理资金收入": 22070.82,  # 四 财政专户管理资金、⇥22,070.82
        "事业收入": 2461.25,  # 五 事业收入资金、⇥2,461.25
        "事业单位经营收入": 6282.98,  # 八 事业单位经营收入资金、⇥6,282.98
        "其他收入": 717.01,  # 九 其他收入资金、⇥717.01
    }
    assert parents == {}
    assert totals == {"合计": 174900.64}  # 合 计⇥174,900.64 (the items sum to 174,900.63)


# 020_891d54ad6c (西安 2019 应急管理局) L25-66: three levels (一、部门预算 blank > 1、财政拨款 >
# (1)一般公共预算拨款收入), 其中 lines, and two carry-over lines side by side
XIAN_2019_SUMMARY = """2019年部门综合预算收支总表
单位：万元
收 入\t\t支 出\t
项 目\t预算数\t支出功能分类科目（按大类）\t部门预预算算数支
一、部门预算\t\t一、部门预算\t
1、财政拨款\t3,643.37\t1、一般公共服务\t
(1)一般公共预算拨款收入\t3,643.37\t2、外交\t
其中：专项资金列入部门预算的项目\t\t3、国防\t
(2)政府性基金收入\t\t4、公共安全\t
(3)国有资本经营预算收入\t\t5、教育\t
2、上级补助收入\t\t6、科学技术\t
3、事业收入\t\t7、文化旅游体育与传媒\t
其中：纳入财政专户管理的收费\t\t8、社会保障和就业\t183.60
4、事业单位经营收入\t\t9、社会保险基金\t
5、下级单位上缴收入\t\t10、卫生健康\t30.81
6、其他收入\t\t11、节能环保\t
\t\t12、城乡社区\t
\t\t13、农林水\t
\t\t14、交通运输\t
\t\t15、资源勘探信息等\t
\t\t16、商业服务业等\t
\t\t17、金融\t
\t\t18、援助其他地区\t
\t\t19、自然资源海洋气象等\t
\t\t20、住房保障\t157.42
\t\t21、粮油物资储备\t
\t\t22、国有资本经营预算\t
\t\t23、灾害防治及应急管理\t3,271.54
\t\t24、预备费\t
\t\t25、其他支出\t
\t\t26、转移性支出\t
\t\t27、债务还本支出\t
\t\t28、债务付息支出\t
\t\t29、债务发行费用支出\t
本年收入合计\t3,643.37\t本年支出合计\t3,643.37
用事业基金弥补收支差额\t\t结转下年\t52.54
上年实户资金余额\t40.93\t未安排支出的实户资金\t
上年结转\t11.61\t\t
其中：财政拨款资金结转\t11.61\t\t
非财政拨款资金结余\t\t\t
\t\t\t
收入总计\t3,695.91\t支出总计\t3,695.91
"""


def test_three_levels_of_numbering_and_two_carry_over_lines():
    tables, cells = _parse(XIAN_2019_SUMMARY)
    assert [t.table_kind for t in tables] == ["summary"]
    items, parents, totals = _revenue(XIAN_2019_SUMMARY)
    assert items == {
        "一般公共预算财政拨款收入": 3643.37,  # (1)一般公共预算拨款收入⇥3,643.37
        "上年结转结余": 52.54,  # 上年实户资金余额⇥40.93 + 上年结转⇥11.61
    }
    assert parents == {"财政拨款": 3643.37}  # 1、财政拨款⇥3,643.37
    assert totals == {"本年收入合计": 3643.37, "收入总计": 3695.91}
    # 其中：财政拨款资金结转⇥11.61 is inside 上年结转: recorded, never summed
    assert [(c.row_kind, c.amount) for c in cells if c.subject_name.startswith("其中")] == [("other", 11.61)]


# 077_cd78d6eead (珠海 2026 商务局) L101-135: 一、预算拨款, not split by budget
ZHUHAI_SUMMARY = """收支总体情况表
单位名称：珠海市商务局 单位：万元
收入\t\t支出\t
项目\t预算\t项目\t预算
一、预算拨款\t46,402.33\t一、一般公共服务支出\t42,753.31
二、财政专户拨款\t0.00\t二、外交支出\t0.00
三、事业收入\t0.00\t三、国防支出\t0.00
四、事业单位经营收入\t0.00\t四、公共安全支出\t0.00
五、其他收入\t1.64\t五、教育支出\t0.00
六、上级补助收入\t0.00\t六、科学技术支出\t0.00
七、附属单位上缴收入\t0.00\t七、文化旅游体育与传媒支出\t0.00
\t\t八、社会保障和就业支出\t2,366.15
\t\t九、卫生健康支出\t185.89
\t\t十、节能环保支出\t0.00
\t\t十一、城乡社区支出\t0.00
\t\t十二、农林水支出\t0.00
\t\t十三、交通运输支出\t0.00
\t\t十四、资源勘探工业信息等支出\t97.80
\t\t十五、商业服务业等支出\t20,904.83
\t\t十六、金融支出\t0.00
\t\t十七、援助其他地区支出\t0.00
\t\t十八、自然资源海洋气象等支出\t0.00
\t\t十九、住房保障支出\t0.00
\t\t二十、国有资本经营预算支出\t0.00
\t\t二十一、粮油物资储备支出\t0.00
\t\t二十二、灾害防治及应急管理支出\t0.00
- 4 -
收入\t\t支出\t
项目\t预算\t项目\t预算
\t\t二十三、其他支出\t0.00
\t\t二十四、对附属单位补助支出\t0.00
\t\t二十五、上缴上级支出\t0.00
本年收入合计\t46,403.97\t本年支出合计\t66,307.98
上年结转结余\t19,904.01\t结转结余下年\t0.00
收入总计\t66,307.98\t支出总计\t66,307.98
"""


def test_appropriations_not_split_by_budget_are_one_line():
    items, parents, totals = _revenue(ZHUHAI_SUMMARY)
    assert items["财政拨款收入"] == 46402.33  # 一、预算拨款⇥46,402.33
    assert items["其他收入"] == 1.64  # 五、其他收入⇥1.64
    assert items["上年结转结余"] == 19904.01  # 上年结转结余⇥19,904.01
    assert "一般公共预算财政拨款收入" not in items  # its split is not printed here: not guessed
    assert totals == {"本年收入合计": 46403.97, "收入总计": 66307.98}
    assert round(sum(items.values()), 2) == totals["收入总计"]


# 001_1a99015595 (上海 2026 交通职业技术学院) L58-75, whole lines: `三、事业单位经营收入` prints its
# label only (blank cells after it); the lines below it and 收入总计 are still the table's
SHANGHAI_SUMMARY = """2026年预算单位财务收支预算总表
编制单位：上海交通职业技术学院 单位：元
本年收入\t\t本年支出\t\t\t\t
项目\t预算数\t项目\t预算数\t\t\t
\t\t\t合计\t基本支出\t\t项目支出
\t\t\t\t人员经费\t公用经费\t
一、财政拨款收入\t304,413,900\t一、教育支出\t326,658,710\t150,119,030\t104,154,210\t72,385,470
1、一般公共预算\t304,413,900\t二、社会保障和就业支出\t48,817,900\t46,103,900\t2,714,000\t
2、政府性基金预算\t\t三、卫生健康支出\t15,502,390\t15,502,390\t\t
3、国有资本经营预算\t\t四、住房保障支出\t17,717,000\t17,717,000\t\t
二、事业收入\t50,000,000\t\t\t\t\t
三、事业单位经营收入\t\t\t\t\t\t
四、其他收入\t54,282,100\t\t\t\t\t
\t\t\t\t\t\t
\t\t\t\t\t\t
\t\t\t\t\t\t
\t\t\t\t\t\t
收入总计\t408,696,000\t支出总计\t408,696,000\t229,442,320\t106,868,210\t72,385,470
"""


def test_a_label_printing_no_amount_does_not_end_the_table():
    tables, _ = _parse(SHANGHAI_SUMMARY, unit="元")
    assert [(t.table_kind, t.line_end) for t in tables] == [("summary", 18)]  # 收入总计, L75 of the file
    items, parents, totals = _revenue(SHANGHAI_SUMMARY)
    assert items == {
        "一般公共预算财政拨款收入": 304413900,  # 1、一般公共预算⇥304,413,900
        "事业收入": 50000000,  # 二、事业收入⇥50,000,000
        "其他收入": 54282100,  # 四、其他收入⇥54,282,100 (below 三、事业单位经营收入⇥⇥⇥⇥⇥⇥)
    }
    assert parents == {"财政拨款收入": 304413900}  # 一、财政拨款收入⇥304,413,900
    assert totals == {"收入总计": 408696000}  # 收入总计⇥408,696,000


def _three_public(text: str, stage: str = "预算", unit: str = "万元", year: int | None = 2026):
    """{(stage, item): amount} of the "三公" cells, and the kinds of row they were read as."""
    _, cells = _parse(text, stage, unit, year)
    cells = [c for c in cells if c.subject_scheme == "three_public"]
    got = {(c.measure, c.subject_code): round(c.amount, 2) for c in cells}
    assert len(got) == len(cells), "one cell per stage and item"
    return got


# 001_1a99015595 (上海 2026 交通职业技术学院) L223-228: the items in 上海's own order (合计, 出国,
# 接待, 车 小计 / 购置费 / 运行费), and 机关运行经费 beside them
SHANGHAI_THREE_PUBLIC = """2026年单位“三公”经费和机关运行经费预算表
编制单位：上海交通职业技术学院 单位:万元
“三公”经费预算数\t\t\t\t\t\t机关运行经费预算数
合计\t因公出国(境)费\t公务接待费\t公务用车购置及运行费\t\t\t
\t\t\t小计\t购置费\t运行费\t
67.59\t35.00\t12.49\t20.10\t\t20.10\t
"""


def test_three_public_columns_are_read_by_their_labels_not_their_position():
    assert _three_public(SHANGHAI_THREE_PUBLIC) == {
        ("预算", "合计"): 67.59,  # 合计⇥…  67.59
        ("预算", "因公出国(境)费"): 35.00,  # 因公出国(境)费 35.00
        ("预算", "公务接待费"): 12.49,  # 公务接待费 12.49 (third column)
        ("预算", "公务用车购置及运行维护费"): 20.10,  # 公务用车购置及运行费 / 小计 20.10
        ("预算", "公务用车运行维护费"): 20.10,  # 运行费 20.10 (购置费 blank; 机关运行经费 blank)
    }


# 003_08cc7487b7 (深圳 2026 交通运输局) L821-829: one row per year (2025年 / 2026年 / 增减变化金额),
# each item split into 一般公共预算 / 政府性基金预算 / 国有资本经营预算 sub-columns
SHENZHEN_THREE_PUBLIC = """财政拨款“三公”经费支出表
部门名称：深圳市交通运输局（本级） 单位：万元
预算单位\t年度\t总计\t\t\t因公出国(境)费\t\t\t公务接待费\t\t\t公务用车购置及运行维护费\t\t\t\t\t\t\t\t
\t\t\t\t\t\t\t\t\t\t\t小计\t\t\t公务用车购置费\t\t\t公务用车运行维护费\t\t
\t\t一般公共预算\t政府性基金预算\t国有资本经营预算\t一般公共预算\t政府性基金预算\t国有资本经营预算\t一般公共预算\t政府性基金预算\t国有资本经营预算\t一般公共预算\t政府性基金预算\t国有资本经营预算\t一般公共预算\t政府性基金预算\t国有资本经营预算\t一般公共预算\t政府性基金预算\t国有资本经营预算
深圳市交通运输局（本级）\t2025年\t176.01\t0.00\t0.00\t129.80\t0.00\t0.00\t15.11\t0.00\t0.00\t31.10\t0.00\t0.00\t0.00\t0.00\t0.00\t31.10\t0.00\t0.00
\t2026年\t147.90\t0.00\t0.00\t115.00\t0.00\t0.00\t5.10\t0.00\t0.00\t27.80\t0.00\t0.00\t0.00\t0.00\t0.00\t27.80\t0.00\t0.00
\t增减变化金额\t-28.11\t0.00\t0.00\t-14.80\t0.00\t0.00\t-10.01\t0.00\t0.00\t-3.30\t0.00\t0.00\t0.00\t0.00\t0.00\t-3.30\t0.00\t0.00
注：本套报表金额单位转换时可能存在尾数误差。
"""


def test_three_public_row_of_the_documents_year_and_fund_sub_columns_summed():
    got = _three_public(SHENZHEN_THREE_PUBLIC)
    assert got == {
        ("预算", "合计"): 147.90,  # ⇥2026年⇥147.90⇥0.00⇥0.00 (总计)
        ("预算", "因公出国(境)费"): 115.00,  # ⇥115.00⇥0.00⇥0.00
        ("预算", "公务接待费"): 5.10,
        ("预算", "公务用车购置及运行维护费"): 27.80,
        ("预算", "公务用车购置费"): 0.00,
        ("预算", "公务用车运行维护费"): 27.80,
    }
    assert _three_public(SHENZHEN_THREE_PUBLIC, year=2025)[("预算", "合计")] == 176.01  # the 2025年 row
    assert _three_public(SHENZHEN_THREE_PUBLIC, year=None) == {}  # which row is this year's: not guessed


# 008_7b5fe2e169 (杭州 2026 气象局) L453-461: a 合计 line, then one line per budget unit
HANGZHOU_THREE_PUBLIC = """表7：2026年市级部门一般公共预算“三公”经费预算表
部门名称：杭州市气象局 单位：万元
单位名称\t“三公”经费合计\t因公出国(境)费用\t公务用车购置及运行费\t\t\t公务接待费
\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t
**\t1\t2\t3\t4\t5\t6
合计\t24.02\t\t18.00\t\t18.00\t6.02
杭州市气象局\t13.13\t\t7.20\t\t7.20\t5.93
杭州市气象服务中心（杭州市预警信息发布中心）\t10.89\t\t10.80\t\t10.80\t0.09
注：不含教学科研人员学术交流因公出国（境）费用。
"""


def test_three_public_by_unit_reads_the_total_line_only():
    assert _three_public(HANGZHOU_THREE_PUBLIC) == {
        ("预算", "合计"): 24.02,  # 合计⇥24.02⇥⇥18.00⇥⇥18.00⇥6.02 (not + 13.13 + 10.89 of the units)
        ("预算", "公务用车购置及运行维护费"): 18.00,
        ("预算", "公务用车运行维护费"): 18.00,
        ("预算", "公务接待费"): 6.02,
    }


# 015_5c96c5f19d (长沙 2026 信访局) L339-345: 公务接待费 before 因公出国, 其中 columns for the vehicle
CHANGSHA_THREE_PUBLIC = """2026年一般公共预算“三公”经费支出情况表
部门名称：长沙市信访局 单位：万元
部门名称\t三公经费预（决）算数（财政拨款）\t\t\t\t\t
\t小计\t公务接待费\t因公出国（境）费\t公务用车购置及运行费\t其中：公务用车购置\t其中：公务用车运行费
合计\t8.00\t3.00\t\t5.00\t\t5.00
长沙市信访局\t8.00\t3.00\t\t5.00\t\t5.00
注：本表反映部门本年度 2026年公共财政拨款"三公"经费情况，此表如无数字则表示单位无该项支出。
"""


def test_three_public_in_another_column_order():
    assert _three_public(CHANGSHA_THREE_PUBLIC) == {
        ("预算", "合计"): 8.00,  # 合计⇥8.00⇥3.00⇥⇥5.00⇥⇥5.00
        ("预算", "公务接待费"): 3.00,
        ("预算", "公务用车购置及运行维护费"): 5.00,
        ("预算", "公务用车运行维护费"): 5.00,  # 其中：公务用车运行费
    }


# 020_2a3502793b (西安 2026 信访局) L507-515: 上年 | 当年 | 增减变化情况 blocks, each with a 合计 that
# counts 会议费 and 培训费 beside the "三公" 小计
XIAN_THREE_PUBLIC = """部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表
单位：元
单位编码\t单位名称\t上年\t\t\t\t\t\t\t\t\t当年\t\t\t\t\t\t\t\t\t增减变化情况\t\t\t\t\t\t\t\t
\t\t合计\t一般公共预算拨款安排的“三公”经费预算\t\t\t\t\t\t会议费\t培训费\t合计\t一般公共预算拨款安排的“三公”经费预算\t\t\t\t\t\t会议费\t培训费\t合计\t一般公共预算拨款安排的“三公”经费预算\t\t\t\t\t\t会议费\t培训费
\t\t\t小计\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\t\t\t\t\t\t小计\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\t\t\t\t\t\t小计\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\t\t\t\t
\t\t\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t
合计\t\t242,000.00\t120,000.00\t\t20,000.00\t100,000.00\t\t100,000.00\t\t122,000.00\t320,800.00\t101,000.00\t\t10,000.00\t91,000.00\t\t91,000.00\t\t219,800.00\t78,800.00\t-19,000.00\t\t-10,000.00\t-9,000.00\t\t-9,000.00\t\t97,800.00
121\t西安市信访局\t242,000.00\t120,000.00\t\t20,000.00\t100,000.00\t\t100,000.00\t\t122,000.00\t320,800.00\t101,000.00\t\t10,000.00\t91,000.00\t\t91,000.00\t\t219,800.00\t78,800.00\t-19,000.00\t\t-10,000.00\t-9,000.00\t\t-9,000.00\t\t97,800.00
121001\t西安市信访局\t242,000.00\t120,000.00\t\t20,000.00\t100,000.00\t\t100,000.00\t\t122,000.00\t320,800.00\t101,000.00\t\t10,000.00\t91,000.00\t\t91,000.00\t\t219,800.00\t78,800.00\t-19,000.00\t\t-10,000.00\t-9,000.00\t\t-9,000.00\t\t97,800.00
"""


def test_three_public_this_years_block_without_meeting_and_training_costs():
    assert _three_public(XIAN_THREE_PUBLIC, unit="元") == {
        ("预算", "合计"): 101000.00,  # 当年 "三公" 小计 101,000.00 (not 当年 合计 320,800.00)
        ("预算", "公务接待费"): 10000.00,
        ("预算", "公务用车购置及运行维护费"): 91000.00,
        ("预算", "公务用车运行维护费"): 91000.00,  # (上年: 120,000.00 / 20,000.00 / 100,000.00)
    }


# 025_8bfe1f025c (烟台 2026 教育局) L443-448: 2025年预算数 | 2026年预算数 blocks side by side
YANTAI_THREE_PUBLIC = """一般公共预算“三公”经费支出情况表
部门（单位）：烟台市教育局 单位：万元
2025年预算数\t\t\t\t\t\t2026年预算数\t\t\t\t\t
合计\t因公出国（境）经费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）经费\t公务用车购置及运行维护费\t\t\t公务接待费
\t\t小计\t公务用车购置经费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置经费\t公务用车运行维护费\t
21.00\t\t6.70\t\t6.70\t14.30\t10.00\t\t6.50\t\t6.50\t3.50
"""


def test_three_public_block_of_the_documents_year():
    assert _three_public(YANTAI_THREE_PUBLIC) == {
        ("预算", "合计"): 10.00,  # 2026年预算数: 10.00⇥⇥6.50⇥⇥6.50⇥3.50
        ("预算", "公务用车购置及运行维护费"): 6.50,
        ("预算", "公务用车运行维护费"): 6.50,
        ("预算", "公务接待费"): 3.50,  # (2025: 14.30)
    }


# 006_814bd14603 (苏州 2026 自然资源和规划局) L477-481: 会议费 and 培训费 columns after the items
SUZHOU_THREE_PUBLIC = """一般公共预算“三公”经费、会议费、培训费支出表
部门：苏州市自然资源和规划局 单位：万元
“三公”经费合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t会议费\t培训费
\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t
43.80\t0.00\t7.80\t0.00\t7.80\t36.00\t26.60\t56.05
"""


def test_meeting_and_training_costs_are_not_three_public():
    got = _three_public(SUZHOU_THREE_PUBLIC)
    assert got[("预算", "合计")] == 43.80  # “三公”经费合计 43.80 = 0.00 + 7.80 + 36.00
    assert got[("预算", "公务接待费")] == 36.00
    assert 26.60 not in got.values() and 56.05 not in got.values()  # 会议费 26.60, 培训费 56.05


# 005_232c31967d (广州 2026 气象局) L303-313: items as lines (tall), funds as columns; the line
# “三公”经费 is their 合计, 行政经费 above it is not "三公"
GUANGZHOU_THREE_PUBLIC = """财政拨款安排的行政经费及“三公”经费预算表
单位名称：广州市气象局 单位：万元
项目\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算
行政经费\t523.62\t523.62\t0.00\t0.00
“三公”经费\t26.11\t26.11\t0.00\t0.00
其中：（一）因公出国（境）支出\t0.00\t0.00\t0.00\t0.00
（二）公务用车购置及运行维护支出\t24.80\t24.80\t0.00\t0.00
1.公务用车购置费\t0.00\t0.00\t0.00\t0.00
2.公务用车运行维护费\t24.80\t24.80\t0.00\t0.00
（三）公务接待费支出\t1.31\t1.31\t0.00\t0.00
注：无。
"""


def test_tall_layout_reads_the_three_public_line_as_the_total():
    assert _three_public(GUANGZHOU_THREE_PUBLIC) == {
        ("预算", "合计"): 26.11,  # “三公”经费⇥26.11 (合计 column)
        ("预算", "因公出国(境)费"): 0.00,
        ("预算", "公务用车购置及运行维护费"): 24.80,
        ("预算", "公务用车购置费"): 0.00,
        ("预算", "公务用车运行维护费"): 24.80,
        ("预算", "公务接待费"): 1.31,
    }


# data/samples/extra/fs_gdjtj_2019_juesuan.txt (佛山 2019 决算) L329-335: 预算数 | 决算数 blocks
FOSHAN_FINAL_THREE_PUBLIC = """一般公共预算财政拨款“三公”经费支出决算表
部门： 佛山市轨道交通局  单位：万元
预算数\t\t\t\t\t\t决算数\t\t\t\t\t
合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费
\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t
1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12
0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.16\t0.00\t0.00\t0.00\t0.00\t0.16
"""


def test_a_final_account_keeps_the_budget_column_as_budget_and_the_actual_as_final():
    got = _three_public(FOSHAN_FINAL_THREE_PUBLIC, stage="决算", year=2019)
    assert got[("预算", "合计")] == 0.00  # 预算数 block: 0.00⇥0.00⇥…
    assert got[("决算", "合计")] == 0.16  # 决算数 block: 0.16⇥0.00⇥0.00⇥0.00⇥0.00⇥0.16
    assert got[("决算", "公务接待费")] == 0.16
