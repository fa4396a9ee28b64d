"""Layout D1: 公开01…09表."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .d1_final_tables import render_last_tables
from .printing import cn_num, func_tree, row
from .subjects import CLASS_LINES_FINAL, ECON_NAMES, FUNC_NAMES, econ_items

if TYPE_CHECKING:
    from .builder import DocumentBuilder


def render(doc: DocumentBuilder) -> None:
    n, y, u, f = doc.num, doc.year, doc.unit, doc.f
    sx = doc.variant == "sx"
    ul = doc.unit_label
    level = "单位" if doc.dept.kind == "事业" else "部门"
    H = (lambda s: s) if sx else (lambda s: "# " + s)  # noqa: E731
    if sx:
        doc.out(f"{u} {y}年度{level}决算公开", "", "目 录", "", row("第一", "-部分", "概况", "", "", "1"))
        for k, t in enumerate(["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表"], start=1):
            doc.out(row("", f"{cn_num(k)}、", t, "", "", str(k + 2)))
    else:
        doc.out(
            "",
            "",
            f"**{u}  ",
            f"{y} 年度部门决算**",
            "",
            "# 目 录",
            "",
            f"## 第一部分 {u}概况",
            "",
            "- 一、主要职责",
            f"- 二、{u}决算单位构成",
            "",
            f"## 第四部分 {y} 年度{u}部门决算表",
            "",
        )
        for k, t in enumerate(
            [
                "收入支出决算总表",
                "收入决算表",
                "支出决算表",
                "财政拨款收入支出决算总表",
                "一般公共预算财政拨款支出决算表",
                "一般公共预算财政拨款基本支出决算表",
                "财政拨款“三公”经费支出决算表",
            ],
            start=1,
        ):
            doc.out(f"- {cn_num(k)}、{t}")
    doc.out("", "第一部分 概况" if sx else f"# 第一部分 {u}概况", "", "一、本部门(单位)职责" if sx else "## 一、主要职责", "")
    for d in doc.duties():
        doc.out(("- " if sx else "") + d, "")
    doc.out("第二部分 决算情况说明" if sx else "## 第二部分 部门决算情况说明", "")
    for p in doc.overview_paragraphs():
        doc.out(p, "")
    doc.out(
        "二、一般公共预算财政拨款支出决算情况说明" if sx else "### **(二) 一般公共预算财政拨款支出情况。**",
        "",
        *doc.explanations(),
        "第三部分 名词解释" if sx else "## 第三部分 名词解释",
        "",
        *doc.glossary(),
    )
    doc.out(f"第二部分 {y}年部门决算表" if sx else f"## 第四部分 {y} 年度部门决算表", "")
    dept_line = f"部门名称: {u}" if sx else f"部门：{u}"
    year_line = f"{y}年度" if sx else f"{y} 年度"
    unit_line = f"金额单位：{ul}" if not sx else f"单位:{ul}"

    def start(no: int, title: str) -> list[str]:
        tag = f"公开{no:02d}表" if sx else f"公开 {no:02d} 表"
        lines = [H(title), "", tag, "", dept_line, "", year_line, "", unit_line, ""]
        doc.out(*lines)
        return lines

    def breaker(header: list[str]) -> Callable[[], list[str]]:
        return lambda: ["", doc.page_no(), "", dept_line, "", year_line, "", unit_line, "", *header]

    classes, gpb_cls, gov_cls = doc.class_amounts(), doc.class_amounts("gpb"), doc.class_amounts("gov")
    tot = n.total()
    # 01 收入支出决算总表
    start(1, "收入支出决算总表")
    header = [
        row("收入", "", "", "支出", "", ""),
        row("项目", "行次", "金额", "项目", "行次", "金额"),
        row("栏次", "", "1", "栏次", "", "2"),
    ]
    inc = [
        "一、一般公共预算财政拨款收入",
        "二、政府性基金预算财政拨款收入",
        "三、国有资本经营预算财政拨款收入",
        "四、上级补助收入",
        "五、事业收入",
        "六、经营收入",
        "七、附属单位上缴收入",
        "八、其他收入",
    ]
    inc_v = [n.total("gpb"), n.total("gov")] + [0] * 6
    lines_ = CLASS_LINES_FINAL
    m = len(lines_)
    rows = [
        row(
            inc[k] if k < 8 else "",
            k + 1,
            f(inc_v[k]) if k < 8 else "",
            f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
            m + 6 + k,
            f(classes.get(c, 0)),
        )
        for k, c in enumerate(lines_)
    ]
    rows += [
        row("本年收入合计", m + 1, f(tot), "本年支出合计", 2 * m + 6, f(tot)),
        row("使用非财政拨款结余", m + 2, "", "结余分配", 2 * m + 7, ""),
        row("年初结转和结余", m + 3, "", "年末结转和结余", 2 * m + 8, ""),
        row("", m + 4, "", "", 2 * m + 9, ""),
        row("总计", m + 5, f(tot), "总计", 2 * m + 10, f(tot)),
    ]
    doc.out(*header)
    doc.paged(rows, breaker(header))
    doc.out("", "注：本表反映部门本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。", "")
    # 02 收入决算表
    start(2, "收入决算表")
    tree, total = func_tree(n.leaves, doc.leaf_values("all"), y)
    if sx:
        header = [
            row("", "项目", "本年收入合", "财政拨款收", "上级补助", "事业收入", "经营收入", "附属单 位", "其他收"),
            row("科目代码", "科目名称", "计", "入", "收入", "", "", "上缴收入", "入"),
            row("", "栏次", *[str(i) for i in range(1, 8)]),
        ]
        rows = [row("", "合计", f(total[0]), f(total[0]), "", "", "", "", "")]
    else:
        header = [
            row(
                "项目",
                "",
                "本年收入合计",
                "财政拨款收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ),
            row("功能分类科目编码", "科目名称", *[""] * 7),
            row("栏次", "", *[str(i) for i in range(1, 8)]),
        ]
        rows = [row("合计", "", f(total[0]), f(total[0]), "", "", "", "", "")]
    rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[0]), "", "", "", "", "") for r in tree]
    doc.out(*header)
    doc.paged(rows, breaker(header))
    doc.out("", "注：本表反映部门本年度取得的各项收入情况。", "")
    # 03 支出决算表 (all funds)
    start(3, "支出决算表")
    if sx and doc.noise["codes_missing_in_expenditure"]:
        header = [
            row("项目 科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级 支出", "经营支出", "对附属单 位补助 支出"),
            row("栏次", "1", "2", "3", "4", "5", "6"),
        ]
        rows = [row("合计", f(total[0]), f(total[1]), f(total[2]), "", "", "")]
        rows += [row(r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), "", "", "") for r in tree]
    elif sx:
        header = [
            row("", "项目", "本年支出合计", "基本支出", "项目支出", "上缴上级 支出", "经营支出", "对附属单 位补助 支出"),
            row("科目代码", "科目名称", *[""] * 6),
            row("", "栏次", "1", "2", "3", "4", "5", "6"),
        ]
        rows = [row("", "合计", f(total[0]), f(total[1]), f(total[2]), "", "", "")]
        rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), "", "", "") for r in tree]
    else:
        header = [
            row("项目", "", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
            row("功能分类科目编码", "科目名称", *[""] * 6),
            row("栏次", "", "1", "2", "3", "4", "5", "6"),
        ]
        rows = [row("合计", "", f(total[0]), f(total[1]), f(total[2]), "", "", "")]
        rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), "", "", "") for r in tree]
    doc.out(*header)
    doc.paged(rows, breaker(header))
    doc.out("", "注：本表反映部门本年度各项支出情况。", "")
    # 04 财政拨款收入支出决算总表
    start(4, "财政拨款收入支出决算总表")
    header = [
        row("收入", "", "", "支出", "", "", "", "", ""),
        row(
            "项目",
            "行次",
            "金额",
            "项目",
            "行次",
            "合计",
            "一般公共预算 财政拨款",
            "政府性基金预 算财政拨款",
            "国有资本经营 预算财政拨款",
        ),
        row("栏次", "", "1", "栏次", "", "2", "3", "4", "5"),
    ]
    fin = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"]
    rows = [
        row(
            fin[k] if k < 3 else "",
            k + 1,
            f([n.total("gpb"), n.total("gov"), 0][k]) if k < 3 else "",
            f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
            m + 7 + k,
            f(classes.get(c, 0)),
            f(gpb_cls.get(c, 0)),
            f(gov_cls.get(c, 0)),
            "",
        )
        for k, c in enumerate(lines_)
    ]
    rows += [
        row("本年收入合计", m + 1, f(tot), "本年支出合计", 2 * m + 7, f(tot), f(n.total("gpb")), f(n.total("gov")), ""),
        row("年初财政拨款结转和结余", m + 2, "", "年末财政拨款结转和结余", 2 * m + 8, "", "", "", ""),
        row("一般公共预算财政拨款", m + 3, "", "", 2 * m + 9, "", "", "", ""),
        row("政府性基金预算财政拨款", m + 4, "", "", 2 * m + 10, "", "", "", ""),
        row("国有资本经营预算财政拨款", m + 5, "", "", 2 * m + 11, "", "", "", ""),
        row("总计", m + 6, f(tot), "总计", 2 * m + 12, f(tot), f(n.total("gpb")), f(n.total("gov")), ""),
    ]
    doc.out(*header)
    doc.paged(rows, breaker(header))
    doc.out(
        "",
        "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
        "",
    )
    # 05 一般公共预算财政拨款支出决算表
    start(5, "一般公共预算财政拨款支出决算表")
    tree, total = func_tree(n.leaves, doc.leaf_values("gpb"), y)
    zero05 = "" if sx else "0.00"
    header = [
        row("", "项目", "", "本年支出", "") if sx else row("项目", "", "本年支出", "", ""),
        row("科目代码", "科目名称", "小计", "基本支出", "项目支出")
        if sx
        else row("功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"),
        row("", "栏次", "1", "2", "3") if sx else row("栏次", "", "1", "2", "3"),
    ]
    rows = [
        row("", "合计", f(total[0]), f(total[1]), f(total[2])) if sx else row("合计", "", f(total[0]), f(total[1]), f(total[2]))
    ]
    rows += [row(r.code, r.name, f(r.vals[0], zero=zero05), f(r.vals[1], zero=zero05), f(r.vals[2], zero=zero05)) for r in tree]
    doc.out(*header)
    doc.paged(rows, breaker(header))
    doc.out("", "注：本表反映部门本年度一般公共预算财政拨款支出情况。", "")
    # 06 基本支出决算表: groups side by side
    start(6, "一般公共预算财政拨款基本支出决算明细表" if sx else "一般公共预算财政拨款基本支出决算表")
    econ = n.econ
    cut = doc.noise["truncated_econ_codes"]

    def item(code: str) -> tuple[str, str, str]:
        v = econ.get(code, 0) if len(code) == 5 else sum(x for c, x in econ.items() if c.startswith(code))
        shown = code[:4] if (cut and len(code) == 5) else code
        return shown, ECON_NAMES[code], f(v)

    if sx:
        doc.basic_groups = 4
        g1 = ["301", *econ_items("301"), "303", *econ_items("303")]
        g2 = ["302", *econ_items("302")]
        g3 = ["307", *econ_items("307"), "309", *econ_items("309"), "310", *econ_items("310")[:9]]
        g4 = [
            *econ_items("310")[9:],
            "311",
            *econ_items("311"),
            "312",
            *econ_items("312"),
            "313",
            *econ_items("313"),
            "399",
            *econ_items("399"),
        ]
        groups = [g1, g2, g3, g4]
        header = [
            row("", "人员经费", "", "", "", "", "", "公用经费", "", "", "", ""),
            row(*["科目代码", "科目名称", "决算数"] * 4),
        ]
        total_row = row("", "人员经费合计", f(n.personnel()), "", "", "", "", "公用经费合计", "", "", "", f(n.public()))
    else:
        doc.basic_groups = 3
        g1 = ["301", *econ_items("301"), "303", *econ_items("303")]
        g2 = ["302", *econ_items("302")]
        g3 = ["307", *econ_items("307")[:2], "310", *econ_items("310"), "312", *econ_items("312"), "399", *econ_items("399")]
        groups = [g1, g2, g3]
        header = [row("人员经费", "", "", "公用经费", "", "", "", "", ""), row(*["科目 编码", "科目名称", "决算数"] * 3)]
        total_row = row("人员经费合计", "", f(n.personnel()), "公用经费合计", "", "", "", "", f(n.public()))
    depth = max(len(g) for g in groups)
    rows = []
    for k in range(depth):
        cells = []
        for g in groups:
            cells.extend(item(g[k]) if k < len(g) else ("", "", ""))
        rows.append(row(*cells))
    rows.append(total_row)
    doc.out(*header)
    doc.per_page = max(doc.per_page, 30)
    doc.paged(rows, breaker(header))
    doc.out("", "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。", "")
    render_last_tables(doc, start, sx)
