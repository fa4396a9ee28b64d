"""Performance tables (绩效目标表 / 绩效自评表): value parsing, each layout on a fragment copied
from a sample document, and whole-sample checks.

Expected values were read from the documents by eye (the printed cells), not from the
parser's output.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ingest.model import DocumentInfo, SourceDocument
from ingest.parse_performance import parse_performance
from ingest.perf_values import achieved, is_value_like, normalize_operator, parse_indicator_value
from ingest.text import read_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "performance"
INFO = DocumentInfo(doc_kind=None, year=None, unit_name="某单位", unit_code=None, amount_unit="万元", title=None)


def _doc(text: str, name: str = "fragment.txt") -> SourceDocument:
    return SourceDocument(name, name, hashlib.sha256(text.encode()).hexdigest(), "utf-8", text.split("\n"))


def _parse_text(text: str):
    return parse_performance(_doc(text), INFO)


def _parse_fixture(name: str):
    return parse_performance(read_document(FIXTURES / name), INFO)


def _parse_sample(rel: str):
    path = SAMPLES / rel
    if not path.exists():
        pytest.skip(f"sample {rel} not shipped")
    return parse_performance(read_document(path), INFO)


def _inds(result, project_no: int):
    return [i for i in result.indicators if i.project_no == project_no]


def _row(ind):
    return (ind.level1, ind.level2, ind.indicator_name, ind.target_raw, ind.actual_raw, ind.weight, ind.score)


# ---------------------------------------------------------------- values


@pytest.mark.parametrize(
    "text, expected",
    [
        ("≥90%", ("≥", 90.0, "%")),
        ("≤5.6万元", ("≤", 5.6, "万元")),
        ("≤5.6 万元", ("≤", 5.6, "万元")),
        ("=1家", ("=", 1.0, "家")),
        ("≥1.9777万 份", ("≥", 1.9777, "万份")),
        ("≥1 人", ("≥", 1.0, "人")),
        ("6月底前", (None, 6.0, "月底前")),
        ("100 比率", (None, 100.0, "比率")),
        ("12 次", (None, 12.0, "次")),
        ("≪9台/套", ("≤", 9.0, "台/套")),
        ("≫人", ("≥", None, "人")),
        ("<=1", ("≤", 1.0, None)),
        (">=99", ("≥", 99.0, None)),
        ("＞98%", (">", 98.0, "%")),
        ("大于200次", (">", 200.0, "次")),
        ("不低于90%", ("≥", 90.0, "%")),
        ("$\\leq$ 5", ("≤", 5.0, None)),
        ("≤ 183.49 元/人", ("≤", 183.49, "元/人")),
        ("≥%", ("≥", None, "%")),
        ("5.18", (None, 5.18, None)),
        ("90%以上", ("≥", 90.0, "%")),
        ("明显提高", (None, None, None)),
        ("按救助金额的 6%", (None, None, None)),
        ("2024年12月 底前", (None, None, None)),
        ("12345满意度", (None, None, None)),
        # the unit extracted before its operator and number (017_17f2ee926e page 31 prints
        # '≤184.94万元' and '≤5137.26平方米', the number a few points lower than its unit)
        ("万元≤184.94", ("≤", 184.94, "万元")),
        ("平≤5137.26方米", ("≤", 5137.26, "平方米")),
        ("％=100", ("=", 100.0, "%")),
        ("小时 日=24 /", (None, None, None)),  # '=24小时/日': the unit's order is lost, not read
        ("满意度≥90%", (None, None, None)),
        ("", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_parse_indicator_value(text, expected):
    assert parse_indicator_value(text) == expected


def test_value_like_and_operators():
    assert is_value_like("≥95 百分比") and is_value_like("=%") and is_value_like("10余次")
    assert not is_value_like("全县参保人约 10 万人") and not is_value_like("达成预期指标")
    assert normalize_operator("$\\geq$") == "≥" and normalize_operator(">=") == "≥"
    assert normalize_operator("＝") == "=" and normalize_operator("落实") is None


def test_achieved():
    assert achieved("≥", 90, "%", 100, "%") is True
    assert achieved("≥", 17, "名", 14, "名") is False
    assert achieved("≤", 5.6, "万元", 5.18, None) is True  # actual printed without its unit
    assert achieved("<", 1, "次", 0, "次") is True
    assert achieved("≤", 834, "元", 833.33, None) is True
    assert achieved("=", 1, "台", 100, "%") is None  # a completion percentage, not a count
    assert achieved("≥", 95, "百分比", 96, "%") is True
    assert achieved("≤", 2, "万元", 19000, "元") is True
    assert achieved(None, 12, "次", 12, "次") is True
    assert achieved(None, 12, "次", 11, "次") is None  # no operator: direction unknown
    assert achieved("≥", None, "人", 25, "人") is None


# ---------------------------------------------------------------- layout (a): 年初/全年预算数/全年执行数

SELF_EVAL_A = """
# 项目支出绩效自评表

