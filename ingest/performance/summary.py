"""绩效自评情况汇总表: the counts and totals the publisher reports for all its projects."""

from __future__ import annotations

from ..model import PerformanceSummary
from .rows import GRADES, TERMINATOR, Row, amount, key
from .titles import single_cell

# ---------------------------------------------------------------- summary table


def parse_summary(rows: list[Row]) -> list[PerformanceSummary]:
    """县直部门绩效自评情况汇总表: 项目数量 / 资金总量 (应评价数, 已评价数) and grade counts."""
    out: list[PerformanceSummary] = []
    grade_mode = False
    start = next((i for i, r in enumerate(rows) if "应评价数" in r.joined or "统计内容" in r.joined), None)
    if start is None:
        return out
    for row in rows[start + 1 :]:
        if not row.filled:
            continue
        text = single_cell(row)
        if text and TERMINATOR.match(key(text)) or key(row.filled[0][1]).startswith(("说明", "**说明")):
            break
        keys = [key(c) for _, c in row.filled]
        nums = [v for _, c in row.filled if (v := amount(c)) is not None]
        if "项目数量" in keys[0]:
            out.append(PerformanceSummary(row.line_no, "项目数量", int(nums[-1]) if nums else None, None, None, None))
        elif "资金总量" in keys[0]:
            out.append(
                PerformanceSummary(
                    row.line_no, "资金总量", None, nums[0] if nums else None, nums[1] if len(nums) > 1 else None, None
                )
            )
        elif "平均" in keys[0] and "分" in keys[0]:
            out.append(PerformanceSummary(row.line_no, keys[0], None, None, None, nums[-1] if nums else None))
        if "等级" in keys[0]:
            grade_mode = True
        if grade_mode:
            grade = next((k[-1] for k in keys if k and k[-1] in GRADES and len(k) <= 4), None)
            if grade:
                out.append(
                    PerformanceSummary(row.line_no, f"绩效评价等级:{grade}", int(nums[-1]) if nums else None, None, None, None)
                )
    return out
