"""Rows and cells of performance tables: the vocabulary (level words, labels, titles),
the matching form of a cell, and the level-word reader that tolerates OCR damage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..model import SourceDocument
from ..text import compact, is_markdown_separator, parse_amount, split_cells, strip_markup

# ---------------------------------------------------------------- vocabulary

# 一级指标 of the standard project template and of unit-wide (整体) templates.
L1_WORDS = {"产出指标", "效益指标", "满意度指标", "履职效能", "管理效率", "运行成本", "社会效应", "可持续性"}
# Words that are 二级指标 in the standard templates (成本指标 is 二级 in older, 一级 in newer ones).
L2_WORDS = {
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "社会公众满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "社会效益",
    "经济效益",
    "生态效益",
    "可持续影响",
    "服务对象满意度",
    "社会公众满意度",
}
_LEVEL_WORDS = L1_WORDS | L2_WORDS
# A 二级指标 implies its 一级指标 in the standard template (used when the 一级 cell of the group
# was printed on another row and the carried value belongs to the previous group).
IMPLIED_L1 = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "社会公众满意度指标": "满意度指标",
    # the same 二级 printed without the trailing 指标
    "经济效益": "效益指标",
    "社会效益": "效益指标",
    "生态效益": "效益指标",
    "可持续影响": "效益指标",
    "服务对象满意度": "满意度指标",
    "社会公众满意度": "满意度指标",
}
STANDARD_L1 = {"产出指标", "效益指标", "满意度指标"}
# Short 一级 fragments left when the cell wrapped ('产出指 / 标', '満意度 / 指标').
L1_SHORT = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标", "产出指": "产出指标", "效益指": "效益指标"}
# Vertical row labels whose pieces are scattered over rows ('绩 / 效指 / 标').
LABEL_SOURCES = ("绩效指标", "年度绩效指标", "绩效目标指标", "项目绩效分析", "绩效目标", "自评结果分析")

GRADES = {"优", "良", "中", "差"}

GENERIC_TITLE = re.compile(
    r"^(\d{4}年度?)?(部门|单位)?(预算)?"
    r"(项目支出|项目|专项业务经费|业务经费|整体支出|部门\(单位\)整体|单位整体|部门整体|整体|"
    r"专项资金总体|预算项目\(政策\)|项目\(政策\))?绩效(目标|自评)表$"
)
TABLE_LABELS = (
    "项目名",
    "管部门",
    "名称",
    "项目编码",
    "预算数",
    "预算规模",
    "资金金额",
    "项目资金",
    "专项资金",
    "年度主要任务",
    "实施单位",
)
TERMINATOR = re.compile(
    r"^(注|备注|各注|说明|填报|联系方式|附件|表\d+$|第.部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．]有关)"
)
PAGE_NO = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*$")
PLACEHOLDER = re.compile(r"^[.。…·\-—_,，、\s]*$")
NAME_PREFIX = re.compile(r"^指标\s*(?:\d+\s*[:：；;]?|[:：；;])\s*")  # '指标1:', '指标：', '指标4；'
PROJECT_CODE = re.compile(r"\d{8}P\d{8,14}[A-Z]?")
MONTH = re.compile(r"(\d{1,2})\s*月")
LOOKALIKE = str.maketrans(
    {
        "Р": "P",
        "Н": "H",
        "А": "A",
        "В": "B",
        "С": "C",
        "Е": "E",
        "К": "K",
        "М": "M",
        "О": "O",
        "Т": "T",
        "Х": "X",
        "Ρ": "P",
        "Κ": "K",
        "Τ": "T",
        "Χ": "X",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Η": "H",
        "Ι": "I",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
    }
)
_LATEX = [(re.compile(r"\$\\(?:leq?|leqslant)\$"), "≤"), (re.compile(r"\$\\(?:geq?|geqslant)\$"), "≥")]


# ---------------------------------------------------------------- rows


@dataclass
class Row:
    """One extracted line as cells (markup stripped, original spacing kept)."""

    line_no: int
    cells: list[str]

    # computed once per row: the table readers ask for them many times
    @cached_property
    def filled(self) -> list[tuple[int, str]]:
        return [(i, c) for i, c in enumerate(self.cells) if c.strip()]

    @cached_property
    def joined(self) -> str:
        return "".join(key(c) for c in self.cells)


@lru_cache(maxsize=131072)
def key(text: str | None) -> str:
    """Matching form of a cell: no spaces, NFKC, common OCR variants of table words folded."""
    k = compact(text)
    return k.replace("満", "满").replace("級", "级").replace("—级", "一级").replace("預", "预")


def clean(text: str | None) -> str:
    """Printed text for names: markup and whitespace removed (PDF wrapping puts spaces inside
    Chinese words), except one space kept between two Latin letters/digits."""
    if not text:
        return ""
    t = strip_markup(text).strip().lstrip("#").strip().strip("*").strip().lstrip("·•●◆")
    t = re.sub(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z])|(?<=[A-Za-z])\s+(?=[A-Za-z0-9])", "\x00", t)
    t = re.sub(r"\s+", "", t)
    return t.replace("\x00", " ")


def raw(text: str | None) -> str | None:
    """A value cell as printed, whitespace runs collapsed; None when empty."""
    if text is None:
        return None
    t = re.sub(r"\s+", " ", text).strip()
    return t or None


def document_rows(doc: SourceDocument) -> list[Row]:
    return [Row(no, list(_row_cells(line))) for no, line in enumerate(doc.lines, start=1)]


@lru_cache(maxsize=65536)
def _row_cells(line: str) -> tuple[str, ...]:
    """The cells of one line, LaTeX comparison signs ('$\\geq$') made plain; a markdown
    separator has none. Memoised: page headers and column headers repeat across documents."""
    if is_markdown_separator(line):
        return ()
    cells = []
    for cell in split_cells(line):
        if "$" in cell:
            for pattern, repl in _LATEX:
                cell = pattern.sub(repl, cell)
        cells.append(cell.strip())
    filled = [c for c in cells if c]
    if len(filled) == 1 and " " in filled[0]:
        words = filled[0].split()
        if len(words) >= 3 and all(_HEADER_WORD.fullmatch(w) for w in words):
            return tuple(words)  # an indicator header printed as one cell: '一级指标 二级指标 指标内容 指标值' (R11)
    return tuple(cells)


_HEADER_WORD = re.compile(r"[一二三]级指标|指标内容|指标名称|(?:年度)?指标值|绩效指标|分值|得分|备注")


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def amount(text: str | None) -> float | None:
    """A money or score cell; tolerates OCR debris around the number ('5896. 00)', '(00')."""
    value = parse_amount(text)
    if value is None and text:
        t = re.sub(r"[()（）\[\]{}|,，]+$", "", text.strip())
        t = re.sub(r"^[()（）\[\]{}|,，]+", "", t)
        value = parse_amount(t)
    return value


def is_number(text: str | None) -> bool:
    return amount(text) is not None


# ---------------------------------------------------------------- level words


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by exactly one substituted character (an OCR misread)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


@lru_cache(maxsize=65536)
def level_word(text: str) -> str | None:
    """The canonical level word a cell spells ('产出 指标', '时效指称', '満意度 指标'), or None."""
    k = key(text).rstrip(":：")
    if not k or k in LABEL_SOURCES:
        return None
    if k in _LEVEL_WORDS:
        return k
    if k.endswith("指") and k + "标" in _LEVEL_WORDS:
        return k + "标"
    if len(k) >= 4:
        close = [w for w in _LEVEL_WORDS if _edit1(k, w)]
        if len(close) == 1:
            return close[0]
    return None


def is_fragment(text: str) -> bool:
    """A piece of a wrapped level word or vertical row label ('标', '效指', '指标', '绩 效')."""
    k = key(text)
    if not k or len(k) > 4 or not has_cjk(k):
        return False
    if k in L1_SHORT:
        return False
    if len(k) == 1:
        return any(k in w for w in LABEL_SOURCES) or k == "标"
    return any(k in w for w in _LEVEL_WORDS | set(LABEL_SOURCES)) and k not in _LEVEL_WORDS


_LEVEL_PREFIX = re.compile(r"^\s*(?:\S{1,2}\s+)?(\S{2,6}指\s?标)\s+(\S.*)$")


def split_level_prefix(cell: str) -> tuple[str, ...]:
    """'数量指标 参加医疗保险人数' in one cell -> a level cell and a name cell."""
    m = _LEVEL_PREFIX.match(cell)
    if m and level_word(m.group(1)) and not level_word(m.group(2)):
        return m.group(1), m.group(2)
    return (cell,)
