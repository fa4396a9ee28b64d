"""The report's pages: data classes in, HTML out (Jinja2 templates, autoescaped).

Charts are made here from the data (``charts.py``) and passed to the templates as SVG
markup; everything else a template prints is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import charts
from .data import STAGES, DocumentRef, DocumentReport, Unit, UnitReport, YearView

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:,.4f}".rstrip("0").rstrip(".")


_ENV.globals.update(money=charts.money, number=_number)

EXPENSE_ORDER = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
BASIC_ORDER = ("人员经费", "公用经费")
THREE_PUBLIC_ORDER = ("因公出国(境)费", "公务用车购置及运行维护费", "公务接待费")


@dataclass
class YearCharts:
    view: YearView
    by_class_chart: Markup | None
    budget_vs_final: list[tuple[str, float | None, float | None]]
    expense_chart: Markup | None
    basic_chart: Markup | None
    score_chart: Markup | None


def _stacked(title: str, by_stage: dict[str, dict[str, float]], order: tuple[str, ...]) -> Markup | None:
    stages = [s for s in STAGES if s in by_stage]
    if not stages:
        return None
    names = [n for n in order if any(n in by_stage[s] for s in stages)]
    names += sorted({n for s in stages for n in by_stage[s]} - set(names))
    segments = [charts.Series(n, [by_stage[s].get(n) for s in stages]) for n in names]
    return Markup(charts.stacked_bars(title, stages, segments))


def year_charts(view: YearView) -> YearCharts:
    stages = view.stages
    classes = sorted(view.by_class, key=lambda c: -max(view.by_class[c].values()))
    by_class = None
    if classes:
        series = [charts.Series(s, [view.by_class[c].get(s) for c in classes]) for s in stages]
        by_class = Markup(charts.grouped_bars(f"{view.year} 按功能分类的支出（万元）", classes, series))
    budget_vs_final: list[tuple[str, float | None, float | None]] = []
    if stages == list(STAGES):
        budget_vs_final = [(c, view.by_class[c].get("预算"), view.by_class[c].get("决算")) for c in classes]
        total_budget = sum(b or 0.0 for _, b, _ in budget_vs_final)
        total_final = sum(f or 0.0 for _, _, f in budget_vs_final)
        budget_vs_final.append(("合计 total", total_budget, total_final))
    scored = [p for p in view.projects if p.score is not None]
    score_chart = None
    if scored:
        score_chart = Markup(
            charts.score_bars(
                f"{view.year} 项目绩效自评得分", [p.name for p in scored], [p.score for p in scored], [p.grade for p in scored]
            )
        )
    return YearCharts(
        view,
        by_class,
        budget_vs_final,
        _stacked(f"{view.year} 基本支出与项目支出（万元）", view.by_expense_type, EXPENSE_ORDER),
        _stacked(f"{view.year} 人员经费与公用经费（万元）", view.by_basic_type, BASIC_ORDER),
        score_chart,
    )


def three_public_chart(report: UnitReport) -> Markup | None:
    """One row per document's own stage and year; a 决算's printed budget column is a row of
    its own ('预算数（决算表）'), beside the actual it compares with — never added to it."""
    rows: dict[tuple[int, int], tuple[str, dict[str, float]]] = {}
    for (year, stage), items in report.three_public.items():
        rows[(year, STAGES.index(stage) * 2 if stage in STAGES else 9)] = (f"{year} {stage}", items)
    for year, items in report.three_public_budget_in_final.items():
        rows[(year, 1)] = (f"{year} 预算数（决算表）", items)
    if not rows:
        return None
    ordered = [rows[k] for k in sorted(rows)]
    names = [n for n in THREE_PUBLIC_ORDER if any(n in items for _, items in ordered)]
    names += sorted({n for _, items in ordered for n in items} - set(names))
    segments = [charts.Series(n, [items.get(n) for _, items in ordered]) for n in names]
    return Markup(charts.stacked_bars('"三公"经费（万元）', [label for label, _ in ordered], segments))


def render_unit(report: UnitReport, warehouse: str) -> str:
    return _ENV.get_template("unit.html").render(
        r=report,
        years=[year_charts(v) for v in report.years],
        three_public_chart=three_public_chart(report),
        warehouse=warehouse,
    )


def render_document(report: DocumentReport, warehouse: str) -> str:
    messages = dict(sorted({(c.rule_id, c.message) for c in report.failed}))
    return _ENV.get_template("document.html").render(d=report, rule_messages=messages.items(), warehouse=warehouse)


def render_index(units: list[Unit], documents: list[DocumentRef], warehouse: str) -> str:
    years = sorted({d.year for d in documents})
    return _ENV.get_template("index.html").render(
        units=units,
        documents=documents,
        years=years,
        failed_checks=sum(d.failed for d in documents),
        warehouse=warehouse,
    )
