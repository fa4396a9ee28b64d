"""绩效目标表: project targets, 专项业务经费/专项资金总体 targets and 整体支出 targets."""

from __future__ import annotations

from ..model import DocumentInfo, PerformanceIndicator
from .blocks import _Block, _new_project, _project_name, _read_indicator_rows, _split_zones
from .header import _read_code, _read_people, _read_plan, _read_target_budget, _read_text_after
from .indicators import _columns, _IndicatorReader
from .rows import Row, _clean, _key
from .self_eval import _read_tasks, _unit_name_cell

# -- targets


def _parse_target(block: _Block, no: int, info: DocumentInfo):
    """项目绩效目标表, 专项业务经费/专项资金总体 绩效目标表 and 整体支出绩效目标表."""
    head, header, body = _split_zones(block.rows)
    scope = block.title.scope
    proj = _new_project(no, block, f"目标.{scope}")
    if scope == "unit":
        unit, code = _unit_name_cell(head)
        unit = unit or info.unit_name
        proj.project_name = f"整体:{unit}" if unit else None
        proj.unit_name = unit
        _read_tasks(head, proj, with_scores=False)
    else:
        proj.project_name = _project_name(block, head)
        proj.project_code = block.pre_code or _read_code(head)
        _read_people(head, proj)
        _read_target_budget(head, proj)
        _read_plan(head, proj)
        proj.purpose = _read_text_after(head, ("资金用途",))
    proj.annual_goal = _read_goal_text(head)
    problems: list[str] = []
    items: list[PerformanceIndicator] = []
    if header is not None:
        reader = _IndicatorReader(no, "t", _columns(header))
        _read_indicator_rows(reader, body, lambda r: False)
        items = reader.items
        proj.notes += reader.notes
        problems += reader.problems
        if items:
            proj.line_end = max(i.line_no for i in items)
    elif proj.project_name:
        problems.append(f"line {block.title.index + 1}: {block.title.text}: no indicator header found")
    return proj, items, problems


_GOAL_LABELS = ("年度总体目标", "年度绩效目标", "年度目标", "绩效目标", "总体目标", "预期目标")


def _read_goal_text(head: list[Row]) -> str | None:
    """年度目标 / 绩效目标 / 总体目标 text, joined over the rows it wraps onto."""
    start = None
    for i, row in enumerate(head):
        first = _key(row.filled[0][1]) if row.filled else ""
        if any(first.startswith(lab) for lab in _GOAL_LABELS) or (
            len(row.filled) > 1 and any(_key(c).startswith(_GOAL_LABELS) for _, c in row.filled[:2])
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
            text = _clean(c)
            for lab in _GOAL_LABELS:
                if text.startswith(lab):
                    text = text[len(lab) :].lstrip(":：")
                    break
            if text and text not in ("实施期总目标", "年度目标"):
                parts.append(text)
    text = "".join(parts)
    return text or None
