"""Layout Y2: 一、收支预算总表 + <year> 年度…表."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .printing import cn_num, func_tree, row
from .subjects import CLASS_LINES_FINAL, ECON_CLASSES, ECON_NAMES, FUNC_NAMES, econ_items

if TYPE_CHECKING:
    from .builder import DocumentBuilder


def render(doc: DocumentBuilder) -> None:
    rng, n, y, u, f = doc.rng, doc.num, doc.year, doc.unit, doc.f
    doc.out(
        f"{y} 年度",
        u,
        "部门预算",
        "目录",
        "第一部分 部门概况 " + "." * 60 + "1",
        "一、主要职能 " + "." * 60 + "1",
        f"第二部分 {y} 年度部门预算表 " + "." * 50 + "7",
        f"第三部分 {y} 年度部门预算情况说明 " + "." * 40 + "20",
        "第四部分 名词解释 " + "." * 50 + "26",
        "第一部分",
        "部门概况",
        "一、主要职能",
    )
    for d in doc.duties():
        doc.out(d)
    doc.out(doc.page_no(), "第二部分", f"{y} 年度部门预算表", doc.page_no())
    plain = lambda: [doc.page_no()]  # noqa: E731  page number only at page breaks

    def title(k: int, name: str) -> None:
        doc.out(f"{cn_num(k)}、{name}", f"{y} 年度{name}", "单位：万元")

    classes = doc.class_amounts()
    final_lines = CLASS_LINES_FINAL
    inc_labels = [
        "一、一般公共预算拨款收入",
        "二、政府性基金预算拨款收入",
        "三、国有资本经营预算拨款收入",
        "四、财政专户管理资金收入",
        "五、事业收入",
        "六、事业单位经营收入",
        "七、上级补助收入",
        "八、附属单位上缴收入",
        "九、其他收入",
    ]
    inc_vals = [n.total("gpb"), n.total("gov")] + [0] * 7
    # 收支预算总表
    title(1, "收支预算总表")
    doc.out(row("收入", "", "支出", ""), row("项目", "预算数", "项目", "预算数"))
    rows = [
        row(
            inc_labels[k] if k < 9 else "",
            f(inc_vals[k]) if k < 9 else "",
            f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
            f(classes.get(c, 0)),
        )
        for k, c in enumerate(final_lines)
    ]
    rows += [
        row("本年收入合计", f(n.total()), "本年支出合计", f(n.total())),
        row("上年结转结余", "0.00", "结转下年支出", "0.00"),
        row("收入合计", f(n.total()), "支出合计", f(n.total())),
    ]
    doc.paged(rows, plain)
    doc.out(doc.page_no())
    # 收入预算总表
    title(2, "收入预算总表")
    doc.out(
        row(
            "单位名称",
            "合计",
            "一般公共预算拨款收入",
            "政府性基金预算拨款收入",
            "国有资本经营预算拨款收入",
            "财政专户管理资金收入",
            "事业收入",
            "事业单位经营收入",
            "上级补助收入",
            "附属单位上缴收入",
            "其他收入",
            "上年结转结余",
        ),
        row("合计", f(n.total()), f(n.total("gpb")), f(n.total("gov"), zero="0.00"), *["0.00"] * 8),
        row(u, f(n.total()), f(n.total("gpb")), f(n.total("gov")), *[""] * 8),
        doc.page_no(),
    )
    # 支出预算总表
    title(3, "支出预算总表")
    header = row("科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出")
    tree, total = func_tree(n.leaves, doc.leaf_values("all"), y)
    rows = [row("合计", "", f(total[0]), f(total[1]), f(total[2]), "0.00", "0.00", "0.00")]
    rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), "", "", "") for r in tree]
    doc.out(header)
    doc.paged(rows, plain)
    doc.out(doc.page_no())
    # 财政拨款收支预算总表
    title(4, "财政拨款收支预算总表")
    doc.out(row("收入", "", "支出", ""), row("项目", "预算数", "项目", "预算数"))
    fin = ["一、一般公共预算拨款收入", "二、政府性基金预算拨款收入", "三、国有资本经营预算拨款收入"]
    rows = [
        row(
            fin[k] if k < 3 else "",
            f([n.total("gpb"), n.total("gov"), 0][k]) if k < 3 else "",
            f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
            f(classes.get(c, 0)),
        )
        for k, c in enumerate(final_lines)
    ]
    rows.append(row("收入合计", f(n.total()), "支出合计", f(n.total())))
    doc.paged(rows, plain)
    doc.out(doc.page_no())
    # 一般公共预算拨款支出预算表
    title(5, "一般公共预算拨款支出预算表")
    doc.out(row("科目编码", "科目名称", "小计", "其中：", ""), row("", "", "", "基本支出", "项目支出"))
    tree, total = func_tree(n.leaves, doc.leaf_values("gpb"), y)
    rows = [row("合计", "", f(total[0]), f(total[1]), f(total[2]))]
    rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2])) for r in tree]
    doc.paged(rows, plain)
    doc.out(doc.page_no())
    # 政府性基金 / 国有资本经营
    title(6, "政府性基金预算拨款支出预算表")
    doc.out(row("科目编码", "科目名称", "小计", "其中：", ""), row("", "", "", "基本支出", "项目支出"))
    if n.total("gov"):
        tree, total = func_tree(n.leaves, doc.leaf_values("gov"), y)
        doc.out(
            row("合计", "", f(total[0]), "0.00", f(total[2])),
            *[row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2])) for r in tree],
        )
    else:
        doc.out(row("合计", "", "0.00", "0.00", "0.00"), f"备注：本部门 {y} 年没有使用政府性基金预算拨款安排的支出。")
    doc.out(doc.page_no())
    title(7, "国有资本经营预算拨款支出预算表")
    doc.out(
        row("科目编码", "科目名称", "小计", "其中：", ""),
        row("", "", "", "基本支出", "项目支出"),
        row("合计", "", "0.00", "0.00", "0.00"),
        f"备注：本部门 {y} 年没有使用国有资本经营预算拨款安排的支出。",
        doc.page_no(),
    )
    # 一般公共预算支出经济分类情况表 (类 only, basic + project)
    title(8, "一般公共预算支出经济分类情况表")
    all_econ = dict(n.econ)
    for code, v in doc.project_econ().items():
        all_econ[code] = all_econ.get(code, 0) + v
    doc.out(row("科目编码", "科目名称", "预算数"), row("合计", "", f(n.total("gpb"))))
    for cls in ECON_CLASSES:
        doc.out(row(cls, ECON_NAMES[cls], f(sum(v for c, v in all_econ.items() if c.startswith(cls)))))
    doc.out(doc.page_no())
    # 一般公共预算基本支出经济分类情况表 (预算数 only, every item printed)
    title(9, "一般公共预算基本支出经济分类情况表")
    doc.out(row("科目编码", "科目名称", "预算数"))
    rows = [row("合计", "", f(n.basic()))]
    for cls in ECON_CLASSES:
        rows.append(row(cls, ECON_NAMES[cls], f(sum(v for c, v in n.econ.items() if c.startswith(cls)))))
        rows += [row(c, ECON_NAMES[c], f(n.econ.get(c, 0))) for c in econ_items(cls)]
    doc.per_page = max(doc.per_page, 40)
    doc.paged(rows, plain)
    doc.out(doc.page_no())
    # "三公"
    doc.three_layout = "rows_budget"
    b = n.three["预算"]
    title(10, "一般公共预算“三公”经费支出预算表")
    doc.out(
        row("项目", "预算数"),
        row("合计", f(sum(b.values()), zero="0.00")),
        row("1、因公出国（境）费用", f(b["因公出国(境)费"], zero="0.00")),
        row("2、公务接待费", f(b["公务接待费"], zero="0.00")),
        row("3、公务用车购置及运行费", f(b["公务用车购置费"] + b["公务用车运行维护费"], zero="0.00")),
        row("其中：（1）公务用车购置费", f(b["公务用车购置费"], zero="0.00")),
        row("（2）公务用车运行费", f(b["公务用车运行维护费"], zero="0.00")),
        doc.page_no(),
    )
    doc.out("第三部分", f"{y} 年度部门预算情况说明", "一、预算收支总体情况")
    for p in doc.overview_paragraphs() + [e for e in doc.explanations() if e] + [g for g in doc.glossary() if g]:
        # printed PDF text wraps at ~28 characters
        doc.out(*[p[k : k + 28] for k in range(0, len(p), 28)])
    projects = doc.perf_projects(rng.randint(2, 13))
    if projects:
        doc.out(doc.page_no(), "1.项目支出绩效目标表")
        for k, p in enumerate(projects, start=1):
            doc.out(*doc.target_block(p, k))
