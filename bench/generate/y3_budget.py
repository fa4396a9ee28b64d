"""Layout Y3: 单位综合预算…表 in 元 (markdown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .printing import row
from .subjects import CLASS_LINES_FINAL, FUNC_NAMES, GOV_CLASS_NAMES, gov_econ
from .y3_budget_details import render_details

if TYPE_CHECKING:
    from .builder import DocumentBuilder


def render(doc: DocumentBuilder) -> None:
    rng, n, y, u, f = doc.rng, doc.num, doc.year, doc.unit, doc.f
    level = "单位" if doc.dept.kind == "事业" else "部门"
    ucode = f"{rng.randint(100, 999)}{rng.randint(1, 99):03d}"
    t = f"{level}综合预算"
    doc.out(
        "",
        "",
        f"# {u} {y} 年{level}预算公开说明",
        "",
        "## 目录",
        "",
        "### 第一部分 单位概况",
        "",
        "- 一、主要职责及机构设置",
        "- 二、工作任务",
        "",
        "### 第二部分 收支情况",
        "",
        "- 四、收支说明",
        "",
        "## 第一部分单位概况",
        "",
        "### 一、 主要职责及机构设置",
        "",
    )
    for d in doc.duties(style="num"):
        doc.out(d, "")
    doc.out("## 第二部分收支情况", "")
    for p in doc.overview_paragraphs():
        doc.out(p, "")
    doc.out("## 2、支出按功能科目分类的明细情况", "", *doc.explanations(), "## 十、专业名词解释", "", *doc.glossary())
    doc.out(
        f"# {y}年{t}公开报表",
        "",
        f"单位名称：{u}",
        "",
        "保密审查情况：已审查",
        "",
        "## 目录",
        "",
        row("报表", "报表名称", "是否空表", "公开空表理由"),
    )
    names = [
        f"{t}收支总表",
        f"{t}收入总表",
        f"{t}支出总表",
        f"{t}财政拨款收支总表",
        f"{t}一般公共预算支出明细表（按支出功能分类科目）",
        f"{t}一般公共预算支出明细表（按支出经济分类科目）",
        f"{t}一般公共预算基本支出明细表（按支出功能分类科目）",
        f"{t}一般公共预算基本支出明细表（按支出经济分类科目）",
        f"{t}政府性基金收支表",
        f"{t}专项业务经费支出表",
        f"{t}政府采购（资产配置、购买服务）预算表",
        f"{t}一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
    ]
    for k, name in enumerate(names, start=1):
        doc.out(row(f"表{k}", name, "是" if k in (9, 11) else "否", "本单位不涉及" if k in (9, 11) else ""))
    doc.out("")
    big = lambda v: f(v, thousands=True)  # noqa: E731  the summary prints 3,131,700.00
    stars = lambda k: row(*["**"] * k)  # noqa: E731
    # 表1 收支总表: 收入 | 功能(类) | 部门经济(类) | 政府经济(类)
    classes = doc.class_amounts()
    gpb = n.total("gpb")
    pe = doc.project_econ()
    pers301 = sum(v for c, v in n.econ.items() if c.startswith("301"))
    goods = sum(v for c, v in n.econ.items() if c.startswith("302"))
    house = sum(v for c, v in n.econ.items() if c.startswith("303"))
    cap = sum(v for c, v in n.econ.items() if c.startswith("310"))
    inc = [
        ("一、部门预算", n.total()),
        ("1、财政拨款", 0),
        ("(1)一般公共预算拨款", gpb),
        ("其中：专项资金列入部门预算的项目", 0),
        ("(2)政府性基金拨款", n.total("gov")),
        ("(3)国有资本经营预算收入", 0),
        ("2、上级补助收入", 0),
        ("3、事业收入", 0),
        ("4、事业单位经营收入", 0),
        ("5、附属单位上缴收入", 0),
        ("6、其他收入", 0),
    ]
    fun = [("一、部门预算", n.total())] + [
        (f"{k + 1}、{FUNC_NAMES[c]}", classes.get(c, 0)) for k, c in enumerate(CLASS_LINES_FINAL[:24])
    ]
    dep = [
        ("一、部门预算", n.total()),
        ("1、人员经费和公用经费支出", n.basic()),
        ("(1)工资福利支出", pers301),
        ("(2)商品和服务支出", goods),
        ("(3)对个人和家庭的补助", house),
        ("(4)资本性支出", cap),
        ("2、专项业务经费支出", n.project()),
        ("(1)工资福利支出", 0),
        ("(2)商品和服务支出", pe.get("30299", 0)),
        ("(3)对个人和家庭补助", pe.get("30305", 0)),
        ("(4)债务利息及费用支出", 0),
        ("(5)资本性支出(基本建设)", 0),
        ("(6)资本性支出", pe.get("31002", 0)),
        ("(7)对企业补助(基本建设)", 0),
        ("(8)对企业补助", 0),
        ("(9)对社会保障基金补助", pe.get("31302", 0)),
        ("(10)其他支出", 0),
        ("3、上缴上级支出", 0),
        ("4、事业单位经营支出", 0),
        ("5、对附属单位补助支出", 0),
    ]
    gov: dict[str, int] = {}
    for code, v in list(n.econ.items()) + list(pe.items()):
        gcode = gov_econ(code, doc.dept.kind)[0][:3]
        gov[gcode] = gov.get(gcode, 0) + v
    govl = [("一、部门预算", n.total())] + [
        (f"{k + 1}、{GOV_CLASS_NAMES[c]}", gov.get(c, 0)) for k, c in enumerate(GOV_CLASS_NAMES)
    ]
    length = max(len(inc), len(fun), len(dep), len(govl))
    doc.out(
        f"## {names[0]}",
        "",
        "单位：元",
        "",
        row("收 入", "", "支 出", "", "", "", "", ""),
        row(
            "项 目",
            "预算数",
            "支出功能分类科目（按大类）",
            "预算数",
            "部门预算支出经济分类科目（按大类）",
            "预算数",
            "政府预算支出经济分类科目（按大类）",
            "预算数",
        ),
    )

    def cell(lst, k):
        return (lst[k][0], big(lst[k][1])) if k < len(lst) else ("", "")

    for k in range(length):
        doc.out(row(*cell(inc, k), *cell(fun, k), *cell(dep, k), *cell(govl, k)))
    doc.out(
        row(
            "<b>本年收入合计</b>",
            big(n.total()),
            "<b>本年支出合计</b>",
            big(n.total()),
            "<b>本年支出合计</b>",
            big(n.total()),
            "<b>本年支出合计</b>",
            big(n.total()),
        ),
        row("上年结转", "", "结转下年", "", "结转下年", "", "结转下年", ""),
        row(
            "<b>收入总计</b>",
            big(n.total()),
            "<b>支出总计</b>",
            big(n.total()),
            "<b>支出总计</b>",
            big(n.total()),
            "<b>支出总计</b>",
            big(n.total()),
        ),
        "",
        "表2",
        "",
    )
    # 表2 / 表3 by unit
    doc.out(
        f"## {names[1]}",
        "",
        "单位：元",
        "",
        row("单位编码", "单位名称", "部门预算", *[""] * 9),
        row(
            "",
            "",
            "合计",
            "一般公共预算拨款",
            "",
            "政府性基金 拨款",
            "上级补助收 入",
            "事业收入",
            "事业单位经营收 入",
            "对附属单位上缴 收入",
            "上年结转",
            "其他收入",
        ),
        row("", "", "", "小计", "其中：专项资金 列入部门预算项 目", *[""] * 7),
        stars(12),
        row(ucode, u, f(n.total(), decimals=False), f(gpb, decimals=False), "", f(n.total("gov"), decimals=False), *[""] * 6),
        "",
        "表3",
        "",
    )
    doc.out(
        f"## {names[2]}",
        "",
        "单位：元",
        "",
        row("单位编码", "单位名称", "部门预算", *[""] * 7),
        row("", "", "合计", "基本支出", "项目支出", "上缴上级支出", "事业单位经营支出", "对附属单位补助支出", "", ""),
        stars(10),
        row(ucode, u, f(n.total(), decimals=False), f(n.basic(), decimals=False), f(n.project(), decimals=False), *[""] * 5),
        "",
        "表4",
        "",
    )
    # 表4 财政拨款收支总表 (same shape as 表1, fiscal money only)
    doc.out(
        names[3],
        "",
        "单位：元",
        "",
        row("收 入", "", "支 出", "", "", "", "", ""),
        row(
            "项 目",
            "预算数",
            "支出功能分类科目（按大类）",
            "预算数",
            "部门预算支出经济分类科目（按大类）",
            "预算数",
            "政府预算支出经济分类科目（按大类）",
            "预算数",
        ),
    )
    fin = [
        ("一、财政拨款", n.total()),
        ("1、一般公共预算拨款", gpb),
        ("其中：专项资金列入部门预算的项目", 0),
        ("2、政府性基金拨款", n.total("gov")),
        ("3、国有资本经营预算收入", 0),
    ]
    fun[0] = dep[0] = govl[0] = ("一、财政拨款", n.total())
    for k in range(length):
        doc.out(row(*cell(fin, k), *cell(fun, k), *cell(dep, k), *cell(govl, k)))
    doc.out(
        row(
            "<b>本年收入合计</b>",
            big(n.total()),
            "<b>本年支出合计</b>",
            big(n.total()),
            "<b>本年支出合计</b>",
            big(n.total()),
            "<b>本年支出合计</b>",
            big(n.total()),
        ),
        "",
        "表5",
        "",
    )
    render_details(doc, t, names, ucode, pe)