( 2022 年度 )

项目名称\t退役军人辅助性岗位经费\t\t\t\t\t\t\t
主管部门\t\t\t\t实施单位\t大厂回族自治县医疗保障局\t\t\t
项目资金 (万元)\t\t年初 预算数\t全年 预算数\t全年 执行数\t分值\t执行率\t得分\t
\t年度资金总额\t5.6\t5.6\t5.18\t10\t92.5%\t9.25\t
\t其中:当年财政拨款\t5.6\t5.6\t5.18\t—\t\t—\t
\t上年结转资金\t\t\t\t—\t\t—\t
\t其他资金\t\t\t\t—\t\t—\t
年度 总体 目标\t预期目标\t\t\t实际完成情况\t\t\t\t
\t通过项目的开展,为符合条件的退役军人提供再就业机会。\t\t\t已完成\t\t\t\t
绩效指标\t一级 指标\t二级指标\t三级指标\t年度 指标值\t实际 完成值\t分值\t得分\t偏差原因分析 及改进措施
\t产出 指标\t数量指标\t指标 1: 工作人员数量\t≥1 人\t=1 人\t10\t10\t
\t\t\t指标 2:\t\t\t\t\t
\t\t质量指标\t指标 1: 足额发放率\t100%\t100%\t10\t10\t
\t\t\t指标 2:\t\t\t\t\t
\t时效指标\t指标 1: 工资发放及时性\t12 次\t12 次\t10\t10\t\t
\t\t指标 2:\t\t\t\t\t\t
\t成本指标\t指标 1: 年发放工资、保险费用\t≤5.6 万元\t5.18\t20\t18.5\t\t
\t\t指标 2:\t\t\t\t\t\t
\t效益 指标\t经济效益指标\t指标 1:\t\t\t\t\t
\t\t\t指标 2:\t\t\t\t\t
\t\t社会效益指标\t指标 1: 保障率\t≥100%\t≥100%\t15\t15\t
指标 2:\t\t\t\t\t\t\t\t
可持续影响指标\t指标 1: 稳定性\t≥100%\t≥100%\t15\t15\t\t\t
\t指标 2:\t\t\t\t\t\t\t
满意 度 指标\t服务对象满意度指标\t指标 1: 服务对象满意度\t≥95%\t=95%\t10\t10\t\t
\t\t指标 2:\t\t\t\t\t\t
总分\t\t\t\t\t100\t97.75\t\t

