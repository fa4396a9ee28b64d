"""How amounts, rows, trees and narrative text are printed."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .numbers import Leaf
from .subjects import ECON_NAMES, func_name

# ---------------------------------------------------------------- printing helpers

CN = "零一二三四五六七八九"


def cn_num(n: int) -> str:
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


class Fmt:
    """Money as printed: two decimals, optional thousands separators, OCR inner spaces."""

    def __init__(self, rng: random.Random, thousands: bool, inner_space: float, zero: str = ""):
        self.rng, self.thousands, self.inner_space, self.zero = rng, thousands, inner_space, zero

    def __call__(self, cents: int, zero: str | None = None, thousands: bool | None = None, decimals: bool = True) -> str:
        if cents == 0:
            return self.zero if zero is None else zero
        whole, frac = divmod(cents, 100)
        sep = self.thousands if thousands is None else thousands
        text = f"{whole:,}" if sep else str(whole)
        if not decimals and frac == 0:
            return text
        text += f".{frac:02d}"
        if self.inner_space and self.rng.random() < self.inner_space:
            text = text.replace(".", ". ", 1)  # '8476. 31'
        return text


def wan_text(cents: int, unit: str) -> str:
    """An amount in 万元 for the narrative, whatever the tables' unit."""
    value = cents / 100 / (10000 if unit == "元" else 1)
    return f"{value:.2f}"


@dataclass
class FuncRow:
    level: str  # 类 | 款 | 项
    code: str
    name: str
    vals: tuple[int, ...]


def func_tree(leaves: list[Leaf], values: Callable[[Leaf], tuple[int, ...]], year: int) -> tuple[list[FuncRow], tuple[int, ...]]:
    """类 / 款 / 项 rows in code order (rows whose values are all zero are left out) and the 合计."""
    picked = [(l, values(l)) for l in leaves]
    picked = [(l, v) for l, v in picked if any(v)]
    width = len(values(leaves[0])) if leaves else 0
    total = tuple(sum(v[k] for _, v in picked) for k in range(width))
    rows: list[FuncRow] = []
    for cls in sorted({l.code[:3] for l, _ in picked}):
        under = [(l, v) for l, v in picked if l.code.startswith(cls)]
        rows.append(FuncRow("类", cls, func_name(cls, year), tuple(sum(v[k] for _, v in under) for k in range(width))))
        for kuan in sorted({l.code[:5] for l, _ in under}):
            under_k = [(l, v) for l, v in under if l.code.startswith(kuan)]
            rows.append(FuncRow("款", kuan, func_name(kuan, year), tuple(sum(v[k] for _, v in under_k) for k in range(width))))
            for l, v in under_k:
                rows.append(FuncRow("项", l.code, func_name(l.code, year), v))
    return rows, total


def econ_tree(econ: dict[str, int], classes: list[str] | None = None) -> list[tuple[str, str, int]]:
    """(code, name, amount) rows: each economic class followed by its items."""
    out = []
    for cls in classes or sorted({c[:3] for c in econ}):
        items = [(c, v) for c, v in econ.items() if c.startswith(cls)]
        if not items and classes is None:
            continue
        out.append((cls, ECON_NAMES[cls], sum(v for _, v in items)))
        out.extend((c, ECON_NAMES[c], v) for c, v in items)
    return out


def row(*cells) -> str:
    return "\t".join("" if c is None else str(c) for c in cells)


# ---------------------------------------------------------------- one document

DUTY_TEMPLATES = [
    "贯彻执行国家和省、市关于{d}工作的方针政策和法律法规，拟订本地区{d}相关政策措施并组织实施。",
    "负责本地区{d}事业发展规划的编制和实施，统筹推进{d}领域重点改革任务。",
    "负责{d}相关资金的预算编制、执行和监督管理，提高资金使用效益。",
    "组织开展{d}业务的监督检查，依法查处违法违规行为。",
    "负责{d}信息化建设和数据统计分析工作，推进政务公开和便民服务。",
    "负责本单位干部队伍建设、财务管理和内部审计工作。",
    "承担{d}领域安全生产和风险防控相关工作。",
    "完成县委、县政府交办的其他任务。",
]


GLOSSARY = [
    ("财政拨款收入", "指单位从同级财政部门取得的财政预算资金。"),
    ("上级补助收入", "指单位从主管部门和上级单位取得的非财政性补助收入。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("附属单位上缴收入", "指单位附属的独立核算单位按照规定上缴的收入。"),
    ("其他收入", "指除上述“财政拨款收入”、“上级补助收入”、“事业收入”、“经营收入”等以外的收入。"),
    ("使用非财政拨款结余", "指事业单位按照预算管理要求使用非财政拨款结余弥补收支差额的金额。"),
    ("上年结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    ("基本支出", "指保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
    ("上缴上级支出", "指事业单位按照财政部门和主管部门的规定上缴上级单位的支出。"),
    ("经营支出", "指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。"),
    ("对附属单位补助支出", "指事业单位用财政补助收入之外的收入对附属单位补助发生的支出。"),
    (
        "“三公”经费",
        "指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费"
        "反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行费反映"
        "单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费等支出；公务接待费反映单位"
        "按规定开支的各类公务接待（含外宾接待）支出。",
    ),
    (
        "机关运行经费",
        "指为保障行政单位和参照公务员法管理的事业单位运行，使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出，"
        "包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、"
        "办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
    ),
]
