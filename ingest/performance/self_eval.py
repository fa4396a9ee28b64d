"""绩效自评表: project self-evaluations (layouts a, b, c, told apart by their header words)
and the unit-wide 整体 self-evaluation.
"""

from __future__ import annotations

import re

from ..model import DocumentInfo, PerformanceIndicator, PerformanceProject
from ..text import parse_percent
from .blocks import Block, new_project, project_name, read_indicator_rows, split_zones
from .columns import Columns, header_columns
from .header import numbers_after_label, read_code, read_people
from .indicators import IndicatorReader
from .rows import GRADES, Row, amount, clean, has_cjk, is_number, key

# -- self-evaluation, project


def _self_eval_layout(rows: list[Row]) -> str:
    text = "".join(r.joined for r in rows[:60])
    if "运算符号" in text or "年度目标值" in text or "项目预算金额" in text:
        return "c"
    if "目标申报数" in text or "调整后指标值" in text or "年初指标值" in text or "定性值" in text:
        return "b"
    return "a"


def _read_funds_a(head: list[Row], proj: PerformanceProject) -> None:
    """项目资金 rows: 年初预算数/全年预算数/全年执行数/分值/执行率/得分 by header position."""
    hdr = next((r for r in head if "全年执行数" in r.joined or ("年初预算数" in r.joined and "执行率" in r.joined)), None)
    if hdr is None:
        return
    pos = {}
    for i, c in hdr.filled:
        k = key(c)
        for field_name, word in (
            ("budget", "年初预算数"),
            ("annual", "全年预算数"),
            ("executed", "全年执行数"),
            ("weight", "分值"),
            ("rate", "执行率"),
            ("score", "得分"),
        ):
            if word in k and field_name not in pos:
                pos[field_name] = i
    for row in head:
        k = row.joined
        if "资金总额" in k:
            vals = _row_values(row, pos)
            proj.budget_wan, proj.annual_budget_wan = vals.get("budget"), vals.get("annual")
            proj.executed_wan = vals.get("executed")
            proj.execution_weight, proj.execution_score = vals.get("weight"), vals.get("score")
            rate_cell = row.cells[pos["rate"]] if "rate" in pos and pos["rate"] < len(row.cells) else None
            proj.execution_rate = parse_percent(rate_cell)
            _check_rate(proj)
        elif "财政拨款" in k or "财政资金" in k:
            proj.fiscal_wan = _row_values(row, pos).get("budget")
        elif "其他资金" in k:
            proj.other_wan = _row_values(row, pos).get("budget")
        elif "上年结转" in k:
            carry = _row_values(row, pos)
            if any(v for v in carry.values()):
                proj.notes.append(f"上年结转资金: {carry}")


def _row_values(row: Row, pos: dict[str, int]) -> dict[str, float]:
    out = {}
    for name, i in pos.items():
        if i < len(row.cells):
            v = parse_percent(row.cells[i]) if name == "rate" else amount(row.cells[i])
            if v is not None:
                out[name] = v
    return out


def _check_rate(proj: PerformanceProject) -> None:
    """Flag a printed 执行率 that disagrees with 全年执行数 / 全年预算数 (kept as printed)."""
    if proj.execution_rate is None or not proj.annual_budget_wan or proj.executed_wan is None:
        return
    computed = proj.executed_wan / proj.annual_budget_wan * 100
    if abs(computed - proj.execution_rate) > 0.6:
        proj.notes.append(f"printed 执行率 {proj.execution_rate:g} differs from 全年执行数/全年预算数 = {computed:.2f}")


def _amount_candidates(text: str) -> list[float]:
    """'5, 597' can be 5597 (thousands separator) or 5.597 (OCR comma for a point)."""
    out = []
    v = amount(text)
    if v is not None:
        out.append(v)
    if re.search(r"\d\s*[,，]\s*\d", text):
        alt = amount(re.sub(r"\s*[,，]\s*", ".", text, count=1))
        if alt is not None and alt not in out:
            out.append(alt)
    return out


