"""Performance tables of a document -> PerformanceResult.

Handles the 绩效目标表 printed with budgets (project targets, 专项业务经费 and 整体支出 targets)
and the 绩效自评表 printed after the year (project self-evaluations in three layouts, the
unit-wide 整体 self-evaluation) plus the 绩效自评情况汇总表.

The text comes from PDF extractors: cells are left-packed (a merged cell printed on another
row leaves no empty cell, so columns shift), level cells (一级/二级指标) are printed once per
group or vertically one character per line, names wrap onto the next line, page headers
repeat, and OCR damages numbers ('55. 875', '5, 597') and words ('満意度', '时效指称'). So rows
are read by what their cells contain (level words, a name, operator values, a numeric
weight/score tail) and by the table's own header positions where the row still lines up
with them. Nothing here is keyed to one document; every rule is about table semantics.

The segmenter (ingest/segment.py, vocabulary table_title) is the one place a 绩效 table is
recognised, with its kind (perf_target, perf_unit_target, perf_fund_target, perf_self,
perf_unit_self, perf_summary); this module reads the tables it found and dispatches them.
Each part lives in `ingest/performance/`:

  rows.py        vocabulary (level words, labels), the matching form of a cell, level words
  titles.py      which of the segmenter's 绩效 tables are tables (labels below the title)
  header.py      the zone above the indicators: name, code, budget lines, plan, goals
  columns.py     where the indicator header puts each column; a row's values by meaning
  cells.py       what one indicator row's cells say (prefixes, wrapped names, target cells)
  levels.py      一级/二级 carried down a section (merged, centred, vertical labels)
  level_hints.py what a row's own name and value say about its 二级
  positional.py  rows read by the header's column positions while they line up
  indicators.py  the indicator reader: rows in, PerformanceIndicator records out
  ghosts.py      OCR ghost rows (a damaged second reading of the row above)
  horizontal.py  tables printed one project a row (lists, packed cells, wide grids)
  blocks.py      one table's zones and the project record every layout starts from
  self_eval.py   绩效自评表: project layouts a / b / c and the unit-wide 整体 table
  target.py      绩效目标表: project, 专项 and 整体 targets
  summary.py     绩效自评情况汇总表
"""

from __future__ import annotations

from dataclasses import replace

from .model import DocumentInfo, PerformanceIndicator, PerformanceProject, PerformanceResult, SourceDocument, Table
from .performance.blocks import Block, split_projects
from .performance.header import is_indicator_header, pre_title_code
from .performance.horizontal import WideReader, wide_columns
from .performance.rows import document_rows
from .performance.self_eval import parse_self_eval, parse_unit_self_eval, unit_name_cell
from .performance.summary import parse_summary
from .performance.target import parse_target
from .performance.titles import performance_spans
from .segment import segment_tables

# ---------------------------------------------------------------- reconciliation


def _reconcile(proj: PerformanceProject, items: list[PerformanceIndicator]) -> None:
    """Notes where the printed 总分 differs from the indicator scores + execution score
    (minus a printed 减分项): that is the publisher's arithmetic, kept as printed."""
    if proj.stage != "自评" or proj.score_total is None or not items:
        return
    scores = [i.score for i in items if i.score is not None]
    total = sum(scores) + (proj.execution_score or 0)
    deduction = next((float(n.split()[1]) for n in proj.notes if n.startswith("减分项 ")), 0.0)
    total -= deduction
    weights = [i.weight for i in items if i.weight is not None]
    printed_weight = next((float(n.split()[-1]) for n in proj.notes if n.startswith("总分 分值 ")), None)
    weight_total = sum(weights) + (proj.execution_weight or 0)
    if printed_weight is not None and abs(weight_total - printed_weight) > 0.05:
        proj.notes.append(
            f"weight_reconciliation: indicator 分值 {sum(weights):g} + execution {proj.execution_weight or 0:g}"
            f" = {weight_total:g} != printed 总分 分值 {printed_weight:g}"
        )
    if abs(total - proj.score_total) > 0.05:
        proj.notes.append(
            f"score_reconciliation: indicators {sum(scores):g} + execution {proj.execution_score or 0:g}"
            f"{f' - 减分项 {deduction:g}' if deduction else ''} = {total:.4g} != printed 总分 {proj.score_total:g}"
        )


