"""Performance tables of a document -> PerformanceResult.

Handles the 绩效目标表 printed with budgets (project targets, 专项业务经费 and 整体支出 targets)
and the 绩效自评表 printed after the year (project self-evaluations in three layouts, the
unit-wide 整体 self-evaluation) plus the 绩效自评情况汇总表.

The text comes from PDF extractors: cells are left-packed (a merged cell printed on another
row leaves no empty cell, so columns shift), level cells (一级/二级指标) are printed once per
group or vertically one character per line, names wrap onto the next line, page headers
repeat, and OCR damages numbers ('55. 875', '5, 597') and words ('満意度', '时效指称'). So rows
are read by what their cells contain (level words, a name, operator values, a numeric
weight/score tail) and by the table's own header positions where the row still lines up
with them. Nothing here is keyed to one document; every rule is about table semantics.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cached_property, lru_cache
from dataclasses import dataclass

from .model import (
    DocumentInfo,
    PerformanceIndicator,
    PerformanceProject,
    PerformanceResult,
    PerformanceSummary,
    SourceDocument,
)
from .perf_values import (
    achieved,
    clean_value_text,
    is_value_like,
    normalize_operator,
    parse_indicator_value,
)
from .text import compact, is_markdown_separator, parse_amount, parse_percent, split_cells, strip_markup

# ---------------------------------------------------------------- vocabulary

# 一级指标 of the standard project template and of unit-wide (整体) templates.
_L1_WORDS = {"产出指标", "效益指标", "满意度指标", "履职效能", "管理效率", "运行成本", "社会效应", "可持续性"}
# Words that are 二级指标 in the standard templates (成本指标 is 二级 in older, 一级 in newer ones).
_L2_WORDS = {
    "数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
    "可持续影响指标", "服务对象满意度指标", "社会公众满意度指标", "经济成本指标", "社会成本指标",
    "生态环境成本指标", "社会效益", "经济效益", "生态效益", "可持续影响", "服务对象满意度",
    "社会公众满意度",
}
_LEVEL_WORDS = _L1_WORDS | _L2_WORDS
# A 二级指标 implies its 一级指标 in the standard template (used when the 一级 cell of the group
# was printed on another row and the carried value belongs to the previous group).
_IMPLIED_L1 = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
    "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标", "服务对象满意度指标": "满意度指标", "社会公众满意度指标": "满意度指标",
}
_STANDARD_L1 = {"产出指标", "效益指标", "满意度指标"}
# Short 一级 fragments left when the cell wrapped ('产出指 / 标', '満意度 / 指标').
_L1_SHORT = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标", "产出指": "产出指标", "效益指": "效益指标"}
# Vertical row labels whose pieces are scattered over rows ('绩 / 效指 / 标').
_LABEL_SOURCES = ("绩效指标", "年度绩效指标", "绩效目标指标", "项目绩效分析", "绩效目标", "自评结果分析")

_GRADES = {"优", "良", "中", "差"}

_TITLE_END = re.compile(r"绩效(目标|自评)表$")
_SUMMARY_TITLE = "绩效自评情况汇总表"
_GENERIC_TITLE = re.compile(
    r"^(\d{4}年度?)?(部门|单位)?(预算)?"
    r"(项目支出|项目|专项业务经费|业务经费|整体支出|部门\(单位\)整体|单位整体|部门整体|整体|"
    r"专项资金总体|预算项目\(政策\)|项目\(政策\))?绩效(目标|自评)表$"
)
_TABLE_LABELS = ("项目名", "管部门", "名称", "项目编码", "预算数", "预算规模", "资金金额", "项目资金", "专项资金", "年度主要任务", "实施单位")
_TERMINATOR = re.compile(
    r"^(注|备注|各注|说明|填报|联系方式|附件|表\d+$|第.部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．]有关)"
)
_PAGE_NO = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*$")
_PLACEHOLDER = re.compile(r"^[.。…·\-—_,，、\s]*$")
_NAME_PREFIX = re.compile(r"^指标\s*\d+\s*[:：]\s*")
_PROJECT_CODE = re.compile(r"\d{8}P\d{8,14}[A-Z]?")
_MONTH = re.compile(r"(\d{1,2})\s*月")
_LOOKALIKE = str.maketrans({
    "Р": "P", "Н": "H", "А": "A", "В": "B", "С": "C", "Е": "E", "К": "K", "М": "M", "О": "O",
    "Т": "T", "Х": "X", "Ρ": "P", "Κ": "K", "Τ": "T", "Χ": "X", "Α": "A", "Β": "B", "Ε": "E",
    "Η": "H", "Ι": "I", "Μ": "M", "Ν": "N", "Ο": "O",
})
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
        return "".join(_key(c) for c in self.cells)


@lru_cache(maxsize=131072)
def _key(text: str | None) -> str:
    """Matching form of a cell: no spaces, NFKC, common OCR variants of table words folded."""
    k = compact(text)
    return k.replace("満", "满").replace("級", "级").replace("—级", "一级").replace("預", "预")


def _clean(text: str | None) -> str:
    """Printed text for names: markup and whitespace removed (PDF wrapping puts spaces inside
    Chinese words), except one space kept between two Latin letters/digits."""
    if not text:
        return ""
    t = strip_markup(text).strip().lstrip("#").strip().strip("*").strip().lstrip("·•●◆")
    t = re.sub(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z])|(?<=[A-Za-z])\s+(?=[A-Za-z0-9])", "\x00", t)
    t = re.sub(r"\s+", "", t)
    return t.replace("\x00", " ")


def _raw(text: str | None) -> str | None:
    """A value cell as printed, whitespace runs collapsed; None when empty."""
    if text is None:
        return None
    t = re.sub(r"\s+", " ", text).strip()
    return t or None


def _rows(doc: SourceDocument) -> list[Row]:
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
    return tuple(cells)


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _amount(text: str | None) -> float | None:
    """A money or score cell; tolerates OCR debris around the number ('5896. 00)', '(00')."""
    value = parse_amount(text)
    if value is None and text:
        t = re.sub(r"[()（）\[\]{}|,，]+$", "", text.strip())
        t = re.sub(r"^[()（）\[\]{}|,，]+", "", t)
        value = parse_amount(t)
    return value


def _is_number(text: str | None) -> bool:
    return _amount(text) is not None


# ---------------------------------------------------------------- level words


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by exactly one substituted character (an OCR misread)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


@lru_cache(maxsize=65536)
def _level_word(text: str) -> str | None:
    """The canonical level word a cell spells ('产出 指标', '时效指称', '満意度 指标'), or None."""
    k = _key(text).rstrip(":：")
    if not k or k in _LABEL_SOURCES:
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


def _is_fragment(text: str) -> bool:
    """A piece of a wrapped level word or vertical row label ('标', '效指', '指标', '绩 效')."""
    k = _key(text)
    if not k or len(k) > 4 or not _has_cjk(k):
        return False
    if k in _L1_SHORT:
        return False
    if len(k) == 1:
        return any(k in w for w in _LABEL_SOURCES) or k == "标"
    return any(k in w for w in _LEVEL_WORDS | set(_LABEL_SOURCES)) and k not in _LEVEL_WORDS


def _split_level_prefix(cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """'数量指标 参加医疗保险人数' in one cell -> a level cell and a name cell (same index)."""
    out = []
    for i, c in cells:
        m = re.match(r"^\s*(?:\S{1,2}\s+)?(\S{2,6}指\s?标)\s+(\S.*)$", c)
        if m and _level_word(m.group(1)) and not _level_word(m.group(2)):
            out.append((i, m.group(1)))
            out.append((i, m.group(2)))
        else:
            out.append((i, c))
    return out


# ---------------------------------------------------------------- titles


@dataclass
class _Title:
    index: int  # index into rows
    text: str
    stage: str  # '目标' | '自评'
    scope: str  # 'project' | 'unit' | 'fund'


def _single_cell(row: Row) -> str | None:
    filled = row.filled
    return filled[0][1] if len(filled) == 1 else None


def _title_candidate(row: Row) -> str | None:
    """A line that is only a performance table title (not a catalogue row or a sentence)."""
    if not any("表" in c for c in row.cells):  # every title ends in 表: a cheap first test
        return None
    text = _single_cell(row)
    if text is None:
        return None
    t = _clean(text)
    k = _key(t)
    if len(k) > 150 or "《" in k or "见" in k or not _TITLE_END.search(k):
        return None
    return t


def _confirmed(rows: list[Row], index: int) -> bool:
    """A title is a table only when a table label row (项目名称, 主管部门 …) follows closely;
    section headings such as '1.项目支出绩效目标表' are followed by another title instead."""
    seen = 0
    for row in rows[index + 1:]:
        if not row.filled or _PAGE_NO.match(row.joined or "x"):
            continue
        if _title_candidate(row):
            return False
        if any(label in row.joined for label in _TABLE_LABELS):
            return True
        seen += 1
        if seen >= 8:
            return False
    return False


def _find_titles(rows: list[Row]) -> tuple[list[_Title], list[int]]:
    """Performance table titles and 绩效自评情况汇总表 titles, in document order."""
    titles, summaries = [], []
    for i, row in enumerate(rows):
        if not any("表" in c for c in row.cells):  # both kinds of title end in 表
            continue
        text = _single_cell(row)
        if text and _SUMMARY_TITLE in _key(text) and len(_key(text)) < 60:
            summaries.append(i)
            continue
        t = _title_candidate(row)
        if not t or not _confirmed(rows, i):
            continue
        k = _key(t)
        stage = "自评" if "自评" in k else "目标"
        scope = "unit" if "整体" in k else ("fund" if "专项资金总体" in k else "project")
        titles.append(_Title(i, t, stage, scope))
    return titles, summaries


def _name_from_title(title: str) -> str | None:
    """The project name a title carries ('X项目支出绩效自评表', '3、X绩效目标表'); None for
    generic titles ('项目支出绩效自评表', '2022年部门预算专项业务经费绩效目标表')."""
    t = re.sub(r"^\d+\s*[、.．]\s*", "", title)
    if _GENERIC_TITLE.match(unicodedata.normalize("NFKC", t)):
        return None
    m = re.match(r"^(.*?)(项目支出|项目)?绩效(目标|自评)表$", t)
    name = m.group(1) if m else None
    return name or None


# ---------------------------------------------------------------- header zone


def _is_indicator_header(row: Row) -> bool:
    """The 一级指标/二级指标/三级指标 header row of an indicator section."""
    keys = [_key(c) for _, c in row.filled]
    levels = sum(1 for k in keys if re.fullmatch(r"[一二三-]?级指标?", k) or k in ("指标内容", "三级指标"))
    return levels >= 2 or (levels >= 1 and any(k in ("指标值", "指标内容") or "指标值" in k for k in keys))


def _after_label(joined: str, label: str, stops: tuple[str, ...], skip: tuple[str, ...] = ()) -> str | None:
    """Text after `label` in a row's joined text (minus a label tail in `skip` such as
    '及代码'), cut at the next label of `stops`; None when another label follows directly."""
    pos = joined.find(label)
    if pos < 0:
        return None
    rest = re.sub(r"^[^\u4e00-\u9fff0-9A-Za-z\"“(（]+", "", joined[pos + len(label):])
    for tail in skip:
        if rest.startswith(tail):
            rest = re.sub(r"^[^\u4e00-\u9fff0-9A-Za-z\"“(（]+", "", rest[len(tail):])
    cut = len(rest)
    for stop in stops:
        p = rest.find(stop)
        if 0 <= p < cut:
            cut = p
    return rest[:cut].strip() or None


def _cells_after(row: Row, pred) -> list[str]:
    """Filled cells after the first cell satisfying pred, up to the next label-like cell."""
    out, started = [], False
    for _, c in row.filled:
        k = _key(c)
        if started:
            if any(lab in k for lab in ("主管部门", "实施单位", "预算单位", "项目编码", "实施期限")):
                break
            out.append(c)
        elif pred(k):
            started = True
    return out


_NAME_STOPS = ("主管部门及代码", "主管部门", "实施单位", "预算单位", "项目编码", "实施期限")


def _read_name(rows: list[Row]) -> str | None:
    """The 项目名称 cell (joined over wrapped continuation rows)."""
    for i, row in enumerate(rows):
        joined = _key(" ".join(c for _, c in row.filled))
        label = next((lab for lab in ("项目(政策)名称", "项目名称") if lab in joined), None)
        if label is None:
            continue
        name = _after_label(joined, label, _NAME_STOPS[1:], skip=("主管部门及代码",))
        parts = [name] if name else []
        for nxt in rows[i + 1:i + 4]:
            if not nxt.filled or _PAGE_NO.match(nxt.joined):
                continue
            if len(nxt.filled) > 2 or any(lab in nxt.joined for lab in _TABLE_LABELS + ("资金", "预算")):
                break
            parts.append(nxt.joined)
        return "".join(parts) or None
    return None


def _read_code(rows: list[Row]) -> str | None:
    """项目编码 as printed (look-alike Cyrillic letters folded back to Latin)."""
    for row in rows:
        filled = row.filled
        for pos, (_, c) in enumerate(filled):
            m = _PROJECT_CODE.search(_key(c).translate(_LOOKALIKE))
            if not m:
                continue
            code = m.group(0)
            nxt = _key(filled[pos + 1][1]).translate(_LOOKALIKE) if pos + 1 < len(filled) else ""
            if code[-1].isdigit() and re.fullmatch(r"[A-Z]", nxt):
                code += nxt  # the check letter of the code printed in the next cell
            return code
        joined = row.joined.translate(_LOOKALIKE)
        if "项目编码" in joined:
            m = re.search(r"项目编码[:：]?([0-9A-Za-z\-]{6,})", joined)
            if m:
                return m.group(1)
    return None


def _pre_title_code(rows: list[Row], index: int) -> str | None:
    """A project code printed alone just above the title belongs to that table."""
    for row in reversed(rows[max(0, index - 6):index]):
        if not row.filled:
            continue
        text = _single_cell(row)
        if text is None:
            return None
        m = _PROJECT_CODE.fullmatch(_key(text).translate(_LOOKALIKE))
        if m:
            return m.group(0)
        return None
    return None


def _read_people(rows: list[Row], proj: PerformanceProject) -> None:
    """主管部门 / 实施单位 / 预算单位 cells (a label cell followed by its value cells)."""
    for i, row in enumerate(rows):
        joined = _key(" ".join(c for _, c in row.filled))
        if "管部门" in joined and proj.department_name is None:
            dept = _after_label(joined, "管部门", ("实施单位", "预算单位", "实施期限"), skip=("及代码",))
            if "项目名称主管部门" in joined and i + 1 < len(rows):
                # '项目名称 主管部门及代码' stacked in one cell: the department is on the next row
                nxt = _key(" ".join(c for _, c in rows[i + 1].filled))
                dept = nxt.split("预算单位")[0] or None
            proj.department_name = dept.strip("-—") if dept else None
        for label in ("实施单位", "预算单位"):
            if label in joined and proj.unit_name is None:
                unit = _after_label(joined, label, ("主管部门",))
                proj.unit_name = unit.strip("-—") if unit else None


def _numbers_after_label(row: Row, labels: dict[str, str]) -> dict[str, float]:
    """Label/value pairs in one row ('预算数 78.02 其中:财政资金 78.02 其他资金'): the first
    number after each label cell, skipping stray text cells ('资金')."""
    out: dict[str, float] = {}
    current = None
    for _, c in row.filled:
        k = _key(c)
        hit = next((f for lab, f in labels.items() if lab in k), None)
        if hit:
            current = hit
            tail = re.sub(r"^.*?[:：]", "", c) if re.search(r"[:：]\s*[\d.]+\s*$", c) else ""
            if tail and _is_number(tail) and current not in out:
                out[current] = _amount(tail)
                current = None
            continue
        if current and _is_number(c) and current not in out:
            out[current] = _amount(c)
            current = None
    return out


_TARGET_BUDGET_LABELS = {
    "年度资金总额": "budget", "实施期资金总额": "budget", "资金总额": "budget", "预算数": "budget",
    "财政拨款": "fiscal", "财政资金": "fiscal", "财政": "fiscal", "其他资金": "other",
}


def _read_target_budget(rows: list[Row], proj: PerformanceProject) -> None:
    """预算数 / 资金总额 with 其中财政资金 (财政拨款) and 其他资金 of a 绩效目标表."""
    found: dict[str, float] = {}
    for row in rows:
        for f, v in _numbers_after_label(row, _TARGET_BUDGET_LABELS).items():
            found.setdefault(f, v)
    proj.budget_wan = found.get("budget")
    proj.fiscal_wan = found.get("fiscal")
    proj.other_wan = found.get("other")
    if proj.budget_wan is None and (proj.fiscal_wan is not None or proj.other_wan is not None):
        proj.budget_wan = round((proj.fiscal_wan or 0) + (proj.other_wan or 0), 6)
        proj.notes.append("budget_wan = 财政拨款 + 其他资金 (资金总额 cell printed blank)")


def _read_plan(rows: list[Row], proj: PerformanceProject) -> None:
    """资金支出计划 3月底/6月底/10月底/12月底: header cells with months, values on the next row.

    Values are matched to the month columns by position when every number stands under a
    month; otherwise (cells shifted) the numbers are taken in order.
    """
    for i, row in enumerate(rows):
        months: dict[int, list[int]] = {}
        for idx, c in row.filled:
            found = [int(m) for m in _MONTH.findall(c) if int(m) in (3, 6, 10, 12)]
            if found and "底" in c + (row.cells[idx + 1] if idx + 1 < len(row.cells) else ""):
                months[idx] = found
            elif found and re.fullmatch(r"\s*\d{1,2}\s*月\s*\)?", c):
                months[idx] = found
        if sum(len(v) for v in months.values()) < 2:
            continue
        values = next((r for r in rows[i + 1:i + 3] if r.filled), None)
        if values is None:
            return
        plan = _plan_values(values, months)
        proj.plan_q1, proj.plan_q2, proj.plan_q3, proj.plan_q4 = (plan.get(m) for m in (3, 6, 10, 12))
        return


def _plan_numbers(text: str) -> list[float]:
    return [v for v in (_amount(t) for t in re.findall(r"\d+(?:\s*\.\s*\d+)?", text)) if v is not None]


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


def _read_text_after(rows: list[Row], labels: tuple[str, ...]) -> str | None:
    """The text printed after a label cell ('资金用途', '年度目标'), whole row joined."""
    for row in rows:
        filled = row.filled
        for pos, (_, c) in enumerate(filled):
            k = _key(c)
            label = next((lab for lab in labels if k.startswith(lab)), None)
            if label is None:
                continue
            own = _clean(c)[len(label):].lstrip(":：")
            rest = "".join(_clean(x) for _, x in filled[pos + 1:])
            text = (own + rest).strip()
            return text or None
    return None


# ---------------------------------------------------------------- indicators


@dataclass
class _Values:
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
class _Columns:
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
    has_desc: bool = False
    size: int = 0


def _columns(header: Row) -> _Columns:
    cols = _Columns(size=len(header.cells))
    for i, c in header.filled:
        k = _key(c)
        if k.startswith("一级") and cols.l1 is None:
            cols.l1 = i
        elif k.startswith("二级"):
            cols.l2 = i
        elif k.startswith("三级") or k == "指标内容":
            cols.name = i
        elif "调整后" in k:
            cols.adjusted = i
        elif k in ("年度指标值", "年初指标值", "年度目标值", "指标值") and cols.target is None:
            cols.target = i
        elif "完成值" in k and cols.actual is None:
            cols.actual = i
        elif "定性值" in k:
            cols.note = i
        elif k == "分值":
            cols.weight = i
        elif k == "得分":
            cols.score = i
        if "描述" in k:
            cols.has_desc = True
    return cols


class _IndicatorReader:
    """Reads the rows of one indicator section, carrying levels down and joining wraps."""

    def __init__(self, project_no: int, layout: str, cols: _Columns):
        self.project_no = project_no
        self.layout = layout  # 'a' | 'b' | 'c' | 't'
        self.cols = cols
        self.l1: str | None = None
        self.l2: str | None = None
        self.items: list[PerformanceIndicator] = []
        self.vertical = ""
        self.pending: Row | None = None
        self.notes: list[str] = []
        self.problems: list[str] = []

    # -- levels

    def _set_levels(self, l1: str | None = None, l2: str | None = None, l2_piece: str | None = None) -> None:
        """Update the carried 一级/二级 from what one row prints.

        A new 一级 starts a new group (二级 reset); a 二级 piece that completes the current
        二级 ('服务对象' + '满意度') is joined and the rows that got the piece are corrected;
        a printed 二级 implies its 一级 where the template fixes it (数量指标 -> 产出指标).
        """
        if l1 and l1 != self.l1:
            self.l1, self.l2 = l1, None
        if l2:
            self.l2 = l2
            if self.layout != "c":  # a vertically centred 二级 printed below the group's first rows
                for ind in reversed(self.items):
                    if ind.level2 is not None or ind.level1 != self.l1:
                        break
                    ind.level2 = l2
        elif l2_piece:
            joined = _level_word((self.l2 or "") + l2_piece) if self.l2 else None
            if joined:
                for ind in reversed(self.items):
                    if ind.level2 != self.l2:
                        break
                    ind.level2 = joined
                self.l2 = joined
            elif not (self.l2 and l2_piece in self.l2) and any(w.startswith(l2_piece) for w in _L2_WORDS):
                self.l2 = l2_piece
        if l1 is None and self.l2 in _IMPLIED_L1 and (self.l1 is None or self.l1 in _STANDARD_L1):
            self.l1 = _IMPLIED_L1[self.l2]
        if self.l1 or self.l2:
            for ind in self.items:  # rows above the first printed level (vertically centred)
                if ind.level1 is not None or ind.level2 is not None:
                    break
                ind.level1, ind.level2 = self.l1, self.l2
            for ind in self.items:
                if ind.level1 is not None:
                    break
                ind.level1 = self.l1

    def _apply_words(self, words: list[str]) -> None:
        """Level cells read by content: first = 一级, last = 二级; a lone word by vocabulary."""
        if len(words) >= 2 and words[0] in _L2_WORDS - {"成本指标"} and words[-1] in _L2_WORDS:
            self._set_levels(l2=words[-1])  # a damaged 一级 cell that reads as a 二级 word
        elif len(words) >= 2:
            self._set_levels(l1=words[0], l2=words[-1])
        elif len(words) == 1:
            if words[0] in _L1_WORDS:
                self._set_levels(l1=words[0])
            else:
                self._set_levels(l2=words[0])

    def _backfill(self, word: str) -> None:
        """A level printed below its rows (a vertically centred merged cell) fills the rows
        above it that have no such level yet, and carries on downward."""
        is_l1 = word in _L1_WORDS
        for ind in self.items:
            if is_l1 and ind.level1 is None:
                ind.level1 = word
            elif not is_l1 and ind.level2 is None:
                ind.level2 = word
        if is_l1:
            self.l1 = word
        else:
            self.l2 = word

    def _flush_vertical(self) -> None:
        if self.vertical:
            word = _level_word(self.vertical) or _L1_SHORT.get(self.vertical)
            if word:
                self._backfill(word)
            self.vertical = ""

    def _label_row(self, row: Row) -> bool:
        """Rows holding only level words or one-character pieces of a vertical label."""
        tokens = [t for _, c in row.filled for t in c.split()]
        if not tokens:
            return False
        kinds = []
        for t in tokens:
            k = _key(t)
            if len(k) == 1 and _has_cjk(k):
                kinds.append(("char", k))
            elif _level_word(t):
                kinds.append(("word", _level_word(t)))
            elif _is_fragment(t):
                kinds.append(("frag", k))
            else:
                return False
        for kind, k in kinds:
            if kind == "char":
                self.vertical += k
                if _level_word(self.vertical):
                    self._flush_vertical()
            elif kind == "word":
                self._flush_vertical()
                self._backfill(k)
        return True

    # -- rows

    def feed(self, row: Row) -> None:
        if not row.filled or _PAGE_NO.match(row.joined):
            return
        if _is_indicator_header(row):
            self.cols.has_desc = self.cols.has_desc or any("描述" in _key(c) for _, c in row.filled)
            return
        if self._subheader(row):
            return
        if self._overlay(row):
            self.notes.append(f"line {row.line_no}: OCR overlay row skipped")
            return
        if self._label_row(row):
            return
        self._flush_vertical()
        if self.pending is not None:
            pend, self.pending = self.pending, None
            if pend.line_no + 1 == row.line_no and self._weak_name(row):
                merged = Row(row.line_no, _merge_cells(pend.cells, row.cells))
                if self._parse_row(merged, dry=True):
                    self._parse_row(merged, hold=False)
                    return
            if not self._parse_row(pend, hold=False):
                self._continuation(pend)
        self._parse_row(row)

    def finish(self) -> None:
        self._flush_vertical()
        if self.pending is not None:
            pend, self.pending = self.pending, None
            if not self._parse_row(pend, hold=False):
                self._continuation(pend)

    def _weak_name(self, row: Row) -> bool:
        """A row whose own name cell is missing or a one/two-character stub ('率'): the top
        half of its cells was printed on the line above."""
        parsed = self._by_content(_prepare_cells(row))
        return parsed is None or parsed[1] is None or _cjk_count(parsed[1]) <= 2

    @staticmethod
    def _subheader(row: Row) -> bool:
        words = ("运算符号", "内容", "度量单位", "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "原因说明")
        keys = [_key(c) for _, c in row.filled]
        return sum(1 for k in keys if any(w in k for w in words)) >= 2 and not any(_is_number(c) for _, c in row.filled)

    @staticmethod
    def _overlay(row: Row) -> bool:
        """OCR overlays repeat the whole table inside a few giant cells."""
        return any(len(_key(c)) > 60 and ("二级指标" in _key(c) or "三级指标" in _key(c)) for _, c in row.filled)

    def _continuation(self, row: Row) -> None:
        """A text-only row: the wrapped rest of the previous indicator's name or basis."""
        if not self.items:
            return
        prev = self.items[-1]
        filled = [(i, c) for i, c in row.filled if not _PLACEHOLDER.match(c)]
        if not filled:
            return
        texts = [_clean(c) for _, c in filled]
        if self.layout == "t" and (self.cols.has_desc or len(filled) > 1):
            last = texts[-1]
            if _basis_like(last) or (len(filled) == 1 and self.cols.has_desc and prev.basis):
                prev.basis = (prev.basis or "") + "".join(texts)
            return
        if len(filled) == 1 and prev.indicator_name and prev.line_no >= row.line_no - 3:
            prev.indicator_name += texts[0]

    def _parse_row(self, row: Row, dry: bool = False, hold: bool = True) -> bool:
        """Parse one row as an indicator; returns False when it is not one.

        In 绩效目标表 with a 描述 column, a row without any level cell or measured value may
        be the upper half of a vertically centred row: it is held back (`pending`) and merged
        with the next line when that line lacks a proper name.
        """
        cells = _prepare_cells(row)
        if (hold and not dry and self.layout == "t" and self.cols.has_desc and len(cells) >= 2
                and not any(is_value_like(c) or _level_word(c) for _, c in cells)):
            self.pending = row
            return False
        parsed = self._positional(row, cells) if self.layout in ("a", "b") else None
        if parsed is None:
            parsed = self._by_content(cells)
        if parsed is None:
            return False
        levels, name, values = parsed
        if dry:
            return name is not None and values is not None
        if isinstance(levels, tuple):
            self._set_levels(*levels)
        elif levels:
            self._apply_words(levels)
        if name is None or values is None:
            if name is None and values is None and not levels:
                if self.layout == "t" and len(cells) >= 2:
                    self.pending = row
                else:
                    self._continuation(row)
            elif values is not None and name is None and values.weight is not None:
                self.problems.append(f"line {row.line_no}: indicator values without a name")
            return False
        self._emit(row.line_no, name, values)
        return True

    def _positional(self, row: Row, cells: list[tuple[int, str]]):
        """Read a/b rows by the header's column positions when the row still lines up."""
        cols = self.cols
        if cols.name is None or cols.weight is None:
            return None
        by_idx = dict(cells)
        name = by_idx.get(cols.name)
        if not name or not _has_cjk(name) or _level_word(name) or is_value_like(name) or _is_fragment(name):
            return None
        if any(_cjk_count(c) >= 4 and not (_level_word(c) or _is_fragment(c)) for i, c in cells if i < cols.name):
            return None  # a name left of the name column: the row is shifted
        weight = by_idx.get(cols.weight)
        score = by_idx.get(cols.score) if cols.score is not None else None
        if not _is_number(weight) or (score is not None and not _is_number(score)):
            return None
        later = [c for i, c in cells if i > max(cols.weight, cols.score or 0)]
        if score is None and (any(_is_number(c) for c in later) or _is_number(by_idx.get(cols.weight - 1))):
            return None  # the numeric tail sits left of the 分值/得分 columns: shifted
        v = _Values(
            target=by_idx.get(cols.target) if cols.target is not None else None,
            adjusted=by_idx.get(cols.adjusted) if cols.adjusted is not None else None,
            actual=by_idx.get(cols.actual) if cols.actual is not None else None,
            weight=_amount(weight),
            score=_amount(score) if score is not None else None,
            deviation=_join([c for i, c in cells if i > max(cols.weight, cols.score or 0)]),
        )
        if cols.note is not None and by_idx.get(cols.note):
            v.description = by_idx.get(cols.note)
        return self._positional_levels(cells), _clean(name), v

    def _positional_levels(self, cells: list[tuple[int, str]]) -> tuple:
        """(一级, 二级, 二级 piece) from the level columns of a row that lines up."""
        cols = self.cols
        l1_idx = cols.l1 if cols.l1 is not None else (cols.l2 - 1 if cols.l2 else None)
        l1 = l2 = piece = None
        for i, c in cells:
            if i >= (cols.name or 0):
                break
            k = _key(c)
            word = _level_word(c)
            if i == cols.l2:
                if word:
                    l2 = word
                elif _has_cjk(k) and 2 <= len(k) <= 5:
                    piece = k
            elif i == l1_idx or (word and word in _L1_WORDS):
                l1 = word if word in _L1_WORDS else _L1_SHORT.get(k, l1)
                if word and word not in _L1_WORDS and l2 is None:
                    l2 = word
        return (l1, l2, piece)

    def _by_content(self, cells: list[tuple[int, str]]):
        """Read a row by what its cells contain: level words, then a name, then values."""
        texts = [c for _, c in cells]
        if self.layout == "c":
            return self._content_c(texts)
        levels, pos = [], 0
        while pos < len(texts):
            c = texts[pos]
            word = _level_word(c) or _L1_SHORT.get(_key(c))
            if word and not (levels and pos + 1 < len(texts) and len(levels) >= 2):
                levels.append(word)
            elif _is_fragment(c) or not _has_cjk(c):
                pass
            elif not levels and pos + 1 < len(texts) and _level_word(texts[pos + 1]):
                pass  # OCR debris in the 一级 column, the 二级 word follows
            else:
                break
            pos += 1
        if pos >= len(texts) and len(levels) >= 3 and self.layout == "t":
            pos = len(texts) - 1  # the name itself reads as a level word ('服务对象满意度指标')
            levels = levels[:2]
            texts = texts[:pos] + [texts[pos]]
        if pos >= len(texts):
            return (levels, None, None) if levels else None
        name = _clean(texts[pos])
        if is_value_like(texts[pos]):
            return (levels, None, None) if levels else None
        rest = texts[pos + 1:]
        values = self._assign(rest)
        return levels, name, values

    def _content_c(self, texts: list[str]):
        """运算符号/指标值/度量单位/全年完成值/完成程度/分值/得分 rows, read from the right:
        the numeric tail is (完成程度, 分值, 得分); an operator cell starts the value part;
        without one, the last two text cells are (指标值, 全年完成值)."""
        end = len(texts)
        while end > 0 and not _is_number(texts[end - 1]):
            end -= 1
        if end < 3 or not _is_number(texts[end - 2]):
            return None
        score, weight = _amount(texts[end - 1]), _amount(texts[end - 2])
        head = texts[: end - 3]
        degree = texts[end - 3]
        op_pos = next((i for i, c in enumerate(head) if normalize_operator(c)), None)
        if op_pos is not None:
            name_pos = op_pos - 1
            part = head[op_pos:]
        else:
            if len(head) < 3:
                name_pos = len(head) - 2 if len(head) >= 2 else None
            else:
                name_pos = len(head) - 3
            part = head[name_pos + 1:] if name_pos is not None else head
        if name_pos is None or name_pos < 0:
            return None
        v = _Values(weight=weight, score=score, description=None)
        if op_pos is not None:
            v.op = part[0]
            value_cells = part[1:]
            v.target = value_cells[0] if value_cells else None
            rest = value_cells[1:]
            if len(rest) >= 2 or (rest and not _is_number(rest[0]) and len(_key(rest[0])) <= 4):
                v.unit = rest[0] if len(rest) >= 2 or not _is_number(rest[0]) else None
                rest = rest[1:] if v.unit else rest
            v.actual = rest[0] if rest else None
        else:
            v.target = part[0] if part else None
            v.actual = part[1] if len(part) > 1 else None
        del degree  # 完成程度 is derived by the publisher from the two values; not kept
        levels = [w for w in (_level_word(c) or _clean(c) for c in head[:name_pos])
                  if w and _has_cjk(w) and _key(w) not in _LABEL_SOURCES and not _is_fragment(w)]
        return levels, _clean(head[name_pos]), v

    def _assign(self, rest: list[str]) -> _Values | None:
        """Value cells after the name -> fields, per layout."""
        if self.layout == "t":
            return _assign_target(rest, self.cols.has_desc)
        end = len(rest)
        while end > 0 and not _is_number(rest[end - 1]):
            end -= 1
        if end == 0:
            return None
        deviation = _join(rest[end:])
        if end >= 2 and _is_number(rest[end - 2]) and end - 2 >= 1:
            weight, score, head = _amount(rest[end - 2]), _amount(rest[end - 1]), rest[: end - 2]
        else:
            weight, score, head = _amount(rest[end - 1]), None, rest[: end - 1]
        if not head:
            return None
        v = _Values(weight=weight, score=score, deviation=deviation)
        if self.layout == "a":
            v.target = head[0]
            v.actual = head[1] if len(head) > 1 else None
        else:
            if len(head) >= 3:
                v.target, v.adjusted, v.actual = head[0], head[1], head[2]
                v.description = _join(head[3:])
            elif len(head) == 2:
                v.adjusted, v.actual = head
            else:
                v.actual = head[0]
        return v

    def _emit(self, line_no: int, name: str, v: _Values) -> None:
        ind = PerformanceIndicator(self.project_no, line_no, self.l1, self.l2, name)
        if self.layout == "c":
            op_raw = clean_value_text(v.op) if v.op else ""
            unit = _clean(v.unit) if v.unit else ""
            ind.target_raw = (op_raw + (v.target or "") + unit).strip() or None if v.target or op_raw else None
            ind.target_raw = _raw(ind.target_raw)
        else:
            ind.target_raw = _raw(v.target)
        ind.adjusted_target_raw = _raw(v.adjusted)
        ind.actual_raw = _raw(v.actual)
        ind.weight, ind.score = v.weight, v.score
        ind.description = _raw(v.description)
        ind.basis = _raw(v.basis)
        ind.deviation_reason = _raw(v.deviation)
        _fill_values(ind, v)
        self.items.append(ind)


