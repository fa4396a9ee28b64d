"""Indicator values of performance tables: '≥90%', '≤5.6万元', '6月底前', '明显提高'.

A printed target or actual value is split into (operator, number, unit) so that targets can be
compared with actuals. The raw text is always kept by the caller; this module only reads it.
Every rule here is about how such values are written (operators in words, LaTeX or OCR
look-alikes, units after the number), never about one document.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Operators as printed -> the contract's five operators. Longest spellings first so that
# '大于等于' is not read as '大于'. '≪'/'≫' are what OCR makes of '≤'/'≥' in these tables.
_OPERATORS: list[tuple[str, str]] = [
    ("大于或等于", "≥"),
    ("小于或等于", "≤"),
    ("大于等于", "≥"),
    ("小于等于", "≤"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("不小于", "≥"),
    ("不早于", "≥"),
    ("至少", "≥"),
    ("不高于", "≤"),
    ("不超过", "≤"),
    ("不多于", "≤"),
    ("不大于", "≤"),
    ("不晚于", "≤"),
    ("最多", "≤"),
    ("大于", ">"),
    ("高于", ">"),
    ("超过", ">"),
    ("多于", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("少于", "<"),
    ("等于", "="),
    (">=", "≥"),
    ("=>", "≥"),
    ("<=", "≤"),
    ("=<", "≤"),
    ("==", "="),
    ("≥", "≥"),
    ("≧", "≥"),
    ("⩾", "≥"),
    ("≫", "≥"),
    ("≤", "≤"),
    ("≦", "≤"),
    ("⩽", "≤"),
    ("≪", "≤"),
    (">", ">"),
    ("<", "<"),
    ("=", "="),
]

# LaTeX operators left by some PDF-to-markdown extractors ('$\leq$').
_LATEX = [
    (re.compile(r"\$?\\(?:leq|le|leqslant)\$?"), "≤"),
    (re.compile(r"\$?\\(?:geq|ge|geqslant)\$?"), "≥"),
    (re.compile(r"\$?\\(?:lt)\$?"), "<"),
    (re.compile(r"\$?\\(?:gt)\$?"), ">"),
    (re.compile(r"\$\s*([<>=])\s*\$"), r"\1"),
]

# Characters a unit may be made of ('人次', '万元', '元/人', '月底前', '个月', '%').
_UNIT_CHARS = set(
    "%‰万亿千百十元角分人次天日月年周个家项台套件份册条组把辆米公里平方立方吨钟小时秒"
    "户所座张本期批场篇部处间位名床例起类余多轮款单元前底内之后季度比率点倍级批张亩数"
    "/／·"
)
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?")
_DATE_LIKE = re.compile(r"^(19|20)\d\d年")
# a unit printed (or extracted) before its operator and number: the cell set its number in
# another font a few points lower, and the text extraction took the unit's line first
# ('万元≤184.94' is ≤184.94万元, '平≤5137.26方米' is ≤5137.26平方米)
_UNIT_FIRST = re.compile(r"^(?P<head>[^\d≤≥=<>+-]+)(?P<op>[≤≥=<>])(?P<num>\d+(?:\.\d+)?)(?P<tail>[^\d≤≥=<>]*)$")
_STRAY = re.compile(r"[″′\"'`“”‘’()（）\[\]【】,，;；:：。]")

# Units that measure the same thing (so target and actual can be compared), with a factor
# to a common base ('万元' -> '元').
_UNIT_FAMILY = {"%": ("%", 1.0), "百分比": ("%", 1.0), "百分率": ("%", 1.0), "比率": ("%", 1.0), "比例": ("%", 1.0)}


def clean_value_text(text: str | None) -> str:
    """A value cell as one compact string: NFKC (full-width digits and '＞'), LaTeX
    operators replaced, whitespace removed ('≥1.9777万 份' -> '≥1.9777万份')."""
    if not text:
        return ""
    t = text
    for pattern, repl in _LATEX:
        t = pattern.sub(repl, t)
    t = unicodedata.normalize("NFKC", t)
    t = t.replace("≧", "≥").replace("≦", "≤")
    return re.sub(r"\s+", "", t)


def split_operator(text: str) -> tuple[str | None, str]:
    """('≥90%' -> ('≥', '90%')); operators in words ('不低于') count too."""
    for spelled, op in _OPERATORS:
        if text.startswith(spelled):
            return op, text[len(spelled) :]
    return None, text


def normalize_operator(text: str | None) -> str | None:
    """An operator cell on its own ('>=', '$\\leq$', '＝') -> '≥', '≤', '=', '>', '<' or None."""
    t = clean_value_text(text)
    if not t:
        return None
    op, rest = split_operator(t)
    return op if op and not rest else None


def _is_unit(text: str) -> bool:
    """True when `text` can be a unit ('人次', '万元', '元/人'), not a phrase ('满意度')."""
    if not text or len(text) > 6:
        return False
    if re.search(r"\d", text) or not text.strip("/／·"):
        return False
    return all(ch in _UNIT_CHARS or ("a" <= ch.lower() <= "z") for ch in text)


@lru_cache(maxsize=131072)  # the same few hundred values recur in every document
def parse_indicator_value(text: str | None) -> tuple[str | None, float | None, str | None]:
    """Split a printed indicator value into (operator, number, unit).

    '≥90%' -> ('≥', 90.0, '%'); '≤5.6万元' -> ('≤', 5.6, '万元'); '6月底前' -> (None, 6.0,
    '月底前'); '12 次' -> (None, 12.0, '次'); '万元≤184.94' (the unit extracted first) -> ('≤',
    184.94, '万元'); '≥人' (a template whose number was left blank)
    -> ('≥', None, '人'); '90%以上' -> ('≥', 90.0, '%'). Phrases ('明显提高', '按救助金额的6%')
    and dates ('2024年12月底前') give (None, None, None): they are kept as raw text only.
    """
    t = clean_value_text(text)
    if not t:
        return None, None, None
    moved = _UNIT_FIRST.match(t)
    if moved and _is_unit(moved["head"] + moved["tail"]) and not (moved["head"] + moved["tail"]).endswith(("/", "／")):
        return moved["op"], float(moved["num"]), moved["head"] + moved["tail"]
    op, rest = split_operator(t)
    rest = re.sub(r"^(约|达到|达)", "", rest)
    if _DATE_LIKE.match(rest):
        return None, None, None
    m = _NUMBER.match(rest)
    if not m:
        unit = _STRAY.sub("", rest)
        if op and (not unit or _is_unit(unit)):
            return op, None, unit or None
        return None, None, None
    value = float(m.group(0))
    unit = _STRAY.sub("", rest[m.end() :])
    for suffix, implied in (("及以上", "≥"), ("以上", "≥"), ("以下", "≤"), ("以内", "≤"), ("之内", "≤")):
        if unit.endswith(suffix):
            unit = unit[: -len(suffix)]
            op = op or implied
            break
    if unit and not _is_unit(unit):
        return (op, None, None) if op else (None, None, None)
    return op, value, unit or None


def is_value_like(text: str | None) -> bool:
    """True for a cell that reads as a measured value ('≥90%', '12 次', '≥人', '5.18'), false
    for words ('明显提高') and names ('全县参保人约10万人', '12345满意度')."""
    op, value, unit = parse_indicator_value(text)
    return op is not None or value is not None


def _base_unit(unit: str | None) -> tuple[str | None, float]:
    """'万元' -> ('元', 10000); '百分比' -> ('%', 1): units reduced to a comparable base."""
    if unit is None:
        return None, 1.0
    if unit in _UNIT_FAMILY:
        return _UNIT_FAMILY[unit]
    if len(unit) > 1 and unit.startswith("万"):
        return unit[1:], 10000.0
    return unit, 1.0


def achieved(
    target_op: str | None,
    target_value: float | None,
    target_unit: str | None,
    actual_value: float | None,
    actual_unit: str | None,
) -> bool | None:
    """Whether the actual value meets the target; None when that cannot be decided.

    Decided only when both values are numbers in comparable units (equal after reducing
    '万元' to '元' and '百分比' to '%', or the actual printed without a unit). A target without
    an operator is met when the actual equals it; otherwise the direction is unknown (None).
    """
    if target_value is None or actual_value is None:
        return None
    t_base, t_factor = _base_unit(target_unit)
    a_base, a_factor = _base_unit(actual_unit)
    if a_base is None:
        a_base, a_factor = t_base, t_factor
    if t_base != a_base:
        return None
    t, a = target_value * t_factor, actual_value * a_factor
    eps = 1e-9 * max(1.0, abs(t))
    if target_op == "≥":
        return a >= t - eps
    if target_op == "≤":
        return a <= t + eps
    if target_op == ">":
        return a > t
    if target_op == "<":
        return a < t
    if target_op == "=":
        return abs(a - t) <= eps
    return True if abs(a - t) <= eps else None


# The words a printed actual value (or a 完成程度 cell) uses to say whether the target was met.
# Negative words first: '未完成预期指标' holds '完成'.
_NOT_MET = re.compile(r"未完成|未达成|未达到|未实现|没有完成|未能|效果较差|不达标|不合格|^否$")
_MET = re.compile(r"已完成|完成|达成|达到|实现|达标|合格|符合|^是$|全部")
_MONTH_DEADLINE = re.compile(r"(\d{1,2})\s*月(?:份|底|末)?(?:之?前|以前)?")


def judge_achieved(
    target_raw: str | None,
    target_op: str | None,
    target_value: float | None,
    target_unit: str | None,
    actual_raw: str | None,
    actual_value: float | None,
    actual_unit: str | None,
) -> tuple[bool | None, str | None]:
    """(achieved, rule): whether the actual value meets the target, and by which rule.

    'numeric'     both are numbers in comparable units (see `achieved`);
    'date'        a deadline month ('12月底前', '≤3 月') against the month the actual names
                  ('11月', '12月底');
    'qualitative' the actual (or 完成程度) text says so: '已完成', '达成预期指标', '是' meet the
                  target, '未完成', '未达成…效果较差', '否' do not; a target '是' met by '是'.
    (None, None) when nothing decides it: a judgement is never guessed.
    """
    if not actual_raw:
        return None, None
    numeric = achieved(target_op, target_value, target_unit, actual_value, actual_unit)
    if numeric is not None:
        return numeric, "numeric"
    actual = clean_value_text(actual_raw)
    target = clean_value_text(target_raw)
    deadline = _MONTH_DEADLINE.fullmatch(re.sub(r"^[≤<]|^(?:\d{4}年)", "", target)) if target else None
    done = _MONTH_DEADLINE.fullmatch(re.sub(r"^(?:\d{4}年)", "", actual))
    if deadline and done:
        return int(done.group(1)) <= int(deadline.group(1)), "date"
    if _NOT_MET.search(actual):
        return False, "qualitative"
    if _MET.search(actual) and (not re.search(r"\d", actual) or "达成预期" in actual):
        return True, "qualitative"  # ('全部或基本达成预期指标 100%-80%' is a band, not an amount)
    return None, None
