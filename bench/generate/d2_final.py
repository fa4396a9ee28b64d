"""Layout D2: 表 N + title on every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .printing import cn_num, func_tree, row
from .subjects import CLASS_LINES_FINAL, ECON_NAMES, FUNC_NAMES, econ_items

if TYPE_CHECKING:
    from .builder import DocumentBuilder


def render(doc: DocumentBuilder) -> None:
    rng, n, y, u, f = doc.rng, doc.num, doc.year, doc.unit, doc.f
    ul = doc.unit_label
    doc.out(
        f"{y} 年{u} 部门决算",
        "1",
        "目  录",
        f"第一部分 {u} 概况",
        "一、部门主要职责",
        "二、部门决算单位构成",
        f"第二部分 {u} {y} 年部门决算表",
    )
    tables = [
        "收入支出决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表",
        "一般公共预算财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
    ]
    for k, t in enumerate(tables, start=1):
        doc.out(f"{cn_num(k)}、{t}")
    doc.out(
        f"第三部分 {u} {y} 年部门决算情况说明",
        "第四部分 名词解释",
        doc.page_no(),
        f"第一部分 {u} 概况",
        "（一） 部门主要职责",
    )
    for d in doc.duties():
        doc.out(*[d[k : k + 30] for k in range(0, len(d), 30)])
    doc.out(
        "（二） 部门决算单位构成",
        "我部门没有下属单位，按照部门决算编报要求，单独编制本",
        "部门决算。",
        doc.page_no(),
        f"第二部分 {u} {y} 年部门决算表",
    )
    dept_line = f"部门： {u}  单位：{ul}"

    def start(no: int, title: str, header: list[str], rows: list[str], note: str) -> None:
        top = [f"表 {no}", title, dept_line, *header]
        doc.out(*top)
        doc.paged(rows, lambda: [doc.page_no(), *top])
        doc.out(note, doc.page_no())

    classes, gpb_cls, gov_cls = doc.class_amounts(), doc.class_amounts("gpb"), doc.class_amounts("gov")
    tot = n.total()
    lines_ = CLASS_LINES_FINAL[:22] if y <= 2020 else CLASS_LINES_FINAL
    m = len(lines_)
    inc = [
        "一、一般公共预算财政拨款收入",
        "二、政府性基金预算财政拨款收入",
        "三、上级补助收入",
        "四、事业收入",
        "五、经营收入",
        "六、附属单位上缴收入",
        "七、其他收入",
    ]
    inc_v = [n.total("gpb"), n.total("gov")] + [0] * 5
    rows = [
        row(
            inc[k] if k < 7 else "",
            k + 1,
            f(inc_v[k]) if k < 7 else "",
            f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
            m + 4 + k,
            f(classes.get(c, 0)),
        )
        for k, c in enumerate(lines_)
    ]
    rows += [
        row("本年收入合计", m + 1, f(tot), "本年支出合计", 2 * m + 4, f(tot)),
        row("用事业基金弥补收支差额", m + 2, f(0), "结余分配", 2 * m + 5, f(0)),
        row("年初结转和结余", m + 3, f(0), "年末结转和结余", 2 * m + 6, f(0)),
        row("总计", m + 4, f(tot), "总计", 2 * m + 7, f(tot)),
    ]
    start(
        1,
        tables[0],
        [
            row("收入", "", "", "支出", "", ""),
            row("项 目", "行次", "决算数", "项 目", "行次", "决算数"),
            row("栏 次", "", "1", "栏 次", "", "2"),
        ],
        rows,
        "注：本表反映部门本年度的总收支和年末结转情况。本表金额转换为万元时，因四舍五入可能存在尾差。",
    )
    tree, total = func_tree(n.leaves, doc.leaf_values("all"), y)
    rows = [row("", "合计", f(total[0]), f(total[0]), *[f(0)] * 5)]
    rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[0]), *[f(0)] * 5) for r in tree]
    start(
        2,
        tables[1],
        [
            row(
                "项 目",
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
        ],
        rows,
        "注：本表反映部门本年度取得的各项收入情况。",
    )
    rows = [row("", "合计", f(total[0]), f(total[1]), f(total[2]), f(0), f(0), f(0))]
    rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2]), f(0), f(0), f(0)) for r in tree]
    start(
        3,
        tables[2],
        [
            row("项 目", "", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
            row("功能分类科目编码", "科目名称", *[""] * 6),
            row("栏次", "", *[str(i) for i in range(1, 7)]),
        ],
        rows,
        "注：本表反映部门本年度各项支出情况。",
    )
    fin = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款"]
    rows = [
        row(
            fin[k] if k < 2 else "",
            k + 1,
            f([n.total("gpb"), n.total("gov")][k]) if k < 2 else "",
            f"{cn_num(k + 1)}、{FUNC_NAMES[c]}",
            m + 6 + k,
            f(classes.get(c, 0)),
            f(gpb_cls.get(c, 0)),
            f(gov_cls.get(c, 0)),
        )
        for k, c in enumerate(lines_)
    ]
    rows += [
        row("本年收入合计", m + 1, f(tot), "本年支出合计", 2 * m + 6, f(tot), f(n.total("gpb")), f(n.total("gov"))),
        row("年初财政拨款结转和结余", m + 2, f(0), "年末财政拨款结转和结余", 2 * m + 7, f(0), f(0), f(0)),
        row("一般公共预算财政拨款", m + 3, f(0), "", 2 * m + 8, "", "", ""),
        row("政府性基金预算财政拨款", m + 4, f(0), "", 2 * m + 9, "", "", ""),
        row("总计", m + 5, f(tot), "总计", 2 * m + 10, f(tot), f(n.total("gpb")), f(n.total("gov"))),
    ]
    start(
        4,
        tables[3],
        [
            row("收入", "", "", "支出", "", "", "", ""),
            row("项 目", "行次", "金额", "项 目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"),
            row("栏 次", "", "1", "栏 次", "", "2", "3", "4"),
        ],
        rows,
        "注：本表反映部门本年度财政拨款的总收支和年末结转结余情况。",
    )
    tree, total = func_tree(n.leaves, doc.leaf_values("gpb"), y)
    rows = [row("", "合计", f(total[0]), f(total[1]), f(total[2]))]
    rows += [row(r.code, r.name, f(r.vals[0]), f(r.vals[1]), f(r.vals[2])) for r in tree]
    start(
        5,
        tables[4],
        [
            row("项 目", "", "本年支出合计", "基本支出", "项目支出"),
            row("功能分类科目编码", "科目名称", "", "", ""),
            row("栏次", "", "1", "2", "3"),
        ],
        rows,
        "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。",
    )
    # 2-group basic table: 人员经费 left, 公用经费 right (longer)
    doc.basic_groups = 2
    econ = n.econ

    def item(code: str) -> tuple[str, str, str]:
        v = econ.get(code, 0) if len(code) == 5 else sum(x for c, x in econ.items() if c.startswith(code))
        return code, ECON_NAMES[code], f(v)

    left = ["301", *econ_items("301"), "303", *[c for c in econ_items("303") if c != "30311"]]
    right = ["302", *econ_items("302"), "307", *econ_items("307")[:2], "310", *econ_items("310"), "399", *econ_items("399")]
    rows = []
    for k in range(max(len(left), len(right))):
        lc = item(left[k]) if k < len(left) else ("", "", "")
        rc = item(right[k]) if k < len(right) else ("", "", "")
        rows.append(row(*lc, *rc))
    rows.append(row("", "人员经费合计", f(n.personnel()), "", "公用经费合计", f(n.public())))
    start(
        6,
        tables[5],
        [
            row("人员经费", "", "", "公用经费", "", ""),
            row("经济分类科目编码", "科目名称", "金额", "经济分类科目编码", "科目名称", "金额"),
        ],
        rows,
        "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    )
    # "三公" 12 columns with two header lines
    doc.three_layout = "wide12_two_headers"
    b, d = n.three["预算"], n.three["决算"]

    def six(x):
        car = x["公务用车购置费"] + x["公务用车运行维护费"]
        return [
            f(sum(x.values())),
            f(x["因公出国(境)费"]),
            f(car),
            f(x["公务用车购置费"]),
            f(x["公务用车运行维护费"]),
            f(x["公务接待费"]),
        ]

    start(
        7,
        tables[6],
        [
            row("预算数", "", "", "", "", "", "决算数", "", "", "", "", ""),
            row(*["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"] * 2),
            row(*["", "", "小计", "公务用车购置费", "公务用车运行费", ""] * 2),
            row(*[str(i) for i in range(1, 13)]),
        ],
        [row(*six(b), *six(d))],
        "注：本表反映部门本年度财政拨款“三公”经费支出情况。",
    )
    gov_rows = [row("", "合计", f(0), f(n.total("gov")), f(n.total("gov")), f(0), f(n.total("gov")), f(0))]
    if n.total("gov"):
        tree, _ = func_tree(n.leaves, doc.leaf_values("gov"), y)
        gov_rows += [row(r.code, r.name, f(0), f(r.vals[0]), f(r.vals[0]), f(0), f(r.vals[2]), f(0)) for r in tree]
    start(
        8,
        tables[7],
        [
            row("项 目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"),
            row("功能分类科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""),
            row("栏次", "", "1", "2", "3", "4", "5", "6"),
        ],
        gov_rows,
        "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
    )
    doc.out(f"第三部分 {u} {y} 年部门决算情况说明")
    for p in doc.overview_paragraphs() + [e for e in doc.explanations() if e]:
        doc.out(*[p[k : k + 30] for k in range(0, len(p), 30)])
    doc.out(doc.page_no(), "第四部分 名词解释")
    for p in [g for g in doc.glossary(numbered="cn") if g]:
        doc.out(*[p[k : k + 30] for k in range(0, len(p), 30)])
    projects = doc.perf_projects(rng.randint(0, 4))
    for p in projects:
        doc.out(doc.page_no(), *doc.selfeval_block(p, "项目支出绩效自评表"))
    doc.num.projects = projects