def _prepare_cells(row: Row) -> list[tuple[int, str]]:
    """Filled cells with '指标1:' prefixes, placeholders ('.....', '指标 2:') and merged
    level+name cells sorted out."""
    cells = [(i, c) for i, c in row.filled]
    for _ in range(3):
        cells = [(i, _NAME_PREFIX.sub("", c).strip()) for i, c in cells]
    cells = [(i, c) for i, c in cells if not _PLACEHOLDER.match(c)]
    return _split_level_prefix(cells)


def _fill_values(ind: PerformanceIndicator, v: _Values) -> None:
    """Operator/number/unit of the target (the adjusted target where the original one is a
    blank template) and of the actual value, and whether the target was met."""
    effective = ind.target_raw
    t_op, t_val, t_unit = parse_indicator_value(effective)
    if ind.adjusted_target_raw:
        a_op, a_val, a_unit = parse_indicator_value(ind.adjusted_target_raw)
        if t_val is None and a_val is not None:
            t_op, t_val, t_unit = a_op, a_val, a_unit
    ind.target_op, ind.target_value, ind.target_unit = t_op, t_val, t_unit
    if ind.actual_raw:
        _, ind.actual_value, ind.actual_unit = parse_indicator_value(ind.actual_raw)
        if v.unit and ind.actual_value is not None and ind.actual_unit is None:
            ind.actual_unit = t_unit
    ind.achieved = achieved(t_op, t_val, t_unit, ind.actual_value, ind.actual_unit)


