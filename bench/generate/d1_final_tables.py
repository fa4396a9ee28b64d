"""Layout D1, 公开07 to 09表 (政府性基金, "三公", 机关运行经费) and the self-evaluations at the end."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .printing import func_tree, row

if TYPE_CHECKING:
    from .builder import DocumentBuilder


def render_last_tables(doc: DocumentBuilder, start: Callable[[int, str], list[str]], sx: bool) -> None:
    rng, n, y, f = doc.rng, doc.num, doc.year, doc.f
    # 07 / 08 / 09
    three_no, gov_no, cap_no = (9, 7, 8) if sx else (7, 8, 9)
    order = sorted([(three_no, "three"), (gov_no, "gov"), (cap_no, "cap")])
    for no, what in order:
        if what == "gov":
            start(no, "政府性基金预算财政拨款收入支出决算表")
            doc.out(
                row("项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"),
                row("功能分类科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""),
                row("栏次", "", "1", "2", "3", "4", "5", "6"),
            )
            if n.total("gov"):
                tree, total = func_tree(n.leaves, doc.leaf_values("gov"), y)
                doc.out(
                    row("合计", "", "", f(total[0]), f(total[0]), "", f(total[2]), ""),
                    *[row(r.code, r.name, "", f(r.vals[0]), f(r.vals[0]), "", f(r.vals[2]), "") for r in tree],
                )
            else:
                doc.out(row("合计", "", "", "", "", "", "", ""), "", "说明：本表无数据")
            doc.out("", "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。", "")
        elif what == "cap":
            start(no, "国有资本经营预算财政拨款支出决算表")
            doc.out(
                row("项目", "", "本年支出", "", ""),
                row("功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                row("栏次", "", "1", "2", "3"),
                row("合计", "", "", "", ""),
                "",
                "说明：本表无数据",
                "",
            )
        else:
            start(no, '财政拨款"三公"经费支出决算表' if sx else "财政拨款“三公”经费支出决算表")
            b, d = n.three["预算"], n.three["决算"]
            if sx and rng.random() < 0.7:
                doc.three_layout = "wide12"

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

                doc.out(
                    row("预算数", "", "", "", "", "", "决算数", "", "", "", "", ""),
                    row(*["合计", "因公出国 (境) 费", "公务用车购置及运行维护费", "", "", "公务接待费"] * 2),
                    row(*["合计", "", "小计", "公务用车 购置费", "公务用车 运行维护 费", ""] * 2),
                    row(*[str(i) for i in range(1, 13)]),
                    row(*six(b), *six(d)),
                )
            else:
                doc.three_layout = "rows_budget_final"
                cb = b["公务用车购置费"] + b["公务用车运行维护费"]
                cd = d["公务用车购置费"] + d["公务用车运行维护费"]
                doc.out(
                    row("项 目", "预算数", "决算数"),
                    row("合 计", f(sum(b.values())), f(sum(d.values()))),
                    row("1、因公出国（境）费", f(b["因公出国(境)费"]), f(d["因公出国(境)费"])),
                    row("2、公务接待费", f(b["公务接待费"]), f(d["公务接待费"])),
                    row("3、公务用车购置及运行费", f(cb), f(cd)),
                    row("其中：(1) 公务用车运行维护费", f(b["公务用车运行维护费"]), f(d["公务用车运行维护费"])),
                    row("(2) 公务用车购置费", f(b["公务用车购置费"]), f(d["公务用车购置费"])),
                )
            doc.out(
                "",
                "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为年初预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
                "",
            )
    if sx:
        start(10, "部门决算公开相关信息统计表")
        buy = int(n.public() * rng.uniform(0.0, 0.4))
        goods = int(buy * rng.uniform(0.3, 1.0))
        doc.out(
            row("一、政府采购情况", "", ""),
            row("项目", "行次", "统计数"),
            row("合计", "1", f(buy)),
            row("货物", "2", f(goods)),
            row("工程", "3", ""),
            row("服务", "4", f(buy - goods)),
            row("二、机关运行经费", "", ""),
            row("项目", "", "统计数"),
            row("（一）行政单位", "5", f(n.public()) if doc.dept.kind == "行政" else ""),
            row("（二）参照公务员法管理事业单位", "6", ""),
            row("三、国有资产占用情况", "", ""),
            row("（一）车辆数合计（辆）", "7", str(rng.randint(0, 4))),
            row("1. 主要负责人用车", "8", ""),
            row("2. 机要通信用车", "9", ""),
            row("3. 其他用车", "10", ""),
            row("（二）单价100万元（含）以上设备（不含车辆）", "11", ""),
            "",
            "注: 本表反映部门本年度政府采购、机关运行经费和国有资产占用情况。",
            "",
        )
    # doc-evaluations at the end
    projects = doc.perf_projects(rng.randint(0, 9))
    if projects:
        doc.out("第三部分 附件" if sx else "## 第五部分 附件", "")
        for p in projects:
            doc.out(*doc.selfeval_block(p, f"{p['name']}项目支出绩效自评表"))
    doc.num.projects = projects
