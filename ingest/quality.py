"""The quality report: per document, what was read and which of its own sums hold.

`python -m ingest report quality` answers, for each current document: which tables were
found (by kind), how many facts they gave, how many reconciliation checks ran and failed (by
rule and by likely cause), and — with `--failed` — each failed check beside the lines the
document prints there. It is how a user (or a developer after a parser change) sees whether a
folder of real documents was read right, without writing SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .sqlguard import open_read_only

DOCUMENT_SUMMARY = """
with tables as (
    select document_id, count(*) as n_tables,
        string_agg(table_kind || '×' || n, ' ' order by table_kind) as tables_by_kind
    from (select document_id, table_kind, count(*) as n from raw.tables group by 1, 2)
    group by document_id
),
facts as (
    select document_id, sum(n) as n_facts from (
        select document_id, count(*) as n from main.fct_expenditure group by 1
        union all select document_id, count(*) from main.fct_basic_expenditure group by 1
        union all select document_id, count(*) from main.fct_revenue group by 1
        union all select document_id, count(*) from main.fct_three_public group by 1
        union all select document_id, count(*) from main.fct_performance_indicator group by 1
    ) group by document_id
),
projects as (
    select document_id, count(*) as n_projects from main.fct_project_performance group by 1
),
checks as (
    select document_id, count(*) as n_checks, count(*) filter (where not passed) as n_failed,
        string_agg(distinct case when not passed then rule_id end, ' ') as failed_rules,
        string_agg(distinct case when not passed then likely_cause end, ' ') as likely_causes
    from main.fct_reconciliation group by 1
)
select d.source_file, d.doc_kind, d.year, d.unit_name, d.scope, d.unit_source,
    coalesce(tables.n_tables, 0) as tables, coalesce(tables.tables_by_kind, '') as tables_by_kind,
    coalesce(facts.n_facts, 0) as facts, coalesce(projects.n_projects, 0) as projects,
    coalesce(checks.n_checks, 0) as checks, coalesce(checks.n_failed, 0) as failed,
    coalesce(checks.failed_rules, '') as failed_rules, coalesce(checks.likely_causes, '') as likely_causes
from main.dim_document d
left join tables using (document_id)
left join facts using (document_id)
left join projects using (document_id)
left join checks using (document_id)
where d.is_current
order by failed desc, d.source_file
"""

FAILED_CHECKS = """
select r.source_file, r.rule_id, r.rule_name, r.table_no, r.line_no, r.subject, r.measure,
    r.printed_value, r.computed_value, r.difference, r.likely_cause,
    (select l.cells_json from raw.table_lines l
     where l.document_id = r.document_id and l.table_no = r.table_no and l.line_no = r.line_no
     limit 1) as printed_cells,
    (select t.title from raw.tables t where t.document_id = r.document_id and t.table_no = r.table_no) as table_title
from main.fct_reconciliation r
where not r.passed and (? is null or r.source_file = ?)
order by r.source_file, r.table_no nulls last, r.line_no, r.rule_id
"""


@dataclass
class QualityReport:
    """The report's two tables: one row per document, and the failed checks."""

    columns: list[str]
    documents: list[tuple]
    failed_columns: list[str]
    failed: list[tuple]

    @property
    def totals(self) -> dict[str, int]:
        i = {c: k for k, c in enumerate(self.columns)}
        return {
            "documents": len(self.documents),
            "documents_passing_every_check": sum(1 for d in self.documents if d[i["failed"]] == 0),
            "checks": sum(d[i["checks"]] for d in self.documents),
            "checks_failed": sum(d[i["failed"]] for d in self.documents),
            "facts": sum(d[i["facts"]] for d in self.documents),
        }


def quality_report(db_path: Path, document: str | None = None) -> QualityReport:
    con = open_read_only(db_path)
    try:
        docs = con.execute(DOCUMENT_SUMMARY)
        columns = [d[0] for d in docs.description]
        documents = docs.fetchall()
        if document:
            documents = [d for d in documents if d[0] == document]
        failed = con.execute(FAILED_CHECKS, [document, document])
        failed_columns = [d[0] for d in failed.description]
        failed_rows = [_with_printed_line(row) for row in failed.fetchall()]
    except duckdb.Error as exc:
        raise QualityFailed(f"not a complete warehouse ({str(exc).splitlines()[0]}): run a refresh first") from None
    finally:
        con.close()
    return QualityReport(columns, documents, failed_columns, failed_rows)


class QualityFailed(Exception):
    """The warehouse cannot give the report (missing, not built)."""


def _with_printed_line(row: tuple) -> tuple:
    """The printed cells of the check's line as one readable string (tab-joined as printed)."""
    *head, cells_json, title = row
    try:
        cells = json.loads(cells_json) if cells_json else []
    except ValueError:
        cells = []
    return (*head, " | ".join(c.strip() for c in cells if c and c.strip()), title)