def _assign_target(rest: list[str], has_desc: bool) -> _Values | None:
    """绩效目标表 cells after the name: [描述], 指标值, [指标值确定依据 / 备注]."""
    if not rest:
        return None
    if not has_desc:
        return _Values(target=rest[0], basis=_join(rest[1:]))
    likes = [i for i, c in enumerate(rest) if is_value_like(c)]
    # a stray digit ('3') loses to a real value with an operator or a unit ('≥90%')
    j = next((i for i in likes if any(x is not None for x in parse_indicator_value(rest[i])[::2])), None)
    j = j if j is not None else (likes[0] if likes else None)
    if j is None:
        if len(rest) == 1:
            return _Values(target=rest[0]) if not _basis_like(rest[0]) else _Values(basis=rest[0])
        if _basis_like(rest[-1]):
            j = len(rest) - 2
        else:
            j = min(1, len(rest) - 1)
    return _Values(description=_join(rest[:j]), target=rest[j], basis=_join(rest[j + 1:]))


def _basis_like(text: str) -> bool:
    """指标值确定依据 cells cite documents or plans ('冀医保发【2021】10号', '工作保障措施')."""
    k = _key(text)
    return bool(re.search(r"[【\[〔]|号|文件|措施|措|施$|调查|方案|计划|依据|规定|通知|精神", k))