def _read_funds_b(head: list[Row], proj: PerformanceProject) -> None:
    """资金总额 row of the 目标申报数/预算编制数/全年预算数/全年执行数/结余/执行率/得分 layout.

    Read from the right (the split 预算编制数 cell makes positions unreliable) and resolve
    OCR commas with the row's own arithmetic: 全年预算数 - 全年执行数 = 资金结(转)余.
    """
    rows = [r for r in head if "资金总额" in r.joined]
    row = next((r for r in rows if sum(1 for _, c in r.filled if _amount_candidates(c)) >= 5), None)
    if row is None:
        return
    after, seen = [], False
    for _, c in row.filled:
        if seen and _amount_candidates(c):
            after.append(c)
        seen = seen or "资金总额" in key(c)
    if len(after) < 5:
        proj.notes.append(f"line {row.line_no}: 资金总额 row has too few numbers")
        return
    exec_c, bal_c, rate_c, score_c = after[-4:]
    annual_c = after[-5]
    annual = _pick(_amount_candidates(annual_c), lambda a: True)
    balance = amount(bal_c)
    executed = _pick(_amount_candidates(exec_c), lambda e: annual is None or balance is None or abs(annual - e - balance) < 0.02)
    proj.annual_budget_wan, proj.executed_wan = annual, executed
    proj.execution_rate, proj.execution_score = parse_percent(rate_c), amount(score_c)
    firsts = after[:-5]
    if firsts:
        proj.budget_wan = _pick(_amount_candidates(firsts[0]), lambda b: True)
        compiled = "".join(re.sub(r"[^\d.]", "", c) for c in firsts[1:])
        proj.notes.append(f"目标申报数 {firsts[0]!r}; 预算编制数 cells {firsts[1:]!r} ({compiled or 'blank'})")
    if balance is not None:
        proj.notes.append(f"资金结(转)余 {balance:g}")
    _check_rate(proj)


def _pick(cands: list[float], ok) -> float | None:
    for c in cands:
        if ok(c):
            return c
    return cands[0] if cands else None


def _read_funds_c(head: list[Row], proj: PerformanceProject) -> None:
    """项目预算金额 / 全年执行数 / 执行率 label-value pairs of one row."""
    labels = {"项目预算金额": "budget", "全年执行数": "executed", "执行率": "rate"}
    for row in head:
        if "项目预算金额" not in row.joined:
            continue
        current = None
        for _, c in row.filled:
            k = key(c)
            hit = next((f for lab, f in labels.items() if lab in k), None)
            if hit:
                current = hit
                continue
            if current:
                if current == "rate":
                    proj.execution_rate = parse_percent(c)
                elif current == "budget":
                    proj.budget_wan = amount(c)
                else:
                    proj.executed_wan = amount(c)
                current = None
        if proj.budget_wan and proj.executed_wan is not None and proj.execution_rate is not None:
            computed = proj.executed_wan / proj.budget_wan * 100
            if abs(computed - proj.execution_rate) > 0.6:
                proj.notes.append(f"printed 执行率 {proj.execution_rate:g} differs from 全年执行数/预算 = {computed:.2f}")
        return


def _read_goals(head: list[Row], proj: PerformanceProject) -> None:
    """预期目标 / 实际完成情况: the header row gives the two columns, the next row the texts."""
    for i, row in enumerate(head):
        filled = row.filled
        goal_idx = next((j for j, c in filled if any(w in key(c) for w in ("预期目标", "年初设定目标", "年初总体目标"))), None)
        done_idx = next((j for j, c in filled if "完成情况" in key(c)), None)
        if goal_idx is None or done_idx is None:
            continue
        nxt = next((r for r in head[i + 1 : i + 3] if r.filled), None)
        if nxt is None:
            return
        goal = [c for j, c in nxt.filled if j < done_idx and key(c) not in ("目标", "年度总体目标")]
        done = [c for j, c in nxt.filled if j >= done_idx]
        proj.annual_goal = "".join(clean(c) for c in goal) or None
        proj.actual_summary = "".join(clean(c) for c in done) or None
        return


def _self_eval_total_a(row: Row) -> bool:
    return any(key(c) == "总分" for _, c in row.filled)


def _self_eval_total_b(row: Row) -> bool:
    keys = [key(c) for _, c in row.filled[:5]]
    if any(re.fullmatch(r"(总.{0,2}|[^\d]{0,2}分\)?|总分.*)", k) for k in keys):
        return not any(len(k) >= 5 and has_cjk(k) for k in keys)
    return False


def _self_eval_total_c(row: Row) -> bool:
    j = row.joined
    return any(w in j for w in ("绩效自评总得分", "总评价得分", "指标自评得分小计", "预算执行率得分"))


