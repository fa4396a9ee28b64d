"""绩效 tables printed one project a row (ingest/performance/horizontal.py), on fragments copied
from real documents (../shared/corpus/txt; source files in manifest.tsv: 005 广州市生态环境局,
079 湖州市财政局, 004 重庆市水利局, 015 长沙 教育局, all 2026 部门预算). Expected values are the
printed cells, quoted beside each assertion."""

from __future__ import annotations

import hashlib

from ingest.model import DocumentInfo, SourceDocument
from ingest.parse_performance import parse_performance
from ingest.performance.horizontal import packed_indicators

INFO = DocumentInfo(doc_kind="预算", year=2026, unit_name="某局", unit_code=None, amount_unit="万元", title=None)


def _parse(text: str):
    doc = SourceDocument("f.txt", "f.txt", hashlib.sha256(text.encode()).hexdigest(), "utf-8", text.split("\n"))
    return parse_performance(doc, INFO)


def _inds(res, project_no):
    return [i for i in res.indicators if i.project_no == project_no]


# 005_69435baec9.txt lines 1-6
GUANGZHOU_PACKED = (
    "广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）\n"
    "部门名称：广州市生态环境局 单位：万元\n"
    "项目名称（资金使用单位）\t总计：\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
    "合计：\t37,367.86\t35,790.09\t\t1,577.77\t\t\n"
    "广州市生态环境局\t12,887.86\t12,887.86\t\t\t\t\n"
    "广州市镇（街）园区环保监督检查员经费（越秀区）\t238.00\t238.00\t\t\t通过开展广州市建立镇（街）园区环境保护监督检查员队伍，有利于强化落实镇（街）环境保护属地责任，健全完善环保监管责任体制，全面提升基层环保工作水平。\t1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数，年度指标值：≦核定人数；2、1－产出指标，12－质量指标，环境应急事件响应率；实施周期指标值：100%，年度指标值：100%;3、1－产出指标，12－质量指标，专职环保员队伍管理规范化；实施周期指标值：考察是否符合规范，合规得满分，不合规不得分。年度指标值：是；1、1－产出指标，13－时效指标，项目资金支付及时率；实施周期指标值：100%，年度指标值：100%;2、2－效益指标，22－社会效益，环保信访投诉办结率；实施周期指标值：≥90%，年度指标值：≥90%;3、2－效益指标，22－社会效益，辖区内污染源巡查率；实施周期指标值：≥80%，年度指标值：≥80%;\n"
)


# 079_c39bf8eca6.txt lines 598-607
HUZHOU_LIST = (
    "2026年市级部门项目支出绩效表\n"
    "341-湖州市财政局\n"
    "万元\n"
    "单位名称\t项目名称\t金额\t项目总体绩效目标\n"
    "**\t**\t**\t**\n"
    "\t\t1,266.75\t\n"
    "湖州市绿色财政研究服务中心\t财政服务综合业务管理\t120.00\t2026年，通过设立交警事故大队垫付窗口，实现道路交通事故社会救助基金抢救费用垫付“一件事”办理，保障救助基金管理机构正常运转，切实维护交通事故社会救助人的权益.\n"
    "湖州市财政票据管理中心\t财政票据综合管理\t10.00\t2026年，深入推进财政电子票据改革，做好推广、宣传、专项检查以及各项试点工作，对各单位票管员进行业务培训，以提高用票单位对电子票据业务的熟练掌握度。\n"
    "湖州市财政项目预算审核中心\t市级预算项目评审\t371.00\t2026年，运用专业技术手段和审核方法，对财政投资项目进行审核，全年完成审核目标100亿元，节约财政资金8亿元以上，保证财政投资审核工作质量，发挥社会中介机构对政府投资项目审核的作用，提高财政投资审核效率。\n"
    "湖州市财政局\t财政管理与改革\t110.00\t2026年，围绕各项重点工作任务，积极发挥财税职能作用，以更有力的措施促进湖州经济社会平稳健康发展；以“最多跑一次”改革和“上门服务至少一次”活动为引领，深入推进财政改革，带动其他领域开拓创新；加快构建我市的集中财力办大事财政政策体系，有效推进“两个高水平”建设、实现高质量超越发展的需要。\n"
)


# 004_05f59e7a87.txt lines 529-538
CHONGQING_GENERAL = (
    "年市级一般性项目绩效目标表（一级项目）\n"
    "2026\n"
    "资金主管部门：重庆市水利局 单位：万元\n"
    "序号\t项目名称\t当年财政拨款预算金额\t当年绩效目标\t指标名称\t指标性质\t指标值\t计量单位\t指标权重(%)\n"
    "1\t水利行业业务经费\t14,299.16\t按照相关管理办法推进项目实施，并按财政要求加快预算执行进度\t水质检验对象数量\t≥\t3060\t个次\t10\n"
    "\t\t\t\t发布重要水情专报\t≥\t50\t次数\t40\n"
    "\t\t\t\t水文资料整编准确率\t≥\t95\t%\t30\n"
    "\t\t\t\t机关食堂满意度\t≥\t80\t%\t10\n"
    "\t\t\t\t年度预算执行率\t=\t100\t%\t10\n"
    "— 33 —\n"
)