def _merge_cells(a: list[str], b: list[str]) -> list[str]:
    """Two rows of one vertically centred table row, merged column by column."""
    n = max(len(a), len(b))
    return [((a[i] if i < len(a) else "") + (b[i] if i < len(b) else "")).strip() for i in range(n)]


def _join(parts: list[str]) -> str | None:
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return text or None


# ---------------------------------------------------------------- table readers


@dataclass
class _Block:
    title: _Title
    rows: list[Row]
    pre_code: str | None = None


def _split_zones(rows: list[Row]) -> tuple[list[Row], Row | None, list[Row]]:
    """Header zone (project info), the indicator header row, the indicator rows."""
    for i, row in enumerate(rows):
        if _is_indicator_header(row):
            return rows[:i], row, rows[i + 1:]
    return rows, None, []


def _read_indicator_rows(reader: _IndicatorReader, rows: list[Row], stop) -> Row | None:
    """Feed rows to the reader until `stop(row)` says the section ended; returns that row."""
    for row in rows:
        if row.filled and stop(row):
            reader.finish()
            return row
        text = _single_cell(row)
        if text and _TERMINATOR.match(_key(text)) and not _level_word(text):
            break
        if row.filled and _key(row.filled[0][1]).startswith(("备注", "各注")):
            break
        reader.feed(row)
    reader.finish()
    return None