# ---------------------------------------------------------------- entry point


def parse_performance(doc: SourceDocument, info: DocumentInfo, tables: list[Table] | None = None) -> PerformanceResult:
    """Parse every 绩效 table the segmenter found in the document (`tables`: its output, run
    here when not given).

    Blank templates (no project name, no amounts, no indicators) are skipped; a table that
    cannot be read is reported in `problems` with its line number, never raised.
    """
    result = PerformanceResult()
    try:
        if tables is None:
            tables = segment_tables(doc, info.amount_unit)
        rows = document_rows(doc)
        spans, summaries = performance_spans(rows, tables)
    except Exception as exc:  # pragma: no cover - defensive: text we cannot even split
        result.problems.append(f"line 1: performance tables: {type(exc).__name__}: {exc}")
        return result
    no = 0

    def add(proj: PerformanceProject, items: list[PerformanceIndicator]) -> None:
        nonlocal no
        no += 1
        proj.project_no = no
        for ind in items:
            ind.project_no = no
        result.projects.append(proj)
        result.indicators.extend(items)

    i = 0
    while i < len(spans):
        span = spans[i]
        title = span.title
        wide = wide_columns(rows[title.index + title.lines : span.end])
        if wide is not None:  # one project a row: this table and its continuation pages
            try:
                i = _read_wide(rows, spans, i, wide, add)
            except Exception as exc:
                result.problems.append(f"line {title.index + 1}: {title.text}: {type(exc).__name__}: {exc}")
                i += 1
            continue
        i += 1
        parts = split_projects(rows[title.index + title.lines : span.end])
        for n, part in enumerate(parts):
            # a title above several projects names none of them; each card starts at its label
            own = title
            if len(parts) > 1:
                own = replace(title, repeated=True, index=title.index if n == 0 else part[0].line_no - 1)
            if n and own.scope == "unit":
                own = replace(own, scope="project")  # a 项目名称 card after the unit's own table
            above = next((r for r in parts[n - 1] if is_indicator_header(r)), None) if n else None
            block = Block(own, part, pre_title_code(rows, title.index) if n == 0 else None, above)
            try:
                proj, items, problems = _parse_block(block, no + 1, info)
                if proj is not None:
                    _reconcile(proj, items)
            except Exception as exc:  # never let one damaged table stop the document
                result.problems.append(f"line {own.index + 1}: {title.text}: {type(exc).__name__}: {exc}")
                continue
            result.problems += problems
            if proj is not None:
                add(proj, items)
    for span in summaries:
        try:
            result.summaries += parse_summary(rows[span.title.index + 1 : span.end])
        except Exception as exc:
            result.problems.append(f"line {span.title.index + 1}: {span.title.text}: {type(exc).__name__}: {exc}")
    return result


def _read_wide(rows, spans, i: int, wide, add) -> int:
    """Read span i, printed one project a row, and the spans after it that continue it (the
    same title and a header of the same form on the next pages); returns the next span."""
    first = spans[i].title
    cols, body = wide

    def new_project(line_no: int) -> PerformanceProject:
        return PerformanceProject(0, first.stage, f"{first.stage}.wide", first.text, line_no, line_no, None)

    reader = WideReader(cols, first.scope, new_project, None)
    reader.feed(rows[first.index + first.lines + body : spans[i].end])
    j = i + 1
    while j < len(spans) and spans[j].title.text == first.text:
        title = spans[j].title
        more = wide_columns(rows[title.index + title.lines : spans[j].end])
        if more is None:
            break
        reader.cols = more[0]
        reader.feed(rows[title.index + title.lines + more[1] : spans[j].end])
        j += 1
    for proj, items in reader.finish():
        add(proj, items)
    return j


def _parse_block(block: Block, no: int, info: DocumentInfo):
    """Dispatch one table by stage and scope; drop blank templates."""
    t = block.title
    if t.stage == "自评":
        proj, items, problems = parse_unit_self_eval(block, no, info) if t.scope == "unit" else parse_self_eval(block, no)
    else:
        proj, items, problems = parse_target(block, no, info)
    named = unit_name_cell(block.rows)[0] if t.scope == "unit" else proj.project_name
    if named is None and proj.budget_wan is None and not items:
        return None, [], []  # a blank template ('指标1:' placeholders only)
    return proj, items, problems