填报单位负责人(签名): 朱志国
"""


def test_layout_a_inline_fragment():
    res = _parse_text(SELF_EVAL_A)
    assert not res.problems
    (p,) = res.projects
    assert (p.stage, p.project_name, p.unit_name) == ("自评", "退役军人辅助性岗位经费", "大厂回族自治县医疗保障局")
    assert (p.budget_wan, p.annual_budget_wan, p.executed_wan, p.fiscal_wan) == (5.6, 5.6, 5.18, 5.6)
    assert (p.execution_rate, p.execution_weight, p.execution_score, p.score_total) == (92.5, 10, 9.25, 97.75)
    assert p.annual_goal == "通过项目的开展,为符合条件的退役军人提供再就业机会。" and p.actual_summary == "已完成"
    rows = [_row(i) for i in _inds(res, 1)]
    assert rows == [
        ("产出指标", "数量指标", "工作人员数量", "≥1 人", "=1 人", 10, 10),
        ("产出指标", "质量指标", "足额发放率", "100%", "100%", 10, 10),
        ("产出指标", "时效指标", "工资发放及时性", "12 次", "12 次", 10, 10),
        ("产出指标", "成本指标", "年发放工资、保险费用", "≤5.6 万元", "5.18", 20, 18.5),
        ("效益指标", "社会效益指标", "保障率", "≥100%", "≥100%", 15, 15),
        ("效益指标", "可持续影响指标", "稳定性", "≥100%", "≥100%", 15, 15),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%", "=95%", 10, 10),
    ]
    cost = _inds(res, 1)[3]
    assert (cost.target_op, cost.target_value, cost.target_unit, cost.actual_value, cost.achieved) == (
        "≤",
        5.6,
        "万元",
        5.18,
        True,
    )
    assert sum(i.score for i in _inds(res, 1)) + p.execution_score == pytest.approx(p.score_total)


def test_layout_a_shifted_cells():
    """Second table of the fragment: a score printed in the 偏差原因 column, a name printed in
    the 二级 column, and a project name printed with a title suffix."""
    res = _parse_fixture("self_eval_a.txt")
    assert [p.project_name for p in res.projects] == ["退役军人辅助性岗位经费", "打击诈骗骗保专项工作经费绩效目标表"]
    p = res.projects[1]
    assert (p.budget_wan, p.annual_budget_wan, p.executed_wan, p.execution_rate, p.score_total) == (2, 2, 2, 100, 100)
    assert (p.fiscal_wan, p.other_wan) == (2, 0)
    rows = [_row(i)[1:] for i in _inds(res, 2)]
    assert rows == [
        ("数量指标", "宣传印刷品数量", "≥9000册", "9000", 10, 10),
        ("数量指标", "条幅数量", "≥10条", "10", 10, 10),
        ("质量指标", "宣传品质量", "≥100%", "100%", 10, 10),
        ("时效指标", "工作完成时间", "4月份", "4月份", 10, 10),
        ("成本指标", "宣传印刷品成本", "≤2元", "2元", 5, 5),
        ("成本指标", "制作条幅成本", "≤100元", "100元", 5, 5),
        ("社会效益指标", "知晓率", "≥90%", "90%", 15, 15),
        ("可持续影响指标", "提高人群针对诈骗骗保的防范性", "显著", "显著", 15, 15),
        ("服务对象满意度指标", "受益群众满意度", "≥90%", "100%", 10, 10),
    ]
    assert [i.level1 for i in _inds(res, 2)] == ["产出指标"] * 6 + ["效益指标"] * 2 + ["满意度指标"]


# ---------------------------------------------------------------- layout (b): 目标申报数/预算编制数 (noisy OCR)


def test_layout_b_noisy():
    res = _parse_fixture("self_eval_b.txt")
    assert [p.project_name for p in res.projects] == ["城乡居民医疗保险工作经费", "全国医疗保障服务示范点工作经费"]
    p1, p2 = res.projects
    assert p1.layout.endswith("b")
    # '55. 875', '93. 12', '9. 31' carry OCR spaces; 预算编制数 is split over two cells
    assert (p1.budget_wan, p1.annual_budget_wan, p1.executed_wan) == (60, 60, 55.875)
    assert (p1.execution_rate, p1.execution_score, p1.score_total, p1.grade_printed) == (93.12, 9.31, 94.31, "优")
    inds = _inds(res, 1)
    assert len(inds) == 10
    first = inds[0]
    assert (first.indicator_name, first.target_raw, first.adjusted_target_raw, first.actual_raw) == (
        "临时人员人数",
        "≥人",
        "≥29人",
        "≥25人",
    )
    assert (first.weight, first.score, first.level1, first.level2) == (10, 10, "产出指标", "数量指标")
    assert (first.target_op, first.target_value, first.target_unit, first.achieved) == ("≥", 29, "人", False)
    cost = next(i for i in inds if i.indicator_name == "成本节约率")
    assert (cost.weight, cost.score) == (10, 5)
    assert [i.indicator_name for i in inds[-2:]] == ["临时人员满意度", "参保人员满意度"]
    assert {i.level1 for i in inds[-2:]} == {"满意度指标"}
    # '5, 597' is 5.597 (an OCR comma): 全年预算数 9 - 结余 3.403 = 5.597
    assert (p2.annual_budget_wan, p2.executed_wan, p2.execution_rate) == (9, 5.597, 62.18)
    assert (p2.execution_score, p2.score_total) == (6.22, 87.22)
    inds2 = _inds(res, 2)
    assert len(inds2) == 7
    assert [(i.weight, i.score) for i in inds2] == [(20, 20), (10, 10), (5, 5), (5, 0), (10, 6), (30, 30), (10, 10)]
    for p, items in ((p1, inds), (p2, inds2)):
        assert sum(i.score for i in items) + p.execution_score == pytest.approx(p.score_total)


# ---------------------------------------------------------------- layout (c) and the 整体 self-evaluation


def test_layout_c_and_unit_self_eval():
    res = _parse_fixture("self_eval_c_and_unit.txt")
    assert [p.project_name for p in res.projects] == ["整体:北票市医疗保障局", "2024年医保基金监管经费"]
    unit, proj = res.projects
    assert unit.stage == "自评" and unit.budget_wan == 111.18 and unit.score_total == 100
    assert (unit.execution_weight, unit.execution_score) == (40, 40)  # 年度主要任务 13.3 + 13.3 + 13.4
    u_inds = _inds(res, 1)
    assert len(u_inds) == 25
    assert (u_inds[0].level1, u_inds[0].level2, u_inds[0].indicator_name) == ("履职效能", "重点工作履行情况", "重点工作办结率")
    assert (u_inds[0].target_op, u_inds[0].target_value, u_inds[0].target_unit) == ("=", 100, "%")
    assert sum(i.weight for i in u_inds) + unit.execution_weight == pytest.approx(100)
    named = {i.indicator_name: i for i in u_inds}
    assert named["依法行政能力"].target_raw == "管理规范" and named["依法行政能力"].score == 3.3
    assert named["社会公众投诉次数"].target_op == "≤"  # printed '<='

    assert (proj.budget_wan, proj.executed_wan, proj.execution_rate) == (13, 9.82, 75.57)
    assert (proj.execution_score, proj.score_total) == (7.56, 89)
    inds = _inds(res, 2)
    assert len(inds) == 9 and all((i.weight, i.score) == (10, 10) for i in inds)
    first = inds[0]
    assert (first.level1, first.level2, first.indicator_name) == ("产出指标", "数量指标", "异地就医经办人员业务培训人次")
    assert (first.target_op, first.target_value, first.target_unit, first.actual_value) == ("=", 40, "人", 40)
    assert first.achieved is True
    qual = inds[3]
    assert (qual.indicator_name, qual.target_raw, qual.target_value) == ("落实医疗保障异地就医政策", "落实", None)
    assert inds[-1].level2 == "社会公众满意度指标"
    assert any("减分项 8.5573" in n for n in proj.notes)
    assert not any(n.startswith("score_reconciliation") for n in proj.notes)  # 90 + 7.56 - 8.5573 ≈ 89


# ---------------------------------------------------------------- 项目绩效目标表


def test_target_project_tables():
    res = _parse_fixture("target_project.txt")
    # '1.项目支出绩效目标表' is a section heading, not a table
    assert [p.project_name for p in res.projects] == ["2026年医疗服务与保障能力提升补助资金", "外伤医疗费用结算审核服务费"]
    p = res.projects[0]
    assert p.stage == "目标" and (p.budget_wan, p.fiscal_wan, p.other_wan) == (745, 745, 0)
    assert (p.department_name, p.unit_name) == ("福州市医疗保障局", "福州市医疗保障局")
    assert p.annual_goal == "2026年医疗服务与保障能力提升补助资金"
    assert [(i.level1, i.level2, i.indicator_name, i.target_raw) for i in _inds(res, 1)] == [
        ("成本指标", "社会成本指标", "行政处罚案件完成及时率", "≥90%"),
        ("产出指标", "数量指标", "定点医疗机构监督检查县区覆盖率", "≥90%"),
        ("产出指标", "质量指标", "开展医保宣传活动次数", "≥18次"),
        ("产出指标", "时效指标", "资金结算（拨付、下达、发放）及时率", "≥80%"),
        ("效益指标", "社会效益指标", "基本医保参保率", "≥90%"),
        ("满意度指标", "服务对象满意度指标", "投诉业务部门不作为的投诉件数量", "≤5件"),
    ]
    assert len(_inds(res, 2)) == 7
    assert _inds(res, 2)[3].level2 == "质量指标"  # carried down from the row above


def test_target_business_unit_and_blank_template():
    res = _parse_fixture("target_unit_and_blank.txt")
    # the 专项资金总体绩效目标表 is a blank template: no project
    assert [p.project_name for p in res.projects] == ["业务经费", "整体:镇安县医疗保险经办中心"]
    biz, unit = res.projects
    assert (biz.department_name, biz.fiscal_wan, biz.budget_wan) == ("镇安县医保局", 45, 45)
    assert biz.annual_goal.startswith("目标1: 保障全县参加医疗保险的职工") or biz.annual_goal.startswith("目标1:保障全县")
    assert len(_inds(res, 1)) == 9
    assert (unit.budget_wan, unit.fiscal_wan) == (313.17, 313.17)
    inds = _inds(res, 2)
    assert len(inds) == 16  # placeholders ('指标2： .....', '.....') dropped
    assert inds[0].indicator_name == "保障单位财政拨款职工24人工资"  # '指标1：' prefix removed
    assert (inds[6].level2, inds[6].target_raw) == ("成本指标", "268.17")
    assert (inds[-1].level1, inds[-1].indicator_name, inds[-1].target_raw) == ("满意度指标", "全县参加医疗保险人员满意度", "≥90%")


def test_target_noisy_with_codes_plan_and_basis():
    res = _parse_fixture("target_noisy.txt")
    assert [p.project_name for p in res.projects] == ["2023年政府资助特困人群医疗救助个人缴费", "城乡医疗救助一站式结算服务费"]
    p1, p3 = res.projects
    assert p1.project_code == "13032123P00305610045Y"  # printed alone above the title
    assert (p1.budget_wan, p1.fiscal_wan, p1.plan_q2) == (78.02, 78.02, 78.02)
    first = _inds(res, 1)[0]
    # upper and lower halves of a vertically centred row are joined
    assert (first.level2, first.indicator_name, first.target_raw) == ("数量指标", "资助特困人群参加医疗保险率", "≥90%")
    assert first.description == "参保特困人口占总困难人口比例"
    assert p3.project_code == "13032123P00310510052X"  # check letter printed in the next cell
    assert (p3.budget_wan, p3.fiscal_wan, p3.plan_q1) == (4.5, 4.5, 2.0)
    inds = _inds(res, 2)
    assert len(inds) == 7
    assert (inds[0].indicator_name, inds[0].target_op, inds[0].target_value, inds[0].target_unit) == (
        "反映城乡医疗救助经办人数",
        "≥",
        5,
        "万人次",
    )
    assert inds[0].basis.startswith("冀民")
    assert (inds[3].indicator_name, inds[3].target_raw, inds[3].basis) == ("成本预算控制数", "≤2万元", "工作计划")
    assert inds[-1].level1 == "满意度指标"


def test_target_vertical_level_labels():
    """产/出/指/标 printed one character per line below its rows, 数量指标 printed after them."""
    res = _parse_fixture("target_vertical_labels.txt")
    (p,) = res.projects
    assert p.project_name == "整体:西安市医疗保障局" and p.budget_wan == 5386.42
    inds = _inds(res, 1)
    assert len(inds) == 47
    assert all((i.level1, i.level2) == ("产出指标", "数量指标") for i in inds[:14])
    assert (inds[0].indicator_name, inds[0].target_raw) == ("媒体宣传等", "10-15项")
    assert (inds[14].level2, inds[14].indicator_name) == ("质量指标", "综合运行服务工作保障率")
    assert (inds[-1].level1, inds[-1].indicator_name, inds[-1].target_op) == ("满意度指标", "服务对象满意度", ">")


# Merged level cells printed at the vertical middle of their group: the 二级 word sits below
# the group's first rows, which fill-down gives to the group above. The same rows in a table
# that prints every level on its group's first row keep the group they are printed in.
_CENTRED_ROWS = """\
\t\t数量指标\t工作人员数量\t≥1 人\t=1 人\t10\t10\t
\t\t\t足额发放率\t100%\t100%\t10\t10\t
\t产出 指标\t质量指标\t资料印刷合格率\t100%\t100%\t10\t10\t
\t\t\t工资发放时间\t每月\t每月\t10\t10\t
\t\t时效指标\t资金支付及时性\t全年\t全年\t10\t10\t
\t\t成本指标\t年发放工资、保险费用\t≤5.6 万元\t5.18\t10\t10\t
\t效益 指标\t社会效益指标\t保障率\t≥100%\t≥100%\t15\t15\t
\t满意度 指标\t服务对象满意度指标\t服务对象满意度\t≥95%\t=95%\t15\t15\t
"""


def _self_eval_a_with(rows: str) -> str:
    head, rest = SELF_EVAL_A.split("\t产出 指标\t数量指标", 1)
    return head + rows + "总分" + rest.split("\n总分", 1)[1]


@pytest.mark.parametrize(
    "name, value, expected",
    [
        ("临时人员工资发 放时间", "每月", "时效"),
        ("资金支付及时率", "100%", "时效"),  # the name wins over a percent value
        ("宣传资料印刷份数", "≥1万份", "数量"),
        ("智能识别审核", "21800份", "数量"),
        ("业务档案管理合格率", "≥98%", "质量"),
        ("综合运行服务工作保障率", "100%", "质量"),
        ("医保系统运行维护", "98.85万元", "成本"),
        ("参保人员满意度", "≥90%", "满意度"),
        ("保证城乡居民基本医疗工作正常运行", "保证", None),
    ],
)
def test_level2_class_hints(name, value, expected):
    from ingest.performance.level_hints import level2_class

    assert level2_class(name, value) == expected


def test_centred_level_labels_take_the_rows_above_them():
    res = _parse_text(_self_eval_a_with(_CENTRED_ROWS))
    levels = [(i.indicator_name, i.level1, i.level2) for i in _inds(res, 1)]
    assert levels == [
        ("工作人员数量", "产出指标", "数量指标"),
        ("足额发放率", "产出指标", "质量指标"),  # a rate, just above 质量指标
        ("资料印刷合格率", "产出指标", "质量指标"),
        ("工资发放时间", "产出指标", "时效指标"),  # a time, just above 时效指标
        ("资金支付及时性", "产出指标", "时效指标"),
        ("年发放工资、保险费用", "产出指标", "成本指标"),
        ("保障率", "效益指标", "社会效益指标"),
        ("服务对象满意度", "满意度指标", "服务对象满意度指标"),
    ]


def test_top_aligned_level_labels_keep_fill_down():
    # 产出指标 printed on its group's first row: levels are top-aligned, nothing moves
    rows = _CENTRED_ROWS.replace("\t\t数量指标", "\t产出 指标\t数量指标", 1).replace("\t产出 指标\t质量指标", "\t\t质量指标")
    res = _parse_text(_self_eval_a_with(rows))
    levels = [i.level2 for i in _inds(res, 1)]
    assert levels[:5] == ["数量指标", "数量指标", "质量指标", "质量指标", "时效指标"]


def test_centred_labels_in_samples():
    """002 prints 时效指标 beside the second of its rows (临时人员工资发放时间 above it); xa 表14
    prints 质量指标 after the first eight of its rates (综合运行服务工作保障率 … 行政执法标准化建设)."""
    res = _parse_sample("002_25f790a2d4a95ea4.txt")
    first = {i.indicator_name: i.level2 for i in _inds(res, 1)}
    assert first["临时人员工资发放时间"] == "时效指标"
    assert first["宣传资料印刷质量达标率(%)"] == "质量指标"
    assert first["宣传资料印刷份数"] == "数量指标"
    res = _parse_sample("extra/xa_ybj_2022_yusuan.txt")
    by_line = {i.line_no: i.level2 for i in _inds(res, 1)}
    assert by_line[808] == "数量指标"  # 智能识别审核 21800份
    assert all(by_line[n] == "质量指标" for n in range(809, 817))
    assert by_line[821] == "质量指标" and by_line[825] == "时效指标"


@pytest.mark.parametrize(
    "printed, expected",
    [
        # 002: the top line of the next row's name cell was read into this row
        ("临时人员工资发 放完成率 宣传资料印刷质", ("临时人员工资发 放完成率", "宣传资料印刷质")),
        # one name wrapped over three lines: the short line is the last one
        ("城乡居民医疗保 险缴费筹资宣传 活动开展时间", ("城乡居民医疗保 险缴费筹资宣传 活动开展时间", None)),
        ("保证城乡居民基 本医疗工作正常 运行", ("保证城乡居民基 本医疗工作正常 运行", None)),
        ("临时人员工资发 放完成率", ("临时人员工资发 放完成率", None)),
        # a stray one-character piece is not a line of its own
        ("对 困难人群医保慢性 病门诊救助支付完", ("对 困难人群医保慢性 病门诊救助支付完", None)),
    ],
)
def test_split_wrapped_names(printed, expected):
    from ingest.performance.cells import split_wrapped_names

    assert split_wrapped_names(printed) == expected


def test_name_started_on_the_line_above_002():
    res = _parse_sample("002_25f790a2d4a95ea4.txt")
    names = [(i.line_no, i.indicator_name, i.level2) for i in _inds(res, 2)]
    assert (571, "临时人员工资发放完成率", "质量指标") in names
    assert (572, "宣传资料印刷质量达标率(%)", "质量指标") in names


def test_summary_table():
    res = _parse_fixture("summary.txt")
    got = {(s.label, s.project_count, s.budget_wan, s.executed_wan) for s in res.summaries}
    assert ("项目数量", 23, None, None) in got
    assert ("资金总量", None, 568.64, 568.64) in got
    assert ("绩效评价等级:优", 20, None, None) in got and ("绩效评价等级:差", 3, None, None) in got


# ---------------------------------------------------------------- robustness


def test_never_raises_on_damaged_tables():
    broken = "\n".join(
        [
            "# 项目支出绩效自评表",
            "项目名称\t\t",
            "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
            "\t产出指标\t\t\t\t\t10\t",
            "总分\t\t\t\t\tx\t",
            "某某项目绩效目标表",
            "项目名称\t某某项目",
            "预算数\t12. 5",
        ]
    )
    res = _parse_text(broken)
    assert isinstance(res.problems, list)
    assert [p.project_name for p in res.projects] == ["某某项目"]
    assert res.projects[0].budget_wan == 12.5
    assert any(pr.startswith("line 6:") for pr in res.problems)  # no indicator header in that table
    assert _parse_text("").projects == [] and _parse_text("\t\t\n|a|b|\n").projects == []


# ---------------------------------------------------------------- whole samples


def test_sample_self_evaluations_004():
    res = _parse_sample("004_7cec67b54d9192d1.txt")
    text = (SAMPLES / "004_7cec67b54d9192d1.txt").read_text(encoding="utf-8")
    assert text.count("# 项目支出绩效自评表") == 23
    assert len(res.projects) == 23 and not res.problems
    p = res.projects[0]
    assert p.project_name == "退役军人辅助性岗位经费"
    assert (p.budget_wan, p.annual_budget_wan, p.executed_wan, p.execution_rate, p.score_total) == (5.6, 5.6, 5.18, 92.5, 97.75)
    inds = _inds(res, 1)
    assert sum(i.score for i in inds) + p.execution_score == pytest.approx(97.75)
    assert [len(_inds(res, n)) for n in (1, 2, 3, 4)] == [7, 8, 13, 13]
    # every project reconciles except the one whose published 分值 add up to 110
    broken = [p.project_name for p in res.projects if any(n.startswith("score_reconciliation") for n in p.notes)]
    assert broken == ["医保基金监管专项检查经费"]
    totals = {p.project_name: p.score_total for p in res.projects}
    assert totals["城乡医疗救助资金"] == 99.895 and totals["家庭医生签约服务费"] == 0
    grades = {s.label: s.project_count for s in res.summaries}
    assert grades["绩效评价等级:优"] == sum(1 for p in res.projects if p.score_total >= 90)
    assert grades["绩效评价等级:差"] == sum(1 for p in res.projects if p.score_total < 60)
    assert sum(p.annual_budget_wan for p in res.projects) == pytest.approx(568.64)


def test_sample_self_evaluations_002_and_003():
    res = _parse_sample("002_25f790a2d4a95ea4.txt")
    assert len(res.projects) == 11
    assert [p.score_total for p in res.projects] == [94.31, 93, 87.22, 95, 70, 90, 90, 90, 100, 84.67, 94.97]
    assert res.projects[-1].annual_budget_wan == 2692.323 and res.projects[-1].executed_wan == 2442.047
    assert not any(n.startswith("score_reconciliation") for p in res.projects for n in p.notes)
    res = _parse_sample("003_a908d6a88c021b91.txt")
    assert [p.project_name for p in res.projects] == [
        "整体:北票市医疗保障局",
        "2024年医保基金监管经费",
        "整体:北票市医疗保障事务服务中心",
        "困难群众医疗保障资金",
        "离休医疗保障",
        "医疗机构检查费",
        "2024年档案管理经费",
    ]
    assert [len(_inds(res, n)) for n in range(1, 8)] == [25, 9, 23, 9, 8, 10, 11]
    assert [p.score_total for p in res.projects] == [100, 89, 100, 100, 59, 98.21, 69]


def test_sample_targets():
    res = _parse_sample("extra/fz_ybj_2026_yusuan.txt")
    assert len(res.projects) == 13 and len(res.indicators) == 104
    assert res.projects[4].budget_wan == 141405
    res = _parse_sample("extra/xa_ybj_2022_yusuan.txt")
    assert [(p.project_name, len(_inds(res, p.project_no))) for p in res.projects] == [
        ("其他履职尽责专项业务费", 54),
        ("整体:西安市医疗保障局", 47),
    ]
    res = _parse_sample("001_ba0d23ffbd0d6f1c.txt")
    assert [len(_inds(res, p.project_no)) for p in res.projects] == [9, 16]
    res = _parse_sample("000_0b5863540bb89ed9.txt")
    assert len(res.projects) == 25
    assert all(p.project_code and p.project_code.startswith("1303212") for p in res.projects)
    assert [p.budget_wan for p in res.projects[:5]] == [78.02, 99.6, 4.5, 7.0, 14.0]
    assert all(_inds(res, p.project_no) for p in res.projects)
    res = _parse_sample("extra/fs_gdjtj_2019_juesuan.txt")
    assert res.projects == []  # the 决算 mentions 绩效自评 only in its text


# ---------------------------------------------------------------- achieved, ghost rows


@pytest.mark.parametrize(
    "target, actual, expected",
    [
        ("≥90%", "95%", (True, "numeric")),
        ("≥ 45000 人", "未完成", (False, "qualitative")),  # 004: the actual cell says 未完成
        ("显著提升", "已完成", (True, "qualitative")),
        (None, "未完成预期指标且效果较差", (False, "qualitative")),  # 002's 完成程度 wording
        ("管理规范", "全部或基本达成预期指标 100%-80% (含)", (True, "qualitative")),  # 003
        ("12月底前", "11月", (True, "date")),
        ("≤3 月", "5月", (False, "numeric")),  # months compared as numbers under ≤
        ("6月底前", "7月底", (False, "date")),
        ("是", "是", (True, "qualitative")),
        ("是", "否", (False, "qualitative")),
        ("≤3.5 万元", "100%", (None, None)),  # a percentage is no amount: undecided, never guessed
    ],
)
def test_judge_achieved(target, actual, expected):
    from ingest.perf_values import judge_achieved

    op, value, unit = parse_indicator_value(target)
    _, a_value, a_unit = parse_indicator_value(actual)
    assert judge_achieved(target, op, value, unit, actual, a_value, a_unit) == expected


def test_ocr_ghost_rows_of_000_are_dropped():
    # 000 line 512 '| 时效指标|上缴财政专户时间|…' is read a second time, garbled, on line 513
    # '|中认 XX1目4小|上级炽政专厂时间|财政专户时间||1212 月之前|施'; likewise 515 (of 514:
    # '> 00000 / (号文件精神' for '≥60000 人'), 521 (of 520: '304 儿' for '304 元') and 590
    # (of 589: '>90 / 0' for '≥90%'). They go by their own evidence (damage + repetition).
    res = _parse_sample("000_0b5863540bb89ed9.txt")
    lines = {i.line_no for i in res.indicators}
    assert not lines & {513, 515, 521, 590}
    assert {512, 514, 520, 589} <= lines
    names = [i.indicator_name for i in res.indicators]
    assert "上缴财政专户时间" in names and "救助特困人群数量" in names
    assert not any("XX" in n or "\\" in n for n in names)
    notes = [n for p in res.projects for n in p.notes if "OCR ghost" in n]
    assert len(notes) == 4