def _new_project(no: int, block: _Block, layout: str) -> PerformanceProject:
    last = block.rows[-1].line_no if block.rows else block.title.index + 1
    return PerformanceProject(
        project_no=no, stage=block.title.stage, layout=layout, table_title=block.title.text,
        line_start=block.title.index + 1, line_end=last, project_name=None,
    )


def _project_name(block: _Block, head: list[Row]) -> str | None:
    """The name printed in a specific title (typed text, cleaner than OCR'd cells), else the
    项目名称 cell; the cell wins when it only adds the '项目' the title suffix swallowed."""
    from_title = _name_from_title(block.title.text)
    cell = _read_name(head)
    if from_title and cell and _key(cell) == _key(from_title) + "项目":
        return _clean(cell)
    return from_title or (_clean(cell) if cell else None)


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
        k = _key(c)
        for field_name, word in (("budget", "年初预算数"), ("annual", "全年预算数"), ("executed", "全年执行数"),
                                 ("weight", "分值"), ("rate", "执行率"), ("score", "得分")):
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
            v = parse_percent(row.cells[i]) if name == "rate" else _amount(row.cells[i])
            if v is not None:
                out[name] = v
    return out


def _check_rate(proj: PerformanceProject) -> None:
    """Flag a printed 执行率 that disagrees with 全年执行数 / 全年预算数 (kept as printed)."""
    if proj.execution_rate is None or not proj.annual_budget_wan or proj.executed_wan is None:
        return
    computed = proj.executed_wan / proj.annual_budget_wan * 100
    if abs(computed - proj.execution_rate) > 0.6:
        proj.notes.append(
            f"printed 执行率 {proj.execution_rate:g} differs from 全年执行数/全年预算数 = {computed:.2f}"
        )


