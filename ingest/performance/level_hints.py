"""What an indicator row's own name and values say about its 二级指标.

Merged level cells are printed once per group. In tables rendered with vertically centred
cells the 二级 word sits in the middle of its group, so the rows above it carry the previous
group's word down (fill-down) and land in the wrong group. The geometry alone cannot say how
many rows belong above the word (OCR moves a label by a row, page breaks split a group), but
the rows themselves usually can: a 时效 indicator is about a time (发放时间, 及时率, 全年), a
数量 one counts things (份数, ≥3项), a 质量 one is a rate or a standard met (合格率, 100%,
达标), a 成本 one is money (万元).

`level2_class` gives the class a row's content points to (or None when it says nothing
clear); `label_class` gives the class of a printed 二级 word. The reader compares the two only
in tables that show they are centred, and only for rows just above a printed label.
"""

from __future__ import annotations

import re
from functools import lru_cache

# in the order they are tried: the first class whose pattern the name matches wins
_NAME_HINTS = (
    ("满意度", re.compile("满意")),
    ("时效", re.compile("时间|及时|时限|按时|期限|时效|周期|工作日|进度|完成时|截止")),
    ("成本", re.compile("成本|费用|经费|单价|补助标准")),
    ("质量", re.compile("合格|达标|准确|正确|完好|质量|优良|通过率|规范|差错|知晓率|达成率")),
    ("数量", re.compile("人数|份数|个数|次数|户数|人次|数量|场次|件数|台数|家数|册数|项数|期数|篇数")),
)
# values, when the name gives no hint
_VALUE_HINTS = (
    (
        "时效",
        re.compile(
            r"^(全年|全年度|每月|每季度|按月|按季|年底前|年内|当年|\d{1,2}月(底)?前?|第[一二三四]季度|\d+(个)?工作日|及时)"
        ),
    ),
    ("成本", re.compile(r"(万元|元)$")),
    ("质量", re.compile(r"(%|％|达标|合格)$")),
    ("数量", re.compile(r"\d\s*(余)?(项|次|个|件|份|人|户|类|台|场|家|篇|期|批|册|套|所|张|本|条|人次|万人|万份|场次)$")),
)
_OPERATOR = re.compile(r"^[≥≤=＞＜><≧≦]+\s*|^(大于|小于|不低于|不高于|不少于|不超过|约|达到)")

_LABEL_CLASSES = (
    ("满意度", "满意"),
    ("时效", "时效"),
    ("成本", "成本"),
    ("质量", "质量"),
    ("数量", "数量"),
)


def label_class(word: str | None) -> str | None:
    """'时效指标' -> '时效'; 效益 words and others -> None (no content hint exists for them)."""
    if not word:
        return None
    for cls, part in _LABEL_CLASSES:
        if part in word:
            return cls
    return None


@lru_cache(maxsize=65536)
def level2_class(name: str | None, value: str | None) -> str | None:
    """The 二级 class a row's name (first) or its target value points to, else None."""
    key = re.sub(r"\s+", "", name or "")
    for cls, pattern in _NAME_HINTS:
        if pattern.search(key):
            return cls
    text = _OPERATOR.sub("", re.sub(r"\s+", "", value or ""))
    if not text:
        return None
    for cls, pattern in _VALUE_HINTS:
        if pattern.search(text):
            return cls
    return None
