"""绩效目标表: project targets, 专项业务经费/专项资金总体 targets and 整体支出 targets."""

from __future__ import annotations

from .. import registry
from ..model import DocumentInfo, PerformanceIndicator
from .blocks import Block, new_project, project_name, read_indicator_rows, split_zones
from .columns import header_columns
from .header import read_code, read_people, read_plan, read_target_budget, read_text_after
from .indicators import IndicatorReader
from .rows import Row, clean, key
from .self_eval import read_tasks, unit_name_cell
from .titles import unit_from_title

# -- targets


def parse_target(block: Block, no: int, info: DocumentInfo):
    """项目绩效目标表, 专项业务经费/专项资金总体 绩效目标表 and 整体支出绩效目标表."""
    head, header, body = split_zones(block.rows, block.header)
    scope = block.title.scope
    proj = new_project(no, block, f"目标.{scope}")
    if scope == "unit":
        unit, code = unit_name_cell(head)
        unit = unit or info.unit_name
        proj.project_name = f"整体:{unit}" if unit else None
        proj.unit_name = unit
        read_tasks(head, proj, with_scores=False)
        if proj.budget_wan is None:  # no task list: '年度预算安排（万元）| 资金总额 | 81562.56'
            read_target_budget(head, proj)
    else:
        proj.project_name = project_name(block, head)
        proj.project_code = block.pre_code or read_code(head)
        read_people(head, proj)
        read_target_budget(head, proj)
        read_plan(head, proj)
        proj.purpose = read_text_after(head, ("资金用途",))
        unit, code = unit_from_title(block.title.text)
        if unit and proj.unit_name is None:
            proj.unit_name = unit
            proj.notes.append(f"unit code {code} (title)")
    proj.annual_goal = _read_goal_text(head)
    problems: list[str] = []
    items: list[PerformanceIndicator] = []
    if header is not None:
        reader = IndicatorReader(no, "t", header_columns(header))
        proj.weight_total = reader.cols.weight_total
        read_indicator_rows(reader, body, lambda r: False)
        items = reader.items
        proj.indicator_rows = reader.rows_printed
        proj.notes += reader.notes
        problems += reader.problems
        if items:
            proj.line_end = reader.last_line
    elif proj.project_name:
        problems.append(f"line {block.title.index + 1}: {block.title.text}: no indicator header found")
        proj.indicator_rows = 0
    return proj, items, problems


def _goal_labels() -> tuple[str, ...]:
    """年度目标 / 绩效目标 / 当年绩效目标 … (vocabulary `perf_goal_label`, longer labels first)."""
    return tuple(registry.canonicals("perf_goal_label"))


def _read_goal_text(head: list[Row]) -> str | None:
    """年度目标 / 绩效目标 / 总体目标 text, joined over the rows it wraps onto."""
    labels = _goal_labels()
    start = None
    for i, row in enumerate(head):
        first = key(row.filled[0][1]) if row.filled else ""
        if any(first.startswith(lab) for lab in labels) or (
            len(row.filled) > 1 and any(key(c).startswith(labels) for _, c in row.filled[:2])
        ):
            start = i
            break
    if start is None:
        return None
    parts: list[str] = []
    for row in head[start:]:
        if parts and any(lab in row.joined for lab in ("项目名称", "预算数", "资金", "月底")):
            break
        for _, c in row.filled:
            text = clean(c)
            for lab in labels:
                if text.startswith(lab):
                    text = text[len(lab) :].lstrip(":：")
                    break
            if text and text not in ("实施期总目标", "年度目标"):
                parts.append(text)
    text = "".join(parts)
    return text or None
