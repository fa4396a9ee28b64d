"""Layout P1: 项目支出绩效自评表 blocks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .printing import row

if TYPE_CHECKING:
    from .builder import DocumentBuilder


def render(doc: DocumentBuilder) -> None:
    projects = doc.perf_projects(doc.rng.randint(3, 18))
    for p in projects:
        doc.out("", "", *doc.selfeval_block(p, "项目支出绩效自评表"))
    budget = sum(p["budget_wan"] for p in projects)
    executed = sum(p["executed_wan"] for p in projects)
    doc.out(
        "",
        "# 县直部门绩效自评情况汇总表",
        "",
        row("单位名称", "项目个数", "预算金额（万元）", "执行金额（万元）", "平均得分"),
        row(
            doc.unit,
            len(projects),
            f"{budget:.2f}",
            f"{executed:.2f}",
            f"{sum(p['score'] for p in projects) / len(projects):.2f}",
        ),
        "",
    )
    doc.num.projects = projects
