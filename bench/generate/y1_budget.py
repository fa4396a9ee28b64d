"""Layout Y1: 部门预算…表 with 序号."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .printing import cn_num, econ_tree, func_tree, row
from .subjects import CLASS_LINES_BUDGET, FUNC_NAMES

if TYPE_CHECKING:
    from .builder import DocumentBuilder


def render(doc: DocumentBuilder) -> None:
    rng, n, y, u, f = doc.rng, doc.num, doc.year, doc.unit, doc.f
    unit_line = f"单位: {doc.unit_label}"
    head = [f"{doc.unit_code} {u}", "", f"预算年度: {y}", ""]
    titles = [
        "部门预算收支总表",
        "部门预算收入总表",
        "部门预算支出总表",
        "部门预算财政拨款收支总表",
        "部门预算一般公共预算财政拨款支出表",
        "部门预算一般公共预算财政拨款基本支出表",
        "部门预算政府性基金预算财政拨款支出表",
        "部门预算国有资本经营预算财政拨款支出表",
        '部门预算财政拨款"三公"经费支出表',
    ]
    doc.out(f"{y}年部门预算信息公开目录", "", row("部门预算公开表", ""))
    for k, t in enumerate(titles):
        doc.out(row(t, str(1 + 2 * k) if rng.random() < 0.7 else ""))
    doc.out(
        "部门预算信息公开情况说明",
        row("一、部门职责及机构设置情况", "17"),
        "",
        row("二、部门预算安排的总体情况", "18"),
        "",
        "三、机关运行经费安排情况.......19",
        "",
        '四、财政拨款"三公"经费预算情况及增减变化原因......19',
        "",
    )

    def breaker(header: list[str]) -> Callable[[], list[str]]:
        return lambda: ["", *head, *header]

    # 收支总表
    inc_labels = [
        "一、一般公共预算拨款收入",
        "二、政府性基金预算拨款收入",
        "三、国有资本经营预算拨款收入",
        "四、财政专户管理资金收入",
        "五、单位资金收入",
    ]
    inc_vals = [n.total("gpb") - n.carry(), n.total("gov"), 0, 0, 0]
    classes = doc.class_amounts()
    exp_lines = CLASS_LINES_BUDGET
    header = [
        row("", "收入", "", "支出", ""),
        row("序号", "项 目", "预算数", "项 目", "预算数"),
        row("栏次", "1", "2", "3", "4"),
    ]
    rows = []
    for k, cls in enumerate(exp_lines):
        label = inc_labels[k] if k < len(inc_labels) else ""
        val = f(inc_vals[k]) if k < len(inc_vals) else ""
        rows.append(row(k + 1, label, val, f"{cn_num(k + 1)}、{FUNC_NAMES[cls]}", f(classes.get(cls, 0))))
    k = len(exp_lines)
    rows.append(row(k + 1, "本年收入合计", f(n.total() - n.carry()), "本年支出合计", f(n.total())))
    rows.append(row(k + 2, "上年结转结余", f(n.carry()), "年终结转结余", ""))
    rows.append(row(k + 3, "收入总计", f(n.total()), "支出总计", f(n.total())))
    doc.out(titles[0], "", *head, unit_line, *header)
    doc.paged(rows, breaker(header))
    doc.blank()

    # 收入总表: the spanning '本年收入' lands over 小计 on some pages and mid-span ('本年' '收入') on others
    def income_header() -> list[str]:
        if rng.random() < 0.5:
            group = row("", "功能分类科目", "", "", "本年收入", "", "", "", "", "", "", "", "")
        else:
            group = row("", "功能", "分类科目", "", "", "", "", "本年", "收入", "", "", "", "")
        return [
            group,
            row(
                "序号",
                "科目编码",
                "科目名称",
                "合计",
                "小计",
                "财政拨款 收入",
                "财政专户 收入",
                "事业收入",
                "经营收入",
                "上级补助 收入",
                "附属单位 上缴收入",
                "其他收入",
                "上年结转",
            ),
            row("栏次", *[str(i) for i in range(1, 13)]),
        ]

    header = income_header()
    tree, total = func_tree(n.leaves, doc.leaf_values("income"), y)
    rows = [row(1, "", "合计", f(total[0]), f(total[1]), f(total[1]), "", "", "", "", "", "", f(total[2]))]
    for k, r in enumerate(tree, start=2):
        name = r.name
        wrap = None
        if doc.noise["wrapped_names"] and len(name) > 9:
            name, wrap = name[:7], name[7:]
        rows.append(row(k, r.code, name, f(r.vals[0]), f(r.vals[1]), f(r.vals[1]), "", "", "", "", "", "", f(r.vals[2])))
        if wrap:
            rows.append(row("", "", wrap, "", "", "", "", "", "", "", "", "", ""))
    doc.out(titles[1], "", *head, *header)
    doc.paged(rows, lambda: ["", *head, *income_header()])
    doc.blank()

    # 支出总表 (all funds)
    header = [
        row("", "功能分类科目", "", "", "", "", "", "上解上级", "对附属单位"),
        row("序号", "科目编码", "科目名称", "合计", "基本支出", "项目支出", "经营支出", "支出", "补助支出"),
        row("栏次", *[str(i) for i in range(1, 9)]),
    ]
    tree, total = func_tree(n.leaves, doc.leaf_values("all"), y)
    rows = [row(1, "", "合计", f(total[0]), f(total[1]), f(total[2]), "", "", "")]
    for r in tree:
        rows.append(row(len(rows) + 1, r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), "", "", ""))
    doc.out(titles[2], "", *head, *header)
    doc.paged(rows, breaker(header))
    doc.blank()

    # 财政拨款收支总表
    header = [
        row("", "收入", "", "支出", "", "", "", ""),
        row(
            "序号",
            "项目",
            "金额",
            "项 目",
            "合计",
            "一般公共预 算财政拨款",
            "政府性基金 预算财政 拨款",
            "国有资本经 营预算财政 拨款",
        ),
        row("栏次", *[str(i) for i in range(1, 8)]),
    ]
    gpb_cls, gov_cls = doc.class_amounts("gpb"), doc.class_amounts("gov")
    fin_inc = ["一、一般公共预算拨款", "二、政府性基金预算拨款", "三、国有资本经营预算拨款"]
    fin_vals = [n.total("gpb") - n.carry(), n.total("gov"), 0]
    rows = []
    for k, cls in enumerate(exp_lines):
        lab = fin_inc[k] if k < 3 else ""
        rows.append(
            row(
                k + 1,
                lab,
                f(fin_vals[k]) if k < 3 else "",
                f"{cn_num(k + 1)}、{FUNC_NAMES[cls]}",
                f(classes.get(cls, 0)),
                f(gpb_cls.get(cls, 0)),
                f(gov_cls.get(cls, 0)),
                "",
            )
        )
    k = len(exp_lines)
    rows += [
        row(
            k + 1,
            "本年收入合计",
            f(n.total() - n.carry()),
            "本年支出合计",
            f(n.total()),
            f(n.total("gpb")),
            f(n.total("gov")),
            "",
        ),
        row(k + 2, "年初财政拨款结转和结余", f(n.carry()), "年末财政拨款结转和结余", "", "", "", ""),
        row(k + 3, "一、一般公共预算拨款", f(n.carry()), "", "", "", "", ""),
        row(k + 4, "二、政府性基金预算拨款", "", "", "", "", "", ""),
        row(k + 5, "三、国有资本经营预算拨款", "", "", "", "", "", ""),
        row(k + 6, "收入总计", f(n.total()), "支出总计", f(n.total()), f(n.total("gpb")), f(n.total("gov")), ""),
    ]
    doc.out(titles[3], "", unit_line, "", *head, *header)
    doc.paged(rows, breaker(header))
    doc.blank()

    # 一般公共预算财政拨款支出表
    first = row(
        "序号",
        "功能分类科目",
        "",
        "A11." if doc.noise["ocr_header"] else "合计",
        "# * +" if doc.noise["ocr_header"] else "基本支出",
        "海日士山" if doc.noise["ocr_header"] else "项目支出",
    )
    header = [
        first,
        row(
            "净亏" if doc.noise["ocr_header"] else "",
            "科目编码",
            "科目名称",
            "一 合计" if doc.noise["ocr_header"] else "",
            "基本支出",
            "项目支出",
        ),
        row("栏次", "1", "2", "3", "4", "5"),
    ]
    tree, total = func_tree(n.leaves, doc.leaf_values("gpb"), y)
    rows = [row(1, "", "合计", f(total[0]), f(total[1]), f(total[2]))]
    rows += [row(k + 2, r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2])) for k, r in enumerate(tree)]
    doc.out(titles[4], "", *head, *header)
    doc.paged(rows, breaker(header))
    doc.blank()

    # 一般公共预算财政拨款基本支出表 (合计 / 人员经费 / 公用经费): the spanning '一般公共预算基本支出'
    # lands over 人员经费 (its centre) on some pages and over 合计 on others
    def basic_header() -> list[str]:
        if rng.random() < 0.5:
            return [
                row("序号", "", "支出部门经济分类科目", "", "一般公共预算基本支出", ""),
                row("序号", "科目编码", "科目名称", "合计", "人员经费", "公用经费"),
                row("栏次", "1", "2", "3", "4", "5"),
            ]
        return [
            row("序号", "支出部门经济分类科目", "", "一般公共预算基本支出", "", ""),
            row("", "科目编码", "科目名称", "合计", "人员经费", "公用经费"),
            row("栏次", "1", "2", "3", "4", "5"),
        ]

    header = basic_header()
    rows = [row(1, "", "合计", f(n.basic()), f(n.personnel()), f(n.public()))]
    for code, name, v in econ_tree(n.econ):
        pers = code[:3] in ("301", "303")
        rows.append(row(len(rows) + 1, code, name, f(v), f(v) if pers else "", "" if pers else f(v)))
    doc.out(titles[5], "", *head, *header)
    doc.paged(rows, lambda: ["", *head, *basic_header()])
    doc.blank()

    # 政府性基金 / 国有资本经营
    header = [
        row("序号", "功能分类科目", "", "合计", "基本支出", "项目支出"),
        row("", "科目编码", "科目名称", "", "", ""),
        row("栏次", "1", "2", "3", "4", "5"),
    ]
    doc.out(titles[6], "", *head, *header)
    if n.total("gov"):
        tree, total = func_tree(n.leaves, doc.leaf_values("gov"), y)
        doc.out(row(1, "", "合计", f(total[0]), f(total[1]), f(total[2])))
        doc.out(*[row(k + 2, r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2])) for k, r in enumerate(tree)])
    else:
        doc.out("", "注：无政府性基金预算财政拨款预算，空表列示。")
    doc.blank()
    doc.out(titles[7], "", *head, unit_line, "", *header, "", "注：无国有资本经营预算财政拨款预算，空表列示。", "")

    # "三公"
    doc.three_layout = "rows_by_fund"
    b = n.three["预算"]
    tot3 = sum(b.values())
    car = b["公务用车购置费"] + b["公务用车运行维护费"]
    header = [
        row("", "", "", "资 金 性 质", "", ""),
        row("序号", "项 目", "合计", "一般公共预算 财政拨款", "政府性基金 预算拨款", "国有资本经营 预算财政拨款"),
        row("栏次", "1", "2", "3", "4", "5"),
    ]
    rows = [
        row(1, '"三公"经费小计', f(tot3), f(tot3), "", ""),
        row(2, "一、因公出国(境)费", f(b["因公出国(境)费"]), f(b["因公出国(境)费"]), "", ""),
        row(3, "其中：教学科研人员因公出国 (境)费", "", "", "", ""),
        row(4, "其他因公出国(境)费", f(b["因公出国(境)费"]), f(b["因公出国(境)费"]), "", ""),
        row(5, "二、公务用车购置及运维费", f(car), f(car), "", ""),
        row(6, "其中：公务用车购置费", f(b["公务用车购置费"]), f(b["公务用车购置费"]), "", ""),
        row(7, "公务用车运行维护费", f(b["公务用车运行维护费"]), f(b["公务用车运行维护费"]), "", ""),
        row(8, "三、公务接待费", f(b["公务接待费"]), f(b["公务接待费"]), "", ""),
    ]
    doc.out(titles[8], "", *head, *header, *rows, "")

    # narrative
    doc.out(
        f"{u} {y} 年部门预算信息公开情况说明",
        "",
        f"按照《中华人民共和国预算法》、《地方预决算公开操作规程》规定，现将{u}{y}年部门预算公开如下：",
        "",
        "一、部门职责及机构设置情况",
        "",
        "部门职责:",
        "",
    )
    for d in doc.duties():
        doc.out(d, "")
    doc.out(
        "机构设置:",
        "",
        row("单位名称", "单位性质", "单位规格", "经费保障形式"),
        row(f"{doc.dept.name}本级", doc.dept.kind, "正科级", "财政拨款"),
        "",
        "二、部门预算安排的总体情况",
        "",
    )
    for p in doc.overview_paragraphs():
        doc.out(p, "")
    doc.out("支出按功能科目分类的明细情况", "", *doc.explanations())
    doc.out(
        "三、机关运行经费安排情况",
        "",
        f"{y}年，我单位机关运行经费共计安排{doc.w(n.public())}万元，主要用于日常维修、办公用房水电、办公用房取暖等日常运行支出。",
        "",
        "十、名词解释",
        "",
        *doc.glossary(),
    )
    projects = doc.perf_projects(rng.randint(2, 14))
    if projects:
        doc.out("七、部门项目预算安排情况及绩效目标", "")
        for k, p in enumerate(projects, start=1):
            doc.out(*doc.target_block(p, k))