def _read_total(row: Row, proj: PerformanceProject, layout: str, cols: Columns) -> None:
    """总分 row: printed total score and grade (优/良/中/差 where printed)."""
    if layout == "c":
        pairs = _label_pairs(row)
        proj.score_total = pairs.get("总得分", pairs.get("总评价得分"))
        if proj.score_total is None:
            nums = [amount(c) for _, c in row.filled if is_number(c)]
            proj.score_total = nums[-1] if nums else None
        if "预算执行率得分" in pairs:
            proj.execution_score = pairs["预算执行率得分"]
        if "减分项" in pairs:
            proj.deduction = pairs["减分项"]
            proj.notes.append(f"减分项 {pairs['减分项']:g}")
        if "指标自评得分小计" in pairs:
            proj.notes.append(f"指标自评得分小计 {pairs['指标自评得分小计']:g}")
        return
    if cols.score is not None and cols.score < len(row.cells) and is_number(row.cells[cols.score]) and layout == "b":
        proj.score_total = amount(row.cells[cols.score])
    else:
        nums = [amount(c) for _, c in row.filled if is_number(c)]
        proj.score_total = nums[-1] if nums else None
        if len(nums) >= 2:
            proj.notes.append(f"总分 分值 {nums[-2]:g}")
            proj.weight_total = nums[-2]  # the 分值 the 总分 row prints: indicators + budget execution
    grade = next((key(c) for _, c in row.filled if key(c) in GRADES), None)
    proj.grade_printed = grade


def _label_pairs(row: Row) -> dict[str, float | None]:
    """'预算执行率得分 7.56 减分项 8.5573 绩效自评总得分 89' -> {label: number}."""
    out: dict[str, float | None] = {}
    current = None
    labels = ("绩效自评总得分", "总评价得分", "预算执行率得分", "减分项", "指标自评得分小计")
    for _, c in row.filled:
        k = key(c)
        hit = next((lab for lab in labels if lab in k), None)
        if hit:
            current = "总得分" if hit == "绩效自评总得分" else hit
            continue
        if current and is_number(c):
            out[current] = amount(c)
            current = None
    return out


def parse_self_eval(block: Block, no: int) -> tuple[PerformanceProject, list[PerformanceIndicator], list[str]]:
    head, header, body = split_zones(block.rows, block.header)
    layout = _self_eval_layout(block.rows)
    proj = new_project(no, block, f"自评.{layout}")
    proj.project_name = project_name(block, head)
    proj.project_code = block.pre_code or read_code(head)
    read_people(head, proj)
    {"a": _read_funds_a, "b": _read_funds_b, "c": _read_funds_c}[layout](head, proj)
    _read_goals(head, proj)
    problems: list[str] = []
    if header is None:
        problems.append(f"line {block.title.index + 1}: {block.title.text}: no indicator header found")
        return proj, [], problems
    cols = header_columns(header)
    reader = IndicatorReader(no, layout, cols)
    stop = {"a": _self_eval_total_a, "b": _self_eval_total_b, "c": _self_eval_total_c}[layout]
    total_row = read_indicator_rows(reader, body, stop)
    proj.indicator_rows = reader.rows_printed
    if total_row is not None:
        _read_total(total_row, proj, layout, cols)
        proj.line_end = total_row.line_no
    elif reader.items:
        proj.line_end = reader.last_line
        problems.append(f"line {block.title.index + 1}: {proj.project_name}: no 总分 row found")
    _header_note(header, proj)
    proj.notes += reader.notes
    problems += reader.problems
    return proj, reader.items, problems


def _header_note(header: Row, proj: PerformanceProject) -> None:
    """Text printed inside the indicator header cell (a project-wide 偏差原因) goes to notes."""
    for _, c in header.filled:
        m = re.search(r"改进措施\s+(\S.+)$", c)
        if m:
            proj.notes.append(f"偏差原因分析及改进措施: {clean(m.group(1))}")


# -- self-evaluation, whole unit


