"""What the report shows, read from the warehouse into plain data classes (no HTML here).

Unit pages read the facts of the unit's current documents — also a 本级 or 单位 document
whose money is inside a loaded 部门汇总 (its page says so) — with the reporting views' rules
for counting each amount once: the all-funds table only, and a "三公" amount of the
document's own stage (a 决算's printed budget column is a comparison). Document pages read
the checks of `fct_reconciliation` and the printed cells of `raw.table_lines`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb

STAGES = ("预算", "决算")
CONTEXT_LINES = 3  # printed lines shown either side of a flagged line
WHOLE_TABLE_LINES = 40  # a table this short is shown whole (a 绩效 project's table)
MAX_CHECKS_LISTED = 300  # a page lists at most this many failed checks (all are in fct_reconciliation)
MAX_TABLES_SHOWN = 30  # … and prints the lines of at most this many tables
MAX_LINES_PER_TABLE = 150


@dataclass
class DocumentRef:
    document_id: str
    source_file: str
    doc_kind: str
    year: int
    scope: str | None
    in_totals: bool
    unit_id: str
    unit_name: str
    checks: int = 0
    failed: int = 0


@dataclass
class Unit:
    unit_id: str
    unit_name: str
    unit_level: str | None
    province: str | None
    city: str | None
    county: str | None
    parent_name: str | None
    documents: list[DocumentRef] = field(default_factory=list)

    @property
    def region(self) -> str:
        return " ".join(p for p in (self.province, self.city, self.county) if p)


@dataclass
class Project:
    name: str
    score: float | None
    grade: str | None
    execution_rate: float | None
    source_file: str


@dataclass
class Indicator:
    project_name: str
    level2: str | None
    indicator_name: str | None
    target_raw: str | None
    actual_raw: str | None
    weight: float | None
    score: float | None
    achieved: bool | None
    deviation_reason: str | None


@dataclass
class YearView:
    year: int
    documents: list[DocumentRef]
    by_class: dict[str, dict[str, float]]  # 类 label -> stage -> 万元
    by_expense_type: dict[str, dict[str, float]]  # stage -> 基本支出/项目支出/… -> 万元
    by_basic_type: dict[str, dict[str, float]]  # stage -> 人员经费/公用经费 -> 万元
    projects: list[Project]
    targets: int  # projects with a 绩效目标表 (targets only)
    unmet: list[Indicator]

    @property
    def stages(self) -> list[str]:
        return [s for s in STAGES if any(s in by_stage for by_stage in self.by_class.values())]


@dataclass
class UnitReport:
    unit: Unit
    years: list[YearView]
    three_public: dict[tuple[int, str], dict[str, float]]  # (year, stage) -> item group -> 万元
    three_public_budget_in_final: dict[int, dict[str, float]]  # year -> item group -> 预算数 printed in the 决算


@dataclass
class PrintedLine:
    line_no: int
    role: str
    cells: list[str]
    flagged: bool


@dataclass
class FailedCheck:
    rule_id: str
    rule_name: str
    severity: str
    message: str
    subject: str | None
    measure: str | None
    printed: float | None
    computed: float | None
    difference: float | None
    tolerance: float | None
    table_no: int | None
    line_no: int | None
    table_title: str | None = None
    shown_table: int | None = None  # the table whose printed lines the page shows for it


@dataclass
class FlaggedTable:
    """A table with failed checks, printed once: its header lines and the lines around every
    flagged line (a short table whole), the flagged lines highlighted."""

    table_no: int
    title: str | None
    lines: list[PrintedLine]
    checks: int


@dataclass
class DocumentReport:
    ref: DocumentRef
    title: str | None
    tables_found: int
    is_current: bool
    rules: list[tuple[str, str, int, int]]  # rule id, name, checks, failed
    failed: list[FailedCheck]  # at most MAX_CHECKS_LISTED, largest differences first
    failed_total: int
    tables: list[FlaggedTable]


def _num(value) -> float | None:
    return None if value is None else float(value)


# ---------------------------------------------------------------- units and documents


def documents(con: duckdb.DuckDBPyConnection) -> list[DocumentRef]:
    rows = con.execute(
        """
        select d.document_id, d.source_file, d.doc_kind, d.year, d.scope, d.in_totals, d.unit_id,
               coalesce(u.unit_name, d.unit_name),
               count(r.check_id), count(r.check_id) filter (where not r.passed)
        from dim_document d
        left join dim_unit u on u.unit_id = d.unit_id
        left join fct_reconciliation r on r.document_id = d.document_id
        where d.is_current
        group by all
        order by 8, d.year, d.doc_kind, d.source_file
        """
    ).fetchall()
    return [DocumentRef(*row) for row in rows]


def units(con: duckdb.DuckDBPyConnection, docs: list[DocumentRef]) -> list[Unit]:
    rows = con.execute(
        """
        select u.unit_id, u.unit_name, u.unit_level, u.province, u.city, u.county, p.unit_name
        from dim_unit u left join dim_unit p on p.unit_id = u.parent_unit_id
        """
    ).fetchall()
    by_id = {row[0]: Unit(*row) for row in rows}
    for doc in docs:
        unit = by_id.get(doc.unit_id)
        if unit is not None:
            unit.documents.append(doc)
    found = [u for u in by_id.values() if u.documents]
    return sorted(found, key=lambda u: (u.province or "", u.city or "", u.county or "", u.unit_name))


# ---------------------------------------------------------------- a unit's charts


def _nested(rows, key_a: int, key_b: int, value: int) -> dict:
    out: dict = defaultdict(dict)
    for row in rows:
        out[row[key_a]][row[key_b]] = (out[row[key_a]].get(row[key_b]) or 0.0) + float(row[value] or 0)
    return dict(out)


def unit_report(con: duckdb.DuckDBPyConnection, unit: Unit) -> UnitReport:
    uid = [unit.unit_id]
    classes = con.execute(
        """
        select f.year, f.stage,
               coalesce(s.class_code, left(f.func_code, 3)) || ' ' || coalesce(s.class_name, '（名称未知）') as class_label,
               sum(f.amount_wan)
        from fct_expenditure f
        left join dim_func_subject s on s.func_code = f.func_code
        where f.unit_id = ? and f.fund_type = '全部资金'
        group by all order by 1, 3
        """,
        uid,
    ).fetchall()
    expense = con.execute(
        "select year, stage, expense_type, sum(amount_wan) from fct_expenditure "
        "where unit_id = ? and fund_type = '全部资金' group by all",
        uid,
    ).fetchall()
    basic = con.execute(
        "select year, stage, expense_type, sum(amount_wan) from fct_basic_expenditure where unit_id = ? group by all", uid
    ).fetchall()
    three = con.execute(
        """
        select t.year, d.doc_kind,
               case when t.item in ('公务用车购置费', '公务用车运行维护费') then '公务用车购置及运行维护费' else t.item end,
               sum(case when t.stage = d.doc_kind then t.amount_wan end),
               sum(case when d.doc_kind = '决算' and t.stage = '预算' then t.amount_wan end)
        from fct_three_public t join dim_document d on d.document_id = t.document_id
        where t.unit_id = ? group by all
        """,
        uid,
    ).fetchall()
    projects = con.execute(
        """
        select p.year, p.project_name, p.score, p.grade, p.execution_rate, d.source_file
        from fct_project_performance p join dim_document d on d.document_id = p.document_id
        where p.unit_id = ? and p.stage = '自评'
        order by p.score nulls last, p.project_name
        """,
        uid,
    ).fetchall()
    targets = dict(
        con.execute(
            "select year, count(*) from fct_project_performance where unit_id = ? and stage = '目标' group by year", uid
        ).fetchall()
    )
    unmet = con.execute(
        """
        select i.year, p.project_name, i.level2, i.indicator_name, i.target_raw, i.actual_raw, i.weight, i.score,
               i.achieved, i.deviation_reason
        from fct_performance_indicator i
        join fct_project_performance p on p.document_id = i.document_id and p.project_no = i.project_no
        where i.unit_id = ? and i.stage = '自评' and (i.achieved = false or i.weight > i.score)
        order by i.year, i.weight - i.score desc nulls last, p.project_name, i.line_no
        """,
        uid,
    ).fetchall()

    years = sorted({d.year for d in unit.documents})
    views = []
    for year in years:
        views.append(
            YearView(
                year=year,
                documents=[d for d in unit.documents if d.year == year],
                by_class=_nested([r for r in classes if r[0] == year], 2, 1, 3),
                by_expense_type=_nested([r for r in expense if r[0] == year], 1, 2, 3),
                by_basic_type=_nested([r for r in basic if r[0] == year], 1, 2, 3),
                projects=[Project(r[1], _num(r[2]), r[3], _num(r[4]), r[5]) for r in projects if r[0] == year],
                targets=targets.get(year, 0),
                unmet=[
                    Indicator(r[1], r[2], r[3], r[4], r[5], _num(r[6]), _num(r[7]), r[8], r[9]) for r in unmet if r[0] == year
                ],
            )
        )
    three_public: dict[tuple[int, str], dict[str, float]] = defaultdict(dict)
    budget_in_final: dict[int, dict[str, float]] = defaultdict(dict)
    for year, stage, group, amount, printed_budget in three:
        if amount is not None:
            three_public[(year, stage)][group] = three_public[(year, stage)].get(group, 0.0) + float(amount)
        if printed_budget is not None:
            budget_in_final[year][group] = budget_in_final[year].get(group, 0.0) + float(printed_budget)
    return UnitReport(unit, views, dict(three_public), dict(budget_in_final))


# ---------------------------------------------------------------- a document's checks


def document_report(con: duckdb.DuckDBPyConnection, ref: DocumentRef) -> DocumentReport:
    did = [ref.document_id]
    title, tables_found, is_current = con.execute(
        "select title, tables_found, is_current from dim_document where document_id = ?", did
    ).fetchone() or (None, 0, True)
    rules = con.execute(
        """
        select rule_id, any_value(rule_name), count(*), count(*) filter (where not passed)
        from fct_reconciliation where document_id = ? group by rule_id order by rule_id
        """,
        did,
    ).fetchall()
    rows = con.execute(
        """
        select rule_id, rule_name, severity, message, subject, measure, printed_value, computed_value,
               difference, tolerance, table_no, line_no
        from fct_reconciliation where document_id = ? and not passed
        order by severity, abs(difference) desc nulls last, line_no
        """,
        did,
    ).fetchall()
    failed = [
        FailedCheck(r[0], r[1], r[2], r[3], r[4], r[5], _num(r[6]), _num(r[7]), _num(r[8]), _num(r[9]), r[10], r[11])
        for r in rows[:MAX_CHECKS_LISTED]
    ]
    tables = con.execute(
        "select table_no, title, line_start, line_end from raw.tables where document_id = ? order by table_no", did
    ).fetchall()
    titles = {t[0]: t[1] for t in tables}
    flagged: dict[int, list[int | None]] = defaultdict(list)  # table -> flagged lines, in check order
    for check in failed:
        table_no = check.table_no
        if table_no is None and check.line_no is not None:  # 绩效 checks name a line, not a table
            table_no = next((t[0] for t in tables if t[2] <= check.line_no <= (t[3] or t[2])), None)
        if table_no is None:
            continue
        check.table_title = titles.get(table_no)
        if table_no in flagged or len(flagged) < MAX_TABLES_SHOWN:
            flagged[table_no].append(check.line_no)
            check.shown_table = table_no
    lines = con.execute(
        "select table_no, line_no, line_role, cells_json from raw.table_lines where document_id = ? and table_no in "
        "(select unnest(?::integer[])) order by line_no",
        [ref.document_id, sorted(flagged)],
    ).fetchall()
    by_table: dict[int, list[tuple]] = defaultdict(list)
    for line in lines:
        by_table[line[0]].append(line)
    shown = [
        FlaggedTable(table_no, titles.get(table_no), printed_lines(by_table.get(table_no, []), flags), len(flags))
        for table_no, flags in sorted(flagged.items())
    ]
    return DocumentReport(ref, title, tables_found or 0, bool(is_current), [tuple(r) for r in rules], failed, len(rows), shown)


def printed_lines(table_lines: list[tuple], flagged: list[int | None]) -> list[PrintedLine]:
    """The lines to show for a table's failed checks: a short table whole; else its header
    lines and the printed lines around each flagged one (at most MAX_LINES_PER_TABLE)."""
    marks = {n for n in flagged if n is not None}
    if len(table_lines) <= WHOLE_TABLE_LINES:
        chosen = table_lines
    else:
        chosen = [t for t in table_lines if t[2] == "header" or any(abs(t[1] - n) <= CONTEXT_LINES for n in marks)][
            :MAX_LINES_PER_TABLE
        ]
    return [PrintedLine(t[1], t[2], [str(c) for c in json.loads(t[3] or "[]")], t[1] in marks) for t in chosen]
