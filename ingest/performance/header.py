"""The header zone of a performance table (above its indicator rows): project name and
code, people, budget lines, the quarterly plan and the goal texts.
"""

from __future__ import annotations

import re

from .. import registry
from ..model import PerformanceProject
from .rows import (
    LOOKALIKE,
    MONTH,
    PAGE_NO,
    PROJECT_CODE,
    TABLE_LABELS,
    Row,
    amount,
    clean,
    is_number,
    key,
)
from .titles import single_cell

# ---------------------------------------------------------------- header zone


def is_indicator_header(row: Row) -> bool:
    """The header row of an indicator section: 一级指标/二级指标/三级指标 (指标内容), or a name
    column and a value column without level columns ('指标名称 | 指标性质 | 指标值 | 计量单位', R13)."""
    joined = row.joined
    if "级指" not in joined and "指标内容" not in joined:  # a level header needs one of them
        if "指标名称" not in joined or "指标值" not in joined:
            return False
        keys = [key(c) for _, c in row.filled]
        return any(k.endswith("指标名称") for k in keys) and any(k in ("指标值", "年度指标值", "目标值") for k in keys)
    keys = [key(c) for _, c in row.filled]
    levels = sum(1 for k in keys if re.fullmatch(r"[一二三-]?级指标?", k) or k in ("指标内容", "三级指标"))
    return levels >= 2 or (levels >= 1 and any(k in ("指标值", "指标内容") or "指标值" in k for k in keys))


def _after_label(joined: str, label: str, stops: tuple[str, ...], skip: tuple[str, ...] = ()) -> str | None:
    """Text after `label` in a row's joined text (minus a label tail in `skip` such as
    '及代码'), cut at the next label of `stops`; None when another label follows directly."""
    pos = joined.find(label)
    if pos < 0:
        return None
    rest = re.sub(r"^[^\u4e00-\u9fff0-9A-Za-z\"“(（]+", "", joined[pos + len(label) :])
    for tail in skip:
        if rest.startswith(tail):
            rest = re.sub(r"^[^\u4e00-\u9fff0-9A-Za-z\"“(（]+", "", rest[len(tail) :])
    cut = len(rest)
    for stop in stops:
        p = rest.find(stop)
        if 0 <= p < cut:
            cut = p
    return rest[:cut].strip() or None


def cells_after(row: Row, pred) -> list[str]:
    """Filled cells after the first cell satisfying pred, up to the next label-like cell."""
    out, started = [], False
    for _, c in row.filled:
        k = key(c)
        if started:
            if any(lab in k for lab in ("主管部门", "实施单位", "预算单位", "项目编码", "实施期限")):
                break
            out.append(c)
        elif pred(k):
            started = True
    return out


_NAME_STOPS = ("主管部门及代码", "主管部门", "实施单位", "预算单位", "项目编码", "实施期限")


def read_name(rows: list[Row]) -> str | None:
    """The 项目名称 cell (joined over wrapped continuation rows); its label forms are the
    `perf_name_label` vocabulary (专项（项目）名称, 专项资金名称 …)."""
    for i, row in enumerate(rows):
        joined = key(" ".join(c for _, c in row.filled))
        label = registry.canonical("perf_name_label", joined)
        if label is None:
            continue
        name = _after_label(joined, label, _NAME_STOPS[1:], skip=("主管部门及代码",))
        parts = [name] if name else []
        for nxt in rows[i + 1 : i + 4]:
            if not nxt.filled or PAGE_NO.match(nxt.joined):
                continue
            if len(nxt.filled) > 2 or any(lab in nxt.joined for lab in TABLE_LABELS + ("资金", "预算")):
                break
            parts.append(nxt.joined)
        return "".join(parts) or None
    return None


def read_code(rows: list[Row]) -> str | None:
    """项目编码 as printed (look-alike Cyrillic letters folded back to Latin)."""
    for row in rows:
        filled = row.filled
        for pos, (_, c) in enumerate(filled):
            m = PROJECT_CODE.search(key(c).translate(LOOKALIKE))
            if not m:
                continue
            code = m.group(0)
            nxt = key(filled[pos + 1][1]).translate(LOOKALIKE) if pos + 1 < len(filled) else ""
            if code[-1].isdigit() and re.fullmatch(r"[A-Z]", nxt):
                code += nxt  # the check letter of the code printed in the next cell
            return code
        joined = row.joined.translate(LOOKALIKE)
        if "项目编码" in joined:
            m = re.search(r"项目编码[:：]?([0-9A-Za-z\-]{6,})", joined)
            if m:
                return m.group(1)
    return None


def pre_title_code(rows: list[Row], index: int) -> str | None:
    """A project code printed alone just above the title belongs to that table."""
    for row in reversed(rows[max(0, index - 6) : index]):
        if not row.filled:
            continue
        text = single_cell(row)
        if text is None:
            return None
        m = PROJECT_CODE.fullmatch(key(text).translate(LOOKALIKE))
        if m:
            return m.group(0)
        return None
    return None


