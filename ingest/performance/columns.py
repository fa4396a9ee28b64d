"""Where an indicator header puts each column, and the value cells of one indicator row by
meaning: the plain data the indicator reader passes between its steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .rows import Row, key


@dataclass
class Values:
    """Value cells of one indicator row, by meaning."""

    target: str | None = None
    adjusted: str | None = None
    actual: str | None = None
    weight: float | None = None
    score: float | None = None
    unit: str | None = None  # a separate 度量单位 column
    op: str | None = None  # a separate 运算符号 column
    description: str | None = None
    basis: str | None = None
    deviation: str | None = None


@dataclass
class Columns:
    """Where the indicator header puts each column (used while rows still line up)."""

    name: int | None = None
    l1: int | None = None
    l2: int | None = None
    target: int | None = None
    adjusted: int | None = None
    actual: int | None = None
    note: int | None = None
    weight: int | None = None
    score: int | None = None
    op: int | None = None  # a 指标性质 / 运算符号 column (the comparison sign on its own)
    unit: int | None = None  # a 计量单位 / 度量单位 column
    has_desc: bool = False
    size: int = 0
    weight_total: float | None = None  # the total the weight header prints ('分值权重（90分）')
    labels: dict[int, str] = field(default_factory=dict)  # the header's words by column


def header_columns(header: Row) -> Columns:
    cols = Columns(size=len(header.cells))
    for i, c in header.filled:
        k = key(c)
        cols.labels[i] = k
        if k.startswith("一级") and cols.l1 is None:
            cols.l1 = i
        elif k.startswith("二级"):
            cols.l2 = i
        elif k.startswith("三级") or k == "指标内容" or (k.endswith("指标名称") and cols.name is None):
            cols.name = i
        elif k in ("指标性质", "运算符号") and cols.op is None:
            cols.op = i
        elif re.search(r"[计度]量.?单位$", k) and cols.unit is None:  # '100计量。单位' (OCR)
            cols.unit = i
        elif "调整后" in k:
            cols.adjusted = i
        elif k in ("年度指标值", "年初指标值", "年度目标值", "指标值", "目标值") and cols.target is None:
            cols.target = i
        elif "完成值" in k and cols.actual is None:
            cols.actual = i
        elif "定性值" in k:
            cols.note = i
        elif ("分值" in k or "权重" in k) and cols.weight is None and "执行率" not in k:
            cols.weight = i  # 分值, 分值权重（90分）, 指标权重(%)
            total = re.search(r"[(（](\d+(?:\.\d+)?)分", c)
            cols.weight_total = float(total.group(1)) if total else None
        elif k == "得分":
            cols.score = i
        if "描述" in k:
            cols.has_desc = True
    return cols
