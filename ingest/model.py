"""Plain data classes passed between the ingest stages.

detect -> segment -> parse -> load: each stage takes and returns these, nothing else, so a
stage can be tested on a text fragment without running the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceDocument:
    """One input file, decoded. `lines[0]` is line 1 of the file (provenance is 1-based).

    A text file has lines only. A PDF, a spreadsheet or a scan is read into the same lines
    (table rows tab-separated, the rest as text lines), and `pages[i]` says which page (or
    sheet, from 1) line i+1 came from, so provenance can be file + page + row.
    """

    source_file: str  # base name of the input file
    source_path: str  # path as given (relative to the input folder where possible)
    content_sha256: str
    encoding: str  # the text encoding, or how the file was read ('pdf text layer', 'ocr …', 'xlsx')
    lines: list[str]
    pages: list[int] | None = None  # page (sheet) number of each line; None for text files
    text_sha256: str | None = None  # hash of the decoded text: the same text in another encoding is one document

    def page(self, line_no: int) -> int | None:
        return self.pages[line_no - 1] if self.pages else None

    def line(self, line_no: int) -> str:
        return self.lines[line_no - 1]


@dataclass
class DocumentInfo:
    """What the document is: recognised from its title, headers and tables (detect.py)."""

    doc_kind: str | None  # '预算' | '决算' | '绩效自评'
    year: int | None
    unit_name: str | None
    unit_code: str | None
    amount_unit: str  # the document's dominant money unit: '元' | '万元'
    title: str | None
    unit_name_aliases: list[str] = field(default_factory=list)
    parent_unit_name: str | None = None  # 主管部门 printed beside the unit
    parent_unit_code: str | None = None
    unit_level: str | None = None  # '部门' | '单位' (from 部门预算/单位决算 … in the title)
    listed_units: list[tuple[str, str]] = field(default_factory=list)  # (code, name) pairs printed in tables
    scope: str | None = None  # '部门汇总' (a department with its units) | '本级' | '单位'
    unit_source: str | None = None  # where the unit came from: title | label | table header | file name | manifest
    year_source: str | None = None  # text | file name | manifest
    kind_source: str | None = None  # text | file name | manifest
    region_hint: str | None = None  # the manifest's region, for units whose name lacks a place
    source_url: str | None = None  # the manifest's source URL
    identity_findings: list[str] = field(default_factory=list)  # disagreements with the manifest, why no unit
    title_names_document: bool = False  # the cover calls it a 预算/决算/绩效 document (narrative-only ones count)


@dataclass
class TableRow:
    line_no: int
    cells: list[str]


@dataclass
class Table:
    """One standard table: its title, kind, the lines it spans and its rows (segment.py).

    A table continued over page breaks is one Table: repeated page headers and column
    headers are dropped from `rows` but the lines stay inside [line_start, line_end].
    """

    table_no: int  # order of the table in its document, from 1
    table_kind: str  # see segment.TABLE_KINDS
    title: str
    title_line: int
    line_start: int
    line_end: int
    amount_unit: str  # '元' | '万元' (per table: a document may mix them)
    header_rows: list[TableRow] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    empty_note: str | None = None  # 空表列示 / 本表无数据 … when printed
    unit_printed: bool = False  # the table states its own 单位：万元/元 (else inherited)


@dataclass
class Repair:
    """A value the parser inferred or corrected instead of reading it as printed."""

    table_no: int
    line_no: int
    field: str  # 'func_code' | 'econ_code' | 'amount' | 'name' …
    printed: str | None
    repaired: str | None
    rule: str  # short rule id, e.g. 'code_from_sibling_table'
    detail: str = ""


@dataclass
class AmountCell:
    """One printed money amount of a financial table, with where it stands.

    `subject_code` is the classification code of its row (function or economic), after
    repairs; `measure` is the column meaning (e.g. '基本支出', '人员经费', '预算数'); amounts
    stay in the printed unit here (`amount_unit`), conversion to 万元 happens in dbt.
    """

    table_no: int
    line_no: int
    row_kind: str  # 'item' (a coded or named row) | 'total' (合计/总计 row)
    subject_scheme: str | None  # 'func' | 'econ_dept' | 'econ_gov' | 'revenue' | 'three_public' | None
    subject_code: str | None
    subject_name: str | None
    subject_code_printed: str | None
    measure: str
    amount_text: str
    amount: float | None
    amount_unit: str
    paired_code: str | None = None  # e.g. the 政府经济分类 code printed beside a 部门 code
    paired_name: str | None = None
    column_no: int | None = None


@dataclass
class PerformanceProject:
    """One project table of a 绩效目标表 / 绩效自评表 (or a unit's 整体 table)."""

    project_no: int  # order in the document, from 1
    stage: str  # '目标' | '自评'
    layout: str  # which layout the parser recognised
    table_title: str
    line_start: int
    line_end: int
    project_name: str | None
    project_code: str | None = None
    unit_name: str | None = None  # 实施单位 / 预算单位 as printed
    department_name: str | None = None  # 主管部门 as printed
    budget_wan: float | None = None  # 预算数 / 年初预算数
    fiscal_wan: float | None = None  # 其中 财政资金 / 当年财政拨款
    other_wan: float | None = None  # 其他资金
    annual_budget_wan: float | None = None  # 全年预算数
    executed_wan: float | None = None  # 全年执行数
    execution_rate: float | None = None  # percent as printed (92.5 for 92.5%)
    execution_weight: float | None = None  # 分值 of the budget-execution line
    execution_score: float | None = None  # 得分 of the budget-execution line
    deduction: float | None = None  # 减分项 printed beside the total (subtracted from the scores)
    score_total: float | None = None  # 总分 as printed
    weight_total: float | None = None  # the 分值 total printed: header ('分值权重（90分）') or 总分 row
    indicator_rows: int | None = None  # indicator rows counted on the page, apart from the reader
    grade_printed: str | None = None
    purpose: str | None = None  # 资金用途 / 项目简介
    annual_goal: str | None = None  # 年度目标 / 预期目标
    actual_summary: str | None = None  # 实际完成情况
    plan_q1: float | None = None  # 资金支出计划 3月底
    plan_q2: float | None = None  # 6月底
    plan_q3: float | None = None  # 10月底
    plan_q4: float | None = None  # 12月底
    notes: list[str] = field(default_factory=list)


@dataclass
class PerformanceIndicator:
    project_no: int
    line_no: int
    level1: str | None
    level2: str | None
    indicator_name: str | None
    target_raw: str | None = None
    target_op: str | None = None
    target_value: float | None = None
    target_unit: str | None = None
    adjusted_target_raw: str | None = None  # 调整后指标值 where printed
    actual_raw: str | None = None
    actual_value: float | None = None
    actual_unit: str | None = None
    weight: float | None = None  # 分值
    score: float | None = None  # 得分
    description: str | None = None  # 绩效指标描述
    basis: str | None = None  # 指标值确定依据
    deviation_reason: str | None = None  # 偏差原因
    achieved: bool | None = None
    achieved_rule: str | None = None  # how `achieved` was judged (perf_values.judge_achieved)
    item_no: int = 1  # order within its printed line (a packed 绩效指标 cell prints several)


@dataclass
class PerformanceSummary:
    """A 绩效自评情况汇总表 line: counts and totals the publisher reports."""

    line_no: int
    label: str
    project_count: int | None
    budget_wan: float | None
    executed_wan: float | None
    average_score: float | None


@dataclass
class PerformanceResult:
    projects: list[PerformanceProject] = field(default_factory=list)
    indicators: list[PerformanceIndicator] = field(default_factory=list)
    summaries: list[PerformanceSummary] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # tables seen but not understood


@dataclass
class ParsedDocument:
    """Everything one document yields; load.py writes it to the raw schema in one go."""

    source: SourceDocument
    info: DocumentInfo
    tables: list[Table]
    amounts: list[AmountCell]
    repairs: list[Repair]
    performance: PerformanceResult
    table_errors: list[tuple[int, str]] = field(default_factory=list)  # (table_no, reason)
    manifest_json: str | None = None  # the manifest entry the document was read with (JSON), if any