def read_people(rows: list[Row], proj: PerformanceProject) -> None:
    """主管部门 / 实施单位 / 预算单位 cells (a label cell followed by its value cells)."""
    for i, row in enumerate(rows):
        joined = key(" ".join(c for _, c in row.filled))
        if "管部门" in joined and proj.department_name is None:
            dept = _after_label(joined, "管部门", ("实施单位", "预算单位", "实施期限"), skip=("及代码",))
            if "项目名称主管部门" in joined and i + 1 < len(rows):
                # '项目名称 主管部门及代码' stacked in one cell: the department is on the next row
                nxt = key(" ".join(c for _, c in rows[i + 1].filled))
                dept = nxt.split("预算单位")[0] or None
            proj.department_name = dept.strip("-—") if dept else None
        for label in ("实施单位", "预算单位"):
            if label in joined and proj.unit_name is None:
                unit = _after_label(joined, label, ("主管部门",))
                proj.unit_name = unit.strip("-—") if unit else None


def numbers_after_label(row: Row, labels: dict[str, str]) -> dict[str, float | None]:
    """Label/value pairs in one row ('预算数 78.02 其中:财政资金 78.02 其他资金'): the first
    number after each label cell, skipping stray text cells ('资金')."""
    out: dict[str, float | None] = {}
    current = None
    for _, c in row.filled:
        k = key(c)
        hit = next((f for lab, f in labels.items() if lab in k), None)
        if hit:
            current = hit
            tail = re.sub(r"^.*?[:：]", "", c) if re.search(r"[:：]\s*[\d.]+\s*$", c) else ""
            if tail and is_number(tail) and current not in out:
                out[current] = amount(tail)
                current = None
            continue
        if current and is_number(c) and current not in out:
            out[current] = amount(c)
            current = None
    return out


_TARGET_BUDGET_LABELS = {
    "年度资金总额": "budget",
    "年度预算资金": "budget",
    "当年预算": "budget",
    "实施期资金总额": "budget",
    "资金总额": "budget",
    "预算数": "budget",
    "财政拨款": "fiscal",
    "财政资金": "fiscal",
    "财政": "fiscal",
    "其他资金": "other",
}


def read_target_budget(rows: list[Row], proj: PerformanceProject) -> None:
    """预算数 / 资金总额 with 其中财政资金 (财政拨款) and 其他资金 of a 绩效目标表."""
    found: dict[str, float | None] = {}
    for row in rows:
        for f, v in numbers_after_label(row, _TARGET_BUDGET_LABELS).items():
            found.setdefault(f, v)
    proj.budget_wan = found.get("budget")
    proj.fiscal_wan = found.get("fiscal")
    proj.other_wan = found.get("other")
    if proj.budget_wan is None and (proj.fiscal_wan is not None or proj.other_wan is not None):
        proj.budget_wan = round((proj.fiscal_wan or 0) + (proj.other_wan or 0), 6)
        proj.notes.append("budget_wan = 财政拨款 + 其他资金 (资金总额 cell printed blank)")


def read_plan(rows: list[Row], proj: PerformanceProject) -> None:
    """资金支出计划 3月底/6月底/10月底/12月底: header cells with months, values on the next row.

    Values are matched to the month columns by position when every number stands under a
    month; otherwise (cells shifted) the numbers are taken in order.
    """
    for i, row in enumerate(rows):
        months: dict[int, list[int]] = {}
        for idx, c in row.filled:
            found = [int(m) for m in MONTH.findall(c) if int(m) in (3, 6, 10, 12)]
            if found and "底" in c + (row.cells[idx + 1] if idx + 1 < len(row.cells) else ""):
                months[idx] = found
            elif found and re.fullmatch(r"\s*\d{1,2}\s*月\s*\)?", c):
                months[idx] = found
        if sum(len(v) for v in months.values()) < 2:
            continue
        values = next((r for r in rows[i + 1 : i + 3] if r.filled), None)
        if values is None:
            return
        plan = _plan_values(values, months)
        proj.plan_q1, proj.plan_q2, proj.plan_q3, proj.plan_q4 = (plan.get(m) for m in (3, 6, 10, 12))
        return


def _plan_numbers(text: str) -> list[float]:
    return [v for v in (amount(t) for t in re.findall(r"\d+(?:\s*\.\s*\d+)?", text)) if v is not None]


def _plan_values(values: Row, months: dict[int, list[int]]) -> dict[int, float]:
    numeric = [(idx, _plan_numbers(c)) for idx, c in values.filled]
    numeric = [(idx, nums) for idx, nums in numeric if nums]
    aligned = all(idx in months for idx, _ in numeric)
    flat_months = [m for idx in sorted(months) for m in months[idx]]
    out: dict[int, float] = {}
    if not aligned:
        flat = [v for _, nums in numeric for v in nums]
        if len(flat) == len(flat_months):
            return dict(zip(flat_months, flat))
    for idx, nums in numeric:
        if idx in months:
            ms = months[idx]
            if len(nums) == len(ms):
                out.update(zip(ms, nums))
            elif nums:
                out[ms[-1]] = nums[0] if len(nums) == 1 else nums[-1]
    return out


def read_text_after(rows: list[Row], labels: tuple[str, ...]) -> str | None:
    """The text printed after a label cell ('资金用途', '年度目标'), whole row joined."""
    for row in rows:
        filled = row.filled
        for pos, (_, c) in enumerate(filled):
            k = key(c)
            label = next((lab for lab in labels if k.startswith(lab)), None)
            if label is None:
                continue
            own = clean(c)[len(label) :].lstrip(":：")
            rest = "".join(clean(x) for _, x in filled[pos + 1 :])
            text = (own + rest).strip()
            return text or None
    return None