def _amount_candidates(text: str) -> list[float]:
    """'5, 597' can be 5597 (thousands separator) or 5.597 (OCR comma for a point)."""
    out = []
    v = _amount(text)
    if v is not None:
        out.append(v)
    if re.search(r"\d\s*[,，]\s*\d", text):
        alt = _amount(re.sub(r"\s*[,，]\s*", ".", text, count=1))
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
        seen = seen or "资金总额" in _key(c)
    if len(after) < 5:
        proj.notes.append(f"line {row.line_no}: 资金总额 row has too few numbers")
        return
    exec_c, bal_c, rate_c, score_c = after[-4:]
    annual_c = after[-5]
    annual = _pick(_amount_candidates(annual_c), lambda a: True)
    balance = _amount(bal_c)
    executed = _pick(_amount_candidates(exec_c), lambda e: annual is None or balance is None or abs(annual - e - balance) < 0.02)
    proj.annual_budget_wan, proj.executed_wan = annual, executed
    proj.execution_rate, proj.execution_score = parse_percent(rate_c), _amount(score_c)
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
            k = _key(c)
            hit = next((f for lab, f in labels.items() if lab in k), None)
            if hit:
                current = hit
                continue
            if current:
                if current == "rate":
                    proj.execution_rate = parse_percent(c)
                elif current == "budget":
                    proj.budget_wan = _amount(c)
                else:
                    proj.executed_wan = _amount(c)
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
        goal_idx = next((j for j, c in filled if any(w in _key(c) for w in ("预期目标", "年初设定目标", "年初总体目标"))), None)
        done_idx = next((j for j, c in filled if "完成情况" in _key(c)), None)
        if goal_idx is None or done_idx is None:
            continue
        nxt = next((r for r in head[i + 1:i + 3] if r.filled), None)
        if nxt is None:
            return
        goal = [c for j, c in nxt.filled if j < done_idx and _key(c) not in ("目标", "年度总体目标")]
        done = [c for j, c in nxt.filled if j >= done_idx]
        proj.annual_goal = "".join(_clean(c) for c in goal) or None
        proj.actual_summary = "".join(_clean(c) for c in done) or None
        return