# 015_4a8c7eeabe.txt lines 339-359
CHANGSHA_WIDE = (
    "2026年项目支出绩效目标表\n"
    "单位名称：长沙职业教育基地综合协调办公室 单位：万元\n"
    "单位编码\t单位（项目）名称\t资金总额\t绩效目标\t绩效指标\t\t\t\t\t\t\t\t\n"
    "\t\t\t\t一级指标\t二级指标\t三级指标\t指标值\t指标值内容\t评（扣）分标准\t度量单位\t指标值类型\t备注\n"
    "合计\t\t270.00\t\t\t\t\t\t\t\t\t\t\n"
    "201056\t长沙职业教育基地综合协调办公室\t270.00\t\t\t\t\t\t\t\t\t\t\n"
    "201056\t经常性运转经费（水电气）\t270.00\t保障基地正常运转\t成本指标\t经济成本指标\t水费\t120\t水费财政拨款总费用\t偏离目标40%不得分；偏离目标30%得4分；偏离目标20%得6分；偏离10%得8分；无偏离得满分\t万元\t＝\t7\n"
    "\t\t\t\t\t\t电费\t140\t电费财政拨款总费用\t偏离目标40%不得分；偏离目标30%得4分；偏离目标20%得6分；偏离10%得8分；无偏离得满分\t万元\t＝\t7\n"
    "\t\t\t\t\t\t燃气费\t10\t燃气财政拨款总费用\t偏离目标40%不得分；偏离目标30%得4分；偏离目标20%得6分；偏离10%得8分；无偏离得满分\t万元\t＝\t6\n"
    "\t\t\t\t\t社会成本指标\t\t\t\t\t\t\t\n"
    "\t\t\t\t\t生态环境成本指标\t\t\t\t\t\t\t\n"
    "\t\t\t\t产出指标\t数量指标\t燃气用量\t38.61\t用燃气总量\t偏离目标40%不得分；偏离目标30%得4分；偏离目标20%得6分；偏离10%得8分；无偏离得满分\t万立方\t＝\t7\n"
    "\t\t\t\t\t\t用水量\t92.32\t用水总量\t偏离目标40%不得分；偏离目标30%得4分；偏离目标20%得6分；偏离10%得8分；无偏离得满分\t万吨\t＝\t7\n"
    "\t\t\t\t\t\t用电量\t653.99\t用电总量\t偏离目标40%不得分；偏离目标30%得4分；偏离目标20%得6分；偏离10%得8分；无偏离得满分\t万度\t＝\t7\n"
    "2026年项目支出绩效目标表\n"
    "单位名称：长沙职业教育基地综合协调办公室 单位：万元\n"
    "单位编码\t单位（项目）名称\t资金总额\t绩效目标\t绩效指标\t\t\t\t\t\t\t\t\n"
    "\t\t\t\t一级指标\t二级指标\t三级指标\t指标值\t指标值内容\t评（扣）分标准\t度量单位\t指标值类型\t备注\n"
    "201056\t经常性运转经费（水电气）\t270.00\t保障基地正常运转\t产出指标\t质量指标\t水电气设备运行安全率\t100\t水电气安全事故发生率\t偏离目标40%不得分；偏离目标30%得4分；偏离目标20%得6分；偏离10%得8分；无偏离得满分\t%\t＝\t7\n"
    "\t\t\t\t\t\t正常供水电气覆盖率\t100\t正常供水电气覆盖率\t偏离目标40%不得分；偏离目标30%得4分；偏离目标20%得6分；偏离10%得8分；无偏离得满分\t%\t＝\t7\n"
    "\t\t\t\t\t时效指标\t及时支付\t90\t及时支付率\t偏离目标40%不得分；偏离目标30%得4分；偏离目标20%得6分；偏离10%得8分；无偏离得满分\t%\t≥\t5\n"
)


def test_packed_indicator_cell():
    # 005_69435baec9 line 6: '1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数，年度指标值：≦核定人数；2、…'
    res = _parse("".join(GUANGZHOU_PACKED))
    assert [(p.project_name, p.unit_name, p.budget_wan, p.fiscal_wan) for p in res.projects] == [
        (
            "广州市镇（街）园区环保监督检查员经费（越秀区）",
            "广州市生态环境局",
            238.00,
            238.00,
        )  # under the unit row 广州市生态环境局 | 12,887.86
    ]
    rows = [(i.level1, i.level2, i.indicator_name, i.target_raw) for i in _inds(res, 1)]
    assert rows == [
        ("产出指标", "数量指标", "项目专职环保员数量", "≦核定人数"),
        ("产出指标", "质量指标", "环境应急事件响应率", "100%"),
        ("产出指标", "质量指标", "专职环保员队伍管理规范化", "是"),  # 实施周期指标值：考察是否符合规范…
        ("产出指标", "时效指标", "项目资金支付及时率", "100%"),
        ("效益指标", "社会效益", "环保信访投诉办结率", "≥90%"),
        ("效益指标", "社会效益", "辖区内污染源巡查率", "≥80%"),
    ]
    assert _inds(res, 1)[4].target_op == "≥" and _inds(res, 1)[4].target_value == 90