def unit_name_cell(head: list[Row]) -> tuple[str | None, str | None]:
    """部门（单位）名称 cell -> (name, printed unit code), '806001 X局-211381000' -> ('X局', '806001').

    The name may share the label's cell ('单位名称：重庆市水利局', R14), and a code label may
    follow it in the row ('部门名称 | 泉州市公安局 | 部门预算编码 | 301')."""
    for row in head:
        if "名称" in row.joined and ("部门" in row.joined or "单位" in row.joined):
            filled = row.filled
            pos = next((i for i, (_, c) in enumerate(filled) if "名称" in key(c)), 0)
            inline = re.match(r"^[^:：\s]*名称\s*[:：]?\s*(\S.*)$", filled[pos][1].strip())
            cells = [inline.group(1)] if inline else []
            printed_code = None
            for n, (_, c) in enumerate(filled[pos + 1 :], start=pos + 1):
                k = key(c)
                if any(lab in k for lab in ("主管部门", "实施单位", "预算单位", "项目编码", "实施期限")):
                    break
                if k.endswith(("编码", "代码")):  # the unit's code label: its value is the next cell
                    printed_code = key(filled[n + 1][1]) if n + 1 < len(filled) else None
                    break
                cells.append(c)
            if not cells:
                return None, None
            text = clean(" ".join(cells))
            m = re.match(r"^(\d{3,})?(.*?)(-\d{6,})?-?$", text)
            name, code = (m.group(2) or None, m.group(1)) if m else (text, None)
            return name, code or printed_code
    return None, None


def read_tasks(head: list[Row], proj: PerformanceProject, with_scores: bool) -> None:
    """年度主要任务 rows: amounts per task; in self-evaluations their 分值/得分 are the budget
    execution part of the unit score (kept as execution_weight/execution_score)."""
    start = next((i for i, r in enumerate(head) if "年度主要任务" in r.joined), None)
    if start is None:
        return
    weights, scores, tasks = [], [], []
    for row in head[start:]:
        if "年度目标" in row.joined or "年度总体目标" in row.joined or "年初总体目标" in row.joined:
            break
        maybe = [amount(c) if is_number(c) else parse_percent(c) for _, c in row.filled]
        nums = [n for n in maybe if n is not None]
        text = [clean(c) for _, c in row.filled if has_cjk(c) and not is_number(c)]
        text = [t for t in text if t not in ("年度主要任务",)]
        if "金额合计" in row.joined or "合计" in row.joined:
            if nums:
                proj.budget_wan = nums[0]
                proj.fiscal_wan = nums[1] if len(nums) > 1 else None
                proj.other_wan = nums[2] if len(nums) > 2 else None
            continue
        if not nums or not text:
            continue
        tasks.append(f"{text[-1]}: {' / '.join(f'{n:g}' for n in nums)}")
        if with_scores and len(nums) >= 5:
            weights.append(nums[-2])
            scores.append(nums[-1])
    if tasks:
        proj.notes.append("年度主要任务 " + "; ".join(tasks))
    if with_scores and weights:
        proj.execution_weight = round(sum(weights), 6)
        proj.execution_score = round(sum(scores), 6)
        proj.notes.append("execution_weight/execution_score = sum of 年度主要任务 分值/得分")


def parse_unit_self_eval(block: Block, no: int, info: DocumentInfo):
    head, header, body = split_zones(block.rows, block.header)
    proj = new_project(no, block, "自评.unit")
    unit, code = unit_name_cell(head)
    unit = unit or info.unit_name
    proj.project_name = f"整体:{unit}" if unit else None
    proj.unit_name = unit
    if code:
        proj.notes.append(f"unit code {code}")
    for row in head:
        pairs = numbers_after_label(row, {"年初预算支出金额": "spend", "年初预算收入金额": "income"})
        if "spend" in pairs:
            proj.budget_wan = pairs["spend"]
        if "income" in pairs:
            proj.notes.append(f"部门年初预算收入金额 {pairs['income']:g}")
    read_tasks(head, proj, with_scores=True)
    _read_goals(head, proj)
    problems: list[str] = []
    if header is None:
        return proj, [], [f"line {block.title.index + 1}: {block.title.text}: no indicator header found"]
    reader = IndicatorReader(no, "c", header_columns(header))
    total_row = read_indicator_rows(reader, body, _self_eval_total_c)
    proj.indicator_rows = reader.rows_printed
    if total_row is not None:
        _read_total(total_row, proj, "c", Columns())
        proj.line_end = total_row.line_no
    proj.notes += reader.notes
    return proj, reader.items, problems + reader.problems