def _self_eval_total_a(row: Row) -> bool:
    return any(_key(c) == "总分" for _, c in row.filled)


def _self_eval_total_b(row: Row) -> bool:
    keys = [_key(c) for _, c in row.filled[:5]]
    if any(re.fullmatch(r"(总.{0,2}|[^\d]{0,2}分\)?|总分.*)", k) for k in keys):
        return not any(len(k) >= 5 and _has_cjk(k) for k in keys)
    return False


def _self_eval_total_c(row: Row) -> bool:
    j = row.joined
    return any(w in j for w in ("绩效自评总得分", "总评价得分", "指标自评得分小计", "预算执行率得分"))


def _read_total(row: Row, proj: PerformanceProject, layout: str, cols: _Columns) -> None:
    """总分 row: printed total score and grade (优/良/中/差 where printed)."""
    if layout == "c":
        pairs = _label_pairs(row)
        proj.score_total = pairs.get("总得分", pairs.get("总评价得分"))
        if proj.score_total is None:
            nums = [_amount(c) for _, c in row.filled if _is_number(c)]
            proj.score_total = nums[-1] if nums else None
        if "预算执行率得分" in pairs:
            proj.execution_score = pairs["预算执行率得分"]
        if "减分项" in pairs:
            proj.deduction = pairs["减分项"]
            proj.notes.append(f"减分项 {pairs['减分项']:g}")
        if "指标自评得分小计" in pairs:
            proj.notes.append(f"指标自评得分小计 {pairs['指标自评得分小计']:g}")
        return
    if cols.score is not None and cols.score < len(row.cells) and _is_number(row.cells[cols.score]) and layout == "b":
        proj.score_total = _amount(row.cells[cols.score])
    else:
        nums = [_amount(c) for _, c in row.filled if _is_number(c)]
        proj.score_total = nums[-1] if nums else None
        if len(nums) >= 2:
            proj.notes.append(f"总分 分值 {nums[-2]:g}")
    grade = next((_key(c) for _, c in row.filled if _key(c) in _GRADES), None)
    proj.grade_printed = grade


def _label_pairs(row: Row) -> dict[str, float]:
    """'预算执行率得分 7.56 减分项 8.5573 绩效自评总得分 89' -> {label: number}."""
    out, current = {}, None
    labels = ("绩效自评总得分", "总评价得分", "预算执行率得分", "减分项", "指标自评得分小计")
    for _, c in row.filled:
        k = _key(c)
        hit = next((lab for lab in labels if lab in k), None)
        if hit:
            current = "总得分" if hit == "绩效自评总得分" else hit
            continue
        if current and _is_number(c):
            out[current] = _amount(c)
            current = None
    return out


def _parse_self_eval(block: _Block, no: int) -> tuple[PerformanceProject, list[PerformanceIndicator], list[str]]:
    head, header, body = _split_zones(block.rows)
    layout = _self_eval_layout(block.rows)
    proj = _new_project(no, block, f"自评.{layout}")
    proj.project_name = _project_name(block, head)
    proj.project_code = block.pre_code or _read_code(head)
    _read_people(head, proj)
    {"a": _read_funds_a, "b": _read_funds_b, "c": _read_funds_c}[layout](head, proj)
    _read_goals(head, proj)
    problems: list[str] = []
    if header is None:
        problems.append(f"line {block.title.index + 1}: {block.title.text}: no indicator header found")
        return proj, [], problems
    cols = _columns(header)
    reader = _IndicatorReader(no, layout, cols)
    stop = {"a": _self_eval_total_a, "b": _self_eval_total_b, "c": _self_eval_total_c}[layout]
    total_row = _read_indicator_rows(reader, body, stop)
    if total_row is not None:
        _read_total(total_row, proj, layout, cols)
        proj.line_end = total_row.line_no
    elif reader.items:
        proj.line_end = reader.items[-1].line_no
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
            proj.notes.append(f"偏差原因分析及改进措施: {_clean(m.group(1))}")


# -- self-evaluation, whole unit


def _unit_name_cell(head: list[Row]) -> tuple[str | None, str | None]:
    """部门（单位）名称 cell -> (name, printed unit code), '806001 X局-211381000' -> ('X局', '806001')."""
    for row in head:
        if "名称" in row.joined and ("部门" in row.joined or "单位" in row.joined):
            cells = _cells_after(row, lambda k: "名称" in k)
            if not cells:
                return None, None
            text = _clean(" ".join(cells))
            m = re.match(r"^(\d{3,})?(.*?)(-\d{6,})?-?$", text)
            return (m.group(2) or None, m.group(1)) if m else (text, None)
    return None, None


def _read_tasks(head: list[Row], proj: PerformanceProject, with_scores: bool) -> None:
    """年度主要任务 rows: amounts per task; in self-evaluations their 分值/得分 are the budget
    execution part of the unit score (kept as execution_weight/execution_score)."""
    start = next((i for i, r in enumerate(head) if "年度主要任务" in r.joined), None)
    if start is None:
        return
    weights, scores, tasks = [], [], []
    for row in head[start:]:
        if "年度目标" in row.joined or "年度总体目标" in row.joined or "年初总体目标" in row.joined:
            break
        nums = [_amount(c) if _is_number(c) else parse_percent(c) for _, c in row.filled]
        nums = [n for n in nums if n is not None]
        text = [_clean(c) for _, c in row.filled if _has_cjk(c) and not _is_number(c)]
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