def test_packed_items_number_glued_to_the_level_code():
    # 005_69435baec9 line 76: the first item '1.4－成本指标' is item 1, level code 4
    items = packed_indicators(
        "1.4－成本指标，41－经济成本指标，项目支出成本控制率；实施周期指标值：≤0%，年度指标值：≤0%;"
        "2、1－产出指标，11－数量指标，成果报告数量；实施周期指标值：≥10份，年度指标值：≥10份；"
        "3、1－产出指标，11－数量指标，开展培训次数；实施周期指标值：不少于1次，年度指标值：不少于1次；"
    )
    assert items == [
        ("成本指标", "经济成本指标", "项目支出成本控制率", "≤0%", "≤0%"),
        ("产出指标", "数量指标", "成果报告数量", "≥10份", "≥10份"),
        ("产出指标", "数量指标", "开展培训次数", "不少于1次", "不少于1次"),
    ]


def test_list_with_a_unit_column():
    # 079_c39bf8eca6 lines 601-607: 单位名称 | 项目名称 | 金额 | 项目总体绩效目标; a '**' row and
    # the unlabeled total 1,266.75 are not projects
    res = _parse("".join(HUZHOU_LIST))
    assert [(p.unit_name, p.project_name, p.budget_wan) for p in res.projects] == [
        ("湖州市绿色财政研究服务中心", "财政服务综合业务管理", 120.00),
        ("湖州市财政票据管理中心", "财政票据综合管理", 10.00),
        ("湖州市财政项目预算审核中心", "市级预算项目评审", 371.00),
        ("湖州市财政局", "财政管理与改革", 110.00),
    ]
    assert res.projects[0].annual_goal.startswith("2026年，通过设立交警事故大队垫付窗口")
    assert res.indicators == []


def test_project_row_with_indicator_columns():
    # 004_05f59e7a87 lines 532-537: 序号 | 项目名称 | 当年财政拨款预算金额 | 当年绩效目标 | 指标名称 |
    # 指标性质 | 指标值 | 计量单位 | 指标权重(%); the project cells are blank on its later rows
    res = _parse("".join(CHONGQING_GENERAL))
    (p,) = res.projects
    assert (p.project_name, p.fiscal_wan, p.budget_wan) == ("水利行业业务经费", 14299.16, 14299.16)  # '14,299.16'
    rows = [(i.indicator_name, i.target_raw, i.target_op, i.target_value, i.target_unit, i.weight) for i in res.indicators]
    assert rows == [
        ("水质检验对象数量", "≥3060个次", "≥", 3060, "个次", 10),
        ("发布重要水情专报", "≥50次数", "≥", 50, "次数", 40),
        ("水文资料整编准确率", "≥95%", "≥", 95, "%", 30),  # '≥ | 95 | % | 30'
        ("机关食堂满意度", "≥80%", "≥", 80, "%", 10),
        ("年度预算执行率", "=100%", "=", 100, "%", 10),
    ]
    assert sum(i.weight for i in res.indicators) == 100  # 指标权重(%)


def test_wide_grid_with_a_two_row_header_continued_on_the_next_page():
    # 015_4a8c7eeabe lines 339-359: the unit row (201056 | 长沙职业教育基地综合协调办公室 | 270.00)
    # names the unit; the project row is printed again under the repeated title (line 357)
    res = _parse("".join(CHANGSHA_WIDE))
    (p,) = res.projects
    assert (p.project_name, p.unit_name, p.budget_wan) == ("经常性运转经费（水电气）", "长沙职业教育基地综合协调办公室", 270.00)
    assert p.annual_goal == "保障基地正常运转"
    rows = [
        (338 + i.line_no, i.level1, i.level2, i.indicator_name, i.target_raw, i.weight) for i in res.indicators
    ]  # fragment line 1 = line 339
    assert rows == [
        (345, "成本指标", "经济成本指标", "水费", "=120万元", None),  # 120 | … | 万元 | ＝ | 7 (备注, not a weight)
        (346, "成本指标", "经济成本指标", "电费", "=140万元", None),
        (347, "成本指标", "经济成本指标", "燃气费", "=10万元", None),
        (350, "产出指标", "数量指标", "燃气用量", "=38.61万立方", None),
        (351, "产出指标", "数量指标", "用水量", "=92.32万吨", None),  # 92.32 | 用水总量 | … | 万吨 | ＝
        (352, "产出指标", "数量指标", "用电量", "=653.99万度", None),
        (357, "产出指标", "质量指标", "水电气设备运行安全率", "=100%", None),
        (358, "产出指标", "质量指标", "正常供水电气覆盖率", "=100%", None),
        (359, "产出指标", "时效指标", "及时支付", "≥90%", None),  # 90 | 及时支付率 | … | % | ≥ | 5
    ]
    assert res.indicators[0].basis.endswith("备注：7")
    assert res.indicators[0].description == "水费财政拨款总费用"  # 指标值内容
