"""Layout Y3, 表5 to 表12: the 一般公共预算 and 基本支出 detail tables, the "三公" table and the 绩效 blocks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .printing import econ_tree, func_tree, row
from .subjects import ECON_NAMES, GOV_CLASS_NAMES, econ_items, gov_econ

if TYPE_CHECKING:
    from .builder import DocumentBuilder


def render_details(doc: DocumentBuilder, t: str, names: list[str], ucode: str, pe: dict[str, int]) -> None:
    rng, n, y, u, f = doc.rng, doc.num, doc.year, doc.unit, doc.f
    stars = lambda k: row(*["**"] * k)  # noqa: E731
    # 表5 一般公共预算支出明细表（按支出功能分类科目）: 合计 / 人员经费 / 公用经费 / 专项业务经费
    gpb_leaves = [l for l in n.leaves if l.fund == "gpb"]
    # personnel / public per leaf: the run leaves carry the 公用经费, the others are all personnel
    pub_left = n.public()
    per_leaf: dict[str, tuple[int, int]] = {}
    for l in sorted(gpb_leaves, key=lambda l: (l.code not in doc.dept.run, l.code)):
        pub = min(pub_left, l.basic) if l.code in doc.dept.run else 0
        pub_left -= pub
        per_leaf[l.code] = (l.basic - pub, pub)
    if pub_left:  # the public money did not fit in the run leaves: put it where basic money is
        for l in gpb_leaves:
            pers, pub = per_leaf[l.code]
            move = min(pers, pub_left)
            per_leaf[l.code] = (pers - move, pub + move)
            pub_left -= move
    vals = (
        lambda l: (l.total, per_leaf.get(l.code, (0, 0))[0], per_leaf.get(l.code, (0, 0))[1], l.project)
        if l.fund == "gpb"
        else (0, 0, 0, 0)
    )  # noqa: E731
    tree, total = func_tree(n.leaves, vals, y)
    doc.total_label = rng.choice(["", "合计"])
    doc.out(
        f"### {names[4]}",
        "",
        "单位：元",
        "",
        row("功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "专项业务经费支出", "备注"),
        stars(7),
        row("", doc.total_label, *[f(v) for v in total], ""),
    )
    doc.out(*[row(r.code, r.name, *[f(v) for v in r.vals], "") for r in tree], "", "表6", "")
    # 表6 一般公共预算支出明细表（按支出经济分类科目）
    doc.out(
        names[5],
        "",
        "单位：元",
        "",
        row(
            "部门经济科目编码",
            "部门经济科目名称",
            "政府经济科目编码",
            "政府经济科目名称",
            "合计",
            "人员经费支出",
            "公用经费支出",
            "专项业务经费支出",
            "备注",
        ),
        stars(9),
    )
    allc = sorted(set(n.econ) | set(pe))
    for cls in sorted({c[:3] for c in allc}):
        items = [c for c in allc if c.startswith(cls)]

        def agg(cs):
            pers = sum(n.econ.get(c, 0) for c in cs if c[:3] in ("301", "303"))
            pub = sum(n.econ.get(c, 0) for c in cs if c[:3] not in ("301", "303"))
            proj = sum(pe.get(c, 0) for c in cs)
            return pers + pub + proj, pers, pub, proj

        g = gov_econ(items[0], doc.dept.kind)[0][:3]
        tot, pers, pub, proj = agg(items)
        doc.out(
            row(
                cls,
                ECON_NAMES[cls],
                g,
                GOV_CLASS_NAMES.get(g, ""),
                f(tot, decimals=False),
                f(pers, decimals=False),
                f(pub, decimals=False),
                f(proj, decimals=False),
                "",
            )
        )
        for c in items:
            gc, gn = gov_econ(c, doc.dept.kind)
            tot, pers, pub, proj = agg([c])
            doc.out(
                row(
                    c,
                    ECON_NAMES[c],
                    gc,
                    gn,
                    f(tot, decimals=False),
                    f(pers, decimals=False),
                    f(pub, decimals=False),
                    f(proj, decimals=False),
                    "",
                )
            )
    doc.out("", "表7", "")
    # 表7 基本支出明细表（按支出功能分类科目）
    vals7 = lambda l: (l.basic, *per_leaf.get(l.code, (0, 0))) if l.fund == "gpb" else (0, 0, 0)  # noqa: E731
    tree, total = func_tree(n.leaves, vals7, y)
    doc.out(
        f"## {names[6]}",
        "",
        "单位：元",
        "",
        row("功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "备注"),
        stars(6),
        row("", doc.total_label, *[f(v) for v in total], ""),
        *[row(r.code, r.name, *[f(v) for v in r.vals], "") for r in tree],
        "",
        "表8",
        "",
    )
    # 表8 基本支出明细表（支出经济分类科目）
    doc.out(
        names[7].replace("（按支出经济", "（支出经济"),
        "",
        "单位：元",
        "",
        row(
            "部门经济科目编码",
            "部门经济科目名称",
            "政府经济科目编码",
            "政府经济科目名称",
            "合计",
            "人员经费支出",
            "公用经费支出",
            "备注",
        ),
        stars(8),
    )
    for code, name, v in econ_tree(n.econ):
        pers = code[:3] in ("301", "303")
        gc, gn = gov_econ(code if len(code) == 5 else (econ_items(code)[0] if econ_items(code) else code), doc.dept.kind)
        if len(code) == 3:
            gc, gn = gc[:3], GOV_CLASS_NAMES.get(gc[:3], "")
        doc.out(
            row(
                code,
                name,
                gc,
                gn,
                f(v, decimals=False),
                f(v, decimals=False) if pers else "",
                "" if pers else f(v, decimals=False),
                "",
            )
        )
    doc.out("", "", "表12", "")
    # 表12 "三公": one line per unit, last year | this year | change, each 合计 + 三公 parts + 会议费 + 培训费
    doc.three_layout = "by_unit_three_years"
    b = n.three["预算"]
    meet, train = n.econ.get("30215", 0), n.econ.get("30216", 0)
    last = {k: int(v * rng.uniform(0.7, 1.3)) for k, v in b.items()}
    last_meet, last_train = int(meet * rng.uniform(0.7, 1.3)), int(train * rng.uniform(0.7, 1.3))

    def block(x, m, tr, sign=False):
        car = x["公务用车购置费"] + x["公务用车运行维护费"]
        three = sum(x.values())
        vals = [
            three + m + tr,
            three,
            x["因公出国(境)费"],
            x["公务接待费"],
            car,
            x["公务用车购置费"],
            x["公务用车运行维护费"],
            m,
            tr,
        ]
        return [("-" if v < 0 else "") + f(abs(v), zero="0", decimals=False) for v in vals]

    diff = {k: b[k] - last[k] for k in b}
    head3 = ["合计", "一般公共预算拨款安排的“三公”经费预算", "", "", "", "", "", "会议费", "培训费"]
    doc.out(
        f"{y}年{t}一般公共预算拨款“三公”经费、会议费、培训费表（不含上年结转）",
        "单位：元",
        row("单位编码", "单位名称", f"{y - 1}年", *[""] * 8, f"{y}年", *[""] * 8, "增减变化情况", *[""] * 8),
        row("", "", *head3 * 3),
        row("", "", *["", "小计", "因公出国（境）费用", "公务接待费", "公务用车购置及运行维护费", "", "", "", ""] * 3),
        row("", "", *["", "", "", "", "小计", "公务用车购置费", "公务用车运行费", "", ""] * 3),
        row(
            "",
            "合计",
            *block(last, last_meet, last_train),
            *block(b, meet, train),
            *block(diff, meet - last_meet, train - last_train),
        ),
        row(
            ucode,
            u,
            *block(last, last_meet, last_train),
            *block(b, meet, train),
            *block(diff, meet - last_meet, train - last_train),
        ),
        "",
    )
    projects = doc.perf_projects(rng.randint(0, 2))
    for p in projects:
        doc.out(
            "单位预算专项业务经费绩效目标表",
            "",
            row("项目名称", "", p["name"], "", "", ""),
            row("主管部门", "", u, "", "", ""),
            row("资金金额 (万元)", "", "实施期资金总额:", "", f"{p['budget_wan']:g}", ""),
            row("年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注"),
            row("", "产出指标", "数量指标", f"保障{doc.dept.duty}工作", "100%", ""),
            "",
        )