def _parse_unit_self_eval(block: _Block, no: int, info: DocumentInfo):
    head, header, body = _split_zones(block.rows)
    proj = _new_project(no, block, "自评.unit")
    unit, code = _unit_name_cell(head)
    unit = unit or info.unit_name
    proj.project_name = f"整体:{unit}" if unit else None
    proj.unit_name = unit
    if code:
        proj.notes.append(f"unit code {code}")
    for row in head:
        pairs = _numbers_after_label(row, {"年初预算支出金额": "spend", "年初预算收入金额": "income"})
        if "spend" in pairs:
            proj.budget_wan = pairs["spend"]
        if "income" in pairs:
            proj.notes.append(f"部门年初预算收入金额 {pairs['income']:g}")
    _read_tasks(head, proj, with_scores=True)
    _read_goals(head, proj)
    problems: list[str] = []
    if header is None:
        return proj, [], [f"line {block.title.index + 1}: {block.title.text}: no indicator header found"]
    reader = _IndicatorReader(no, "c", _columns(header))
    total_row = _read_indicator_rows(reader, body, _self_eval_total_c)
    if total_row is not None:
        _read_total(total_row, proj, "c", _Columns())
        proj.line_end = total_row.line_no
    proj.notes += reader.notes
    return proj, reader.items, problems + reader.problems


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
    parts = []
    for row in head[start:]:
        if parts and any(lab in row.joined for lab in ("项目名称", "预算数", "资金", "月底")):
            break
        for _, c in row.filled:
            text = _clean(c)
            for lab in _GOAL_LABELS:
                if text.startswith(lab):
                    text = text[len(lab):].lstrip(":：")
                    break
            if text and text not in ("实施期总目标", "年度目标"):
                parts.append(text)
    text = "".join(parts)
    return text or None


# ---------------------------------------------------------------- summary table


def _parse_summary(rows: list[Row]) -> list[PerformanceSummary]:
    """县直部门绩效自评情况汇总表: 项目数量 / 资金总量 (应评价数, 已评价数) and grade counts."""
    out = []
    grade_mode = False
    start = next((i for i, r in enumerate(rows) if "应评价数" in r.joined or "统计内容" in r.joined), None)
    if start is None:
        return out
    for row in rows[start + 1:]:
        if not row.filled:
            continue
        text = _single_cell(row)
        if text and _TERMINATOR.match(_key(text)) or _key(row.filled[0][1]).startswith(("说明", "**说明")):
            break
        keys = [_key(c) for _, c in row.filled]
        nums = [_amount(c) for _, c in row.filled if _is_number(c)]
        if "项目数量" in keys[0]:
            out.append(PerformanceSummary(row.line_no, "项目数量", int(nums[-1]) if nums else None, None, None, None))
        elif "资金总量" in keys[0]:
            out.append(PerformanceSummary(
                row.line_no, "资金总量", None, nums[0] if nums else None, nums[1] if len(nums) > 1 else None, None))
        elif "平均" in keys[0] and "分" in keys[0]:
            out.append(PerformanceSummary(row.line_no, keys[0], None, None, None, nums[-1] if nums else None))
        if "等级" in keys[0]:
            grade_mode = True
        if grade_mode:
            grade = next((k[-1] for k in keys if k and k[-1] in _GRADES and len(k) <= 4), None)
            if grade:
                out.append(PerformanceSummary(row.line_no, f"绩效评价等级:{grade}", int(nums[-1]) if nums else None, None, None, None))
    return out


# ---------------------------------------------------------------- reconciliation


def _reconcile(proj: PerformanceProject, items: list[PerformanceIndicator]) -> None:
    """Notes where the printed 总分 differs from the indicator scores + execution score
    (minus a printed 减分项): that is the publisher's arithmetic, kept as printed."""
    if proj.stage != "自评" or proj.score_total is None or not items:
        return
    scores = [i.score for i in items if i.score is not None]
    total = sum(scores) + (proj.execution_score or 0)
    deduction = next((float(n.split()[1]) for n in proj.notes if n.startswith("减分项 ")), 0.0)
    total -= deduction
    weights = [i.weight for i in items if i.weight is not None]
    printed_weight = next((float(n.split()[-1]) for n in proj.notes if n.startswith("总分 分值 ")), None)
    weight_total = sum(weights) + (proj.execution_weight or 0)
    if printed_weight is not None and abs(weight_total - printed_weight) > 0.05:
        proj.notes.append(
            f"weight_reconciliation: indicator 分值 {sum(weights):g} + execution {proj.execution_weight or 0:g}"
            f" = {weight_total:g} != printed 总分 分值 {printed_weight:g}"
        )
    if abs(total - proj.score_total) > 0.05:
        proj.notes.append(
            f"score_reconciliation: indicators {sum(scores):g} + execution {proj.execution_score or 0:g}"
            f"{f' - 减分项 {deduction:g}' if deduction else ''} = {total:.4g} != printed 总分 {proj.score_total:g}"
        )


# ---------------------------------------------------------------- entry point


def parse_performance(doc: SourceDocument, info: DocumentInfo) -> PerformanceResult:
    """Find every performance table of the document and parse it.

    Blank templates (no project name, no amounts, no indicators) are skipped; a table that
    cannot be read is reported in `problems` with its line number, never raised.
    """
    result = PerformanceResult()
    try:
        rows = _rows(doc)
        titles, summary_idx = _find_titles(rows)
    except Exception as exc:  # pragma: no cover - defensive: text we cannot even split
        result.problems.append(f"line 1: performance tables: {type(exc).__name__}: {exc}")
        return result
    bounds = sorted([t.index for t in titles] + summary_idx) + [len(rows)]
    no = 0
    for title in titles:
        end = next(b for b in bounds if b > title.index)
        block = _Block(title, rows[title.index + 1:end], _pre_title_code(rows, title.index))
        try:
            proj, items, problems = _parse_block(block, no + 1, info)
            if proj is not None:
                _reconcile(proj, items)
        except Exception as exc:  # never let one damaged table stop the document
            result.problems.append(f"line {title.index + 1}: {title.text}: {type(exc).__name__}: {exc}")
            continue
        result.problems += problems
        if proj is None:
            continue
        no += 1
        proj.project_no = no
        for ind in items:
            ind.project_no = no
        result.projects.append(proj)
        result.indicators += items
    for idx in summary_idx:
        end = next(b for b in bounds if b > idx)
        try:
            result.summaries += _parse_summary(rows[idx + 1:end])
        except Exception as exc:
            result.problems.append(f"line {idx + 1}: {_SUMMARY_TITLE}: {type(exc).__name__}: {exc}")
    return result


def _parse_block(block: _Block, no: int, info: DocumentInfo):
    """Dispatch one table by stage and scope; drop blank templates."""
    t = block.title
    if t.stage == "自评":
        proj, items, problems = (_parse_unit_self_eval(block, no, info) if t.scope == "unit"
                                 else _parse_self_eval(block, no))
    else:
        proj, items, problems = _parse_target(block, no, info)
    named = _unit_name_cell(block.rows)[0] if t.scope == "unit" else proj.project_name
    if named is None and proj.budget_wan is None and not items:
        return None, [], []  # a blank template ('指标1:' placeholders only)
    return proj, items, problems
